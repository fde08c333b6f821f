package io.tdsproxy.server.proxy;

import io.tdsproxy.tls.CertificateGenerator;
import io.tdsproxy.tls.GeneratedCertificate;
import io.tdsproxy.tls.KeyType;
import io.tdsproxy.tls.PemFiles;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/**
 * A test CA and a server certificate for {@code localhost} / 127.0.0.1 issued by it, written as PEM
 * (for the proxy) and as a PKCS#12 trust store holding the CA (for mssql-jdbc). Generated per test
 * class; nothing is shipped.
 */
final class TestPki {
    static final String TRUST_STORE_PASSWORD = "changeit";

    final GeneratedCertificate ca;
    final GeneratedCertificate server;
    final Path certificate;
    final Path key;
    final Path caPem;
    final Path trustStore;

    TestPki(Path dir) throws IOException, GeneralSecurityException {
        this(dir, "localhost", "127.0.0.1");
    }

    /** A test CA and an RSA server certificate for {@code serverName} and the further subjectAltNames {@code sans}. */
    TestPki(Path dir, String serverName, String... sans) throws IOException, GeneralSecurityException {
        this(dir, KeyType.RSA_2048, serverName, sans);
    }

    /** A test CA and a server certificate with a {@code keyType} key for {@code serverName} and {@code sans}. */
    TestPki(Path dir, KeyType keyType, String serverName, String... sans) throws IOException, GeneralSecurityException {
        ca = CertificateGenerator.builder().subject("tdsproxy test CA").ca(true).generate();
        server = CertificateGenerator.builder().subject(serverName).sans(sans).keyType(keyType).issuer(ca).generate();
        certificate = dir.resolve("server.pem");
        key = dir.resolve("server.key");
        caPem = dir.resolve("ca.pem");
        trustStore = dir.resolve("truststore.p12");
        PemFiles.writeCertificates(certificate, server.chain());
        PemFiles.writePkcs8(key, server.key());
        PemFiles.writeCertificate(caPem, ca.certificate());
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("tdsproxy-test-ca", ca.certificate());
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            store.store(out, TRUST_STORE_PASSWORD.toCharArray());
        }
    }
}
