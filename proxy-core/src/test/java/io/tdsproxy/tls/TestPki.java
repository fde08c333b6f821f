package io.tdsproxy.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Certificates generated once per test JVM: a test root CA and server certificates it issued for
 * {@link #HOST} (SANs {@code localhost} and {@code 127.0.0.1} too). Generating RSA keys costs tens of
 * milliseconds each, so they are shared; nothing here is ever written to the repository.
 */
public final class TestPki {
    /** The server name every generated server certificate carries as CN. */
    public static final String HOST = "db.tdsproxy.test";

    private static GeneratedCertificate ca;
    private static final Map<KeyType, GeneratedCertificate> SERVERS = new EnumMap<>(KeyType.class);

    private TestPki() {
    }

    /** The test root CA (EC P-256). */
    public static synchronized GeneratedCertificate ca() {
        if (ca == null) {
            ca = CertificateGenerator.builder().subject("tdsproxy test root CA").keyType(KeyType.EC_P256)
                    .ca(true).generate();
        }
        return ca;
    }

    /** A server certificate of {@code type} issued by {@link #ca()}. */
    public static synchronized GeneratedCertificate server(KeyType type) {
        return SERVERS.computeIfAbsent(type, t -> CertificateGenerator.builder().subject(HOST)
                .sans("localhost", "127.0.0.1").keyType(t).issuer(ca()).generate());
    }

    /** Writes the CA certificate as PEM into {@code dir} and returns the file. */
    public static Path writeCa(Path dir) throws IOException {
        Path file = dir.resolve("test-ca.pem");
        PemFiles.writeCertificate(file, ca().certificate());
        return file;
    }
}
