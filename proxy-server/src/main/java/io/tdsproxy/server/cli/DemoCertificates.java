package io.tdsproxy.server.cli;

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
 * The demo's throw-away PKI: a CA, a server certificate for {@code localhost} signed by it, and a
 * PKCS#12 trust store holding the CA for mssql-jdbc.
 */
record DemoCertificates(Path caCertificate, Path serverCertificate, Path serverKey, Path trustStore,
                        String trustStorePassword) {

    static DemoCertificates create(Path dir, String host) throws IOException, GeneralSecurityException {
        GeneratedCertificate ca = CertificateGenerator.builder().subject("tdsproxy demo CA").ca(true)
                .keyType(KeyType.EC_P256).generate();
        GeneratedCertificate server = CertificateGenerator.builder().subject(host).sans(host, "127.0.0.1")
                .keyType(KeyType.RSA_2048).issuer(ca).generate();
        Path caFile = dir.resolve("ca.pem");
        Path certFile = dir.resolve("tdsproxy.pem");
        Path keyFile = dir.resolve("tdsproxy.key");
        Path trustFile = dir.resolve("truststore.p12");
        PemFiles.writeCertificate(caFile, ca.certificate());
        PemFiles.writeCertificates(certFile, server.chain());
        PemFiles.writePkcs8(keyFile, server.key());
        String password = "changeit";
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("tdsproxy-demo-ca", ca.certificate());
        try (OutputStream out = Files.newOutputStream(trustFile)) {
            trust.store(out, password.toCharArray());
        }
        return new DemoCertificates(caFile, certFile, keyFile, trustFile, password);
    }
}
