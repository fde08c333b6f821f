package io.tdsproxy.testkit.clients;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A private {@code freetds.conf} for one target, so that FreeTDS clients ({@code tsql}, pymssql) never
 * read the machine's configuration: the file is found through {@code FREETDSCONF}. Every setting is in
 * {@code [global]}, which FreeTDS applies to any server name (pymssql connects by host and port), and
 * repeated in the section {@link #SERVER_NAME} that {@code tsql -S} names.
 *
 * @param host           the server's host ({@code check certificate hostname} compares it with the certificate)
 * @param port           the server's TCP port
 * @param encryption     FreeTDS {@code encryption}: what the PRELOGIN asks for (protocol.md 2.2)
 * @param caFile         PEM CA certificates that validate the server's certificate; without it FreeTDS
 *                       accepts any certificate
 * @param checkHostname  FreeTDS {@code check certificate hostname}
 * @param enableTlsV1    FreeTDS {@code enable tls v1}: FreeTDS 1.3 offers TLS 1.0 only when set (1.1 and 1.2 always)
 */
public record FreeTdsConfig(String host, int port, Encryption encryption, Optional<Path> caFile, boolean checkHostname,
                            boolean enableTlsV1) {
    /** The freetds.conf section naming the target. */
    public static final String SERVER_NAME = "tdsproxy-target";

    public FreeTdsConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(encryption, "encryption");
        Objects.requireNonNull(caFile, "caFile");
    }

    /** FreeTDS {@code encryption} values of FreeTDS 1.3 and the PRELOGIN ENCRYPTION byte each sends. */
    public enum Encryption {
        /** Sends ENCRYPT_NOT_SUP ("claiming lack of support works for that", FreeTDS login.c). */
        OFF("off"),
        /** Sends ENCRYPT_OFF: login-only TLS unless the server asks for more. */
        REQUEST("request"),
        /** Sends ENCRYPT_ON: full TLS, or failure when the server cannot encrypt. */
        REQUIRE("require");

        private final String confValue;

        Encryption(String confValue) {
            this.confValue = confValue;
        }

        /** The value as written in freetds.conf. */
        public String confValue() {
            return confValue;
        }
    }

    /** {@code host:port} with the given encryption and no certificate validation. */
    public static FreeTdsConfig of(String host, int port, Encryption encryption) {
        return new FreeTdsConfig(host, port, encryption, Optional.empty(), false, false);
    }

    /** This configuration validating the server's certificate against {@code caPem}, host name included. */
    public FreeTdsConfig trusting(Path caPem) {
        return new FreeTdsConfig(host, port, encryption, Optional.of(caPem), true, enableTlsV1);
    }

    /** This configuration with TLS 1.0 allowed ({@code enable tls v1 = yes}). */
    public FreeTdsConfig withTlsV1Enabled() {
        return new FreeTdsConfig(host, port, encryption, caFile, checkHostname, true);
    }

    /** Writes {@code freetds.conf} into {@code dir} and returns its path. */
    public Path writeTo(Path dir) {
        StringBuilder settings = new StringBuilder()
                .append("\ttds version = 7.4\n")
                .append("\tencryption = ").append(encryption.confValue()).append('\n')
                .append("\tclient charset = UTF-8\n");
        caFile.ifPresent(ca -> settings.append("\tca file = ").append(ca.toAbsolutePath()).append('\n'));
        settings.append("\tcheck certificate hostname = ").append(checkHostname ? "yes" : "no").append('\n');
        settings.append("\tenable tls v1 = ").append(enableTlsV1 ? "yes" : "no").append('\n');
        String text = "# written by tdsproxy tests\n[global]\n" + settings
                + "[" + SERVER_NAME + "]\n\thost = " + host + "\n\tport = " + port + "\n" + settings;
        Path file = dir.resolve("freetds.conf");
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }
}
