package io.tdsproxy.server.proxy;

import io.netty.handler.ssl.SslContext;

import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The client-leg TLS context currently served. A session reads it once, when it installs TLS, so a
 * {@link #swap} affects only handshakes that start afterwards; running connections keep the engine
 * (and so the context) they were made with. Thread-safe.
 */
final class ReloadableTls {
    /**
     * @param context     the TDS 7.x server context
     * @param certificate its leaf certificate
     * @param fingerprint digest of the certificate and key files it was loaded from
     */
    record Served(SslContext context, X509Certificate certificate, String fingerprint) {
        Served {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(fingerprint, "fingerprint");
        }
    }

    private final AtomicReference<Served> served;

    ReloadableTls(Served initial) {
        served = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    }

    SslContext context() {
        return served.get().context();
    }

    Served served() {
        return served.get();
    }

    void swap(Served next) {
        served.set(Objects.requireNonNull(next, "next"));
    }
}
