package io.tdsproxy.server.proxy;

import io.tdsproxy.tls.CertificateGenerator;
import io.tdsproxy.tls.GeneratedCertificate;
import io.tdsproxy.tls.PemFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** Certificates for reload tests, all issued by one {@link TestPki}'s CA, and writing them over its files. */
final class ReloadPairs {
    private ReloadPairs() {
    }

    /** A fresh server certificate for localhost / 127.0.0.1 (new key, new serial). */
    static GeneratedCertificate fresh(TestPki pki) {
        return CertificateGenerator.builder().subject("localhost").sans("127.0.0.1").issuer(pki.ca).generate();
    }

    /** A certificate whose validity ended yesterday: it loads, but the validity check fails. */
    static GeneratedCertificate expired(TestPki pki) {
        Instant now = Instant.now();
        return CertificateGenerator.builder().subject("localhost").sans("127.0.0.1").issuer(pki.ca)
                .validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))).generate();
    }

    /** Rewrites {@code pki}'s certificate and key files in place (truncate, write), as a copy over them does. */
    static void install(TestPki pki, GeneratedCertificate pair) throws IOException {
        install(pair, pki.certificate, pki.key);
    }

    /** {@link #install(TestPki, GeneratedCertificate)} for tests that cannot throw checked exceptions. */
    static void installQuietly(TestPki pki, GeneratedCertificate pair) {
        try {
            install(pki, pair);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void install(GeneratedCertificate pair, Path certificate, Path key) throws IOException {
        PemFiles.writeCertificates(certificate, pair.chain());
        PemFiles.writePkcs8(key, pair.key());
    }
}
