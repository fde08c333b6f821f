package io.tdsproxy.testkit.tls;

import io.tdsproxy.tls.KeyMaterial;
import io.tdsproxy.tls.KeyType;
import io.tdsproxy.tls.PemFiles;
import io.tdsproxy.tls.TestPki;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/**
 * Client-side trust for tests against a TLS embedded server: proxy-core's {@link TestPki} (a root CA
 * generated with Bouncy Castle in this JVM and a server certificate for {@value TestPki#HOST},
 * {@code localhost} and {@code 127.0.0.1}) written once per JVM as a PKCS#12 trust store for mssql-jdbc
 * and as PEM for openssl / FreeTDS. Nothing is written to the repository.
 */
public final class TestTrust {
    /** Password of {@link #trustStore()}. */
    public static final String TRUST_STORE_PASSWORD = "changeit";

    private static Path dir;

    private TestTrust() {
    }

    /** The server's key and chain (EC P-256 leaf issued by the test CA). */
    public static KeyMaterial serverKeyMaterial() {
        return TestPki.server(KeyType.EC_P256).keyMaterial();
    }

    /** A PKCS#12 trust store holding only the test CA. */
    public static synchronized Path trustStore() {
        return files().resolve("truststore.p12");
    }

    /** The test CA as PEM. */
    public static synchronized Path caPem() {
        return files().resolve("test-ca.pem");
    }

    /** The mssql-jdbc properties that trust the test CA and expect the name {@value TestPki#HOST}. */
    public static String jdbcTrust() {
        return ";trustStore=" + trustStore() + ";trustStorePassword=" + TRUST_STORE_PASSWORD
                + ";trustStoreType=PKCS12;hostNameInCertificate=" + TestPki.HOST;
    }

    private static Path files() {
        if (dir != null) {
            return dir;
        }
        try {
            Path d = Files.createTempDirectory("tdsproxy-testkit-tls");
            d.toFile().deleteOnExit();
            TestPki.writeCa(d);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("tdsproxy-test-ca", TestPki.ca().certificate());
            try (OutputStream out = Files.newOutputStream(d.resolve("truststore.p12"))) {
                store.store(out, TRUST_STORE_PASSWORD.toCharArray());
            }
            Path server = d.resolve("server.pem");
            PemFiles.writeCertificates(server, serverKeyMaterial().chain());
            for (String name : new String[] {"test-ca.pem", "truststore.p12", "server.pem"}) {
                d.resolve(name).toFile().deleteOnExit();
            }
            dir = d;
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot write the test trust store", e);
        }
    }
}
