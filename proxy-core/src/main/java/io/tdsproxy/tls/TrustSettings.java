package io.tdsproxy.tls;

import java.nio.file.Path;

/**
 * How a TLS client (the proxy towards a backend, or a test client) checks the server certificate,
 * with the meaning the SQL Server drivers give these options (protocol.md 6.1).
 *
 * @param trustServerCertificate accept any certificate without checking chain or name
 * @param caFileOrNull           PEM file with the CA certificates to trust; {@code null}: the JDK's default trust store
 * @param hostNameInCertificateOrNull the name the certificate must carry; {@code null}: the host the client dials.
 *                                    Checked separately from the dial address, so a backend can be dialled by IP
 *                                    and still be verified by name
 */
public record TrustSettings(boolean trustServerCertificate, Path caFileOrNull, String hostNameInCertificateOrNull) {
    /** Trust anything (trustServerCertificate=true). */
    public static TrustSettings trustAll() {
        return new TrustSettings(true, null, null);
    }

    /** Verify against the CAs in {@code caFile} and the dialled host name. */
    public static TrustSettings ca(Path caFile) {
        return new TrustSettings(false, caFile, null);
    }
}
