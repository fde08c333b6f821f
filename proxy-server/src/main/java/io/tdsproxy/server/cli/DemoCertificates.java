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
 * The demo's throw-away certificate: self-signed for {@code localhost} and 127.0.0.1, made like
 * {@code tdsproxy cert generate} makes one (serverAuth, key usage, SAN, SHA-256, key file mode 600),
 * which is SQL Server's documented set-up; clients trust the certificate file itself, here through a
 * PKCS#12 trust store for mssql-jdbc.
 *
 * @param certificate        the self-signed server certificate (PEM): what clients must trust
 * @param key                its private key (PKCS#8 PEM, mode 600)
 * @param trustStore         a PKCS#12 trust store holding {@code certificate}
 * @param trustStorePassword the trust store's password
 */
record DemoCertificates(Path certificate, Path key, Path trustStore, String trustStorePassword) {

    static DemoCertificates create(Path dir, String host) throws IOException, GeneralSecurityException {
        GeneratedCertificate server = CertificateGenerator.builder().subject(host).sans(host, "127.0.0.1")
                .keyType(KeyType.RSA_2048).generate();
        Path certFile = dir.resolve("tdsproxy.pem");
        Path keyFile = dir.resolve("tdsproxy.key");
        Path trustFile = dir.resolve("truststore.p12");
        PemFiles.writeCertificate(certFile, server.certificate());
        PemFiles.writePkcs8(keyFile, server.key());
        String password = "changeit";
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("tdsproxy-demo", server.certificate());
        try (OutputStream out = Files.newOutputStream(trustFile)) {
            trust.store(out, password.toCharArray());
        }
        return new DemoCertificates(certFile, keyFile, trustFile, password);
    }
}
