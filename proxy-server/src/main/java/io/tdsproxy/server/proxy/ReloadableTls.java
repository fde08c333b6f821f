package io.tdsproxy.server.proxy;

import io.netty.handler.ssl.SslContext;
import io.tdsproxy.tls.KeyMaterial;

import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The client-leg TLS context currently served. A session reads it once, when it installs TLS, so a
 * {@link #swap} affects only handshakes that start afterwards; running connections keep the engine
 * (and so the context) they were made with. Thread-safe.
 */
final class ReloadableTls {
    /**
     * @param context     the TDS 7.x server context
     * @param material    the chain and key it was built from
     * @param fingerprint digest of the certificate and key files it was loaded from
     * @param strictContext the TDS 8.0 (strict) context from the same material, empty when
     *                    {@code tlsprotocols} lists neither 1.2 nor 1.3
     */
    record Served(SslContext context, KeyMaterial material, String fingerprint, Optional<SslContext> strictContext) {
        Served {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(material, "material");
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(strictContext, "strictContext");
        }

        /** Without a strict context. */
        Served(SslContext context, KeyMaterial material, String fingerprint) {
            this(context, material, fingerprint, Optional.empty());
        }

        /** The leaf certificate. */
        X509Certificate certificate() {
            return material.leaf();
        }
    }

    private final AtomicReference<Served> served;

    ReloadableTls(Served initial) {
        served = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    }

    SslContext context() {
        return served.get().context();
    }

    /** The TDS 8.0 (strict) context served with {@link #context()}. */
    Optional<SslContext> strictContext() {
        return served.get().strictContext();
    }

    Served served() {
        return served.get();
    }

    void swap(Served next) {
        served.set(Objects.requireNonNull(next, "next"));
    }
}
