package io.tdsproxy.server.cli;

import io.tdsproxy.testkit.BackendEncryption;
import io.tdsproxy.testkit.EmbeddedTdsServer;
import io.tdsproxy.tls.PemFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the embedded TDS backend (H2 behind a TDS 7.4 front) until interrupted, optionally with
 * SQL-Server-like encryption: {@code --encryption off|force|strict} with the certificate given by
 * {@code --cert}/{@code --key} or, without them, a self-signed one generated at start and written to a
 * temporary PEM file so that clients can trust it.
 */
@Command(name = "testserver",
        description = "Run the embedded TDS server (an H2 database that SQL Server clients can log into).",
        mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  java -jar tdsproxy.jar testserver",
                "  java -jar tdsproxy.jar testserver --port 0 --login app:Secret123! --login report:Read0nly!"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped by Ctrl-C", "2:bad usage (for example a --login without a colon)"})
final class TestServerCommand implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--port", defaultValue = "14330", description = "Port to listen on, 0 for any (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--login", paramLabel = "NAME:PASSWORD",
            description = "A SQL login to accept; repeatable. Default: "
                    + EmbeddedTdsServer.DEFAULT_USER + " / " + EmbeddedTdsServer.DEFAULT_PASSWORD + ".")
    private List<String> logins = new ArrayList<>();

    @Option(names = "--encryption", paramLabel = "POLICY", defaultValue = "not_sup",
            description = "not_sup (no TLS), off (client decides: login-only or full TLS; forceencryption=0), "
                    + "force (forceencryption=1) or strict (TDS 8.0 only; forcestrict=1). Default: ${DEFAULT-VALUE}.")
    private String encryption;

    @Option(names = "--accept-strict",
            description = "With off or force: also accept TDS 8.0 (strict) clients on the same port.")
    private boolean acceptStrict;

    @Option(names = "--cert", paramLabel = "FILE", description = "Server certificate (PEM chain, leaf first). "
            + "Default with a TLS policy: a generated self-signed certificate for localhost / 127.0.0.1.")
    private Path certificate;

    @Option(names = "--key", paramLabel = "FILE", description = "Unencrypted private key of --cert (PEM).")
    private Path key;

    @Option(names = "--tls-protocols", paramLabel = "LIST", defaultValue = "1.2,1.3",
            description = "TLS versions (TDS 7.x never uses 1.3). Default: ${DEFAULT-VALUE}.")
    private String tlsProtocols;

    @Override
    public Integer call() throws InterruptedException, IOException {
        EmbeddedTdsServer.Builder builder = EmbeddedTdsServer.builder().host(host).port(port);
        for (String login : logins) {
            int colon = login.indexOf(':');
            if (colon <= 0 || colon == login.length() - 1) {
                throw new IllegalArgumentException("--login takes NAME:PASSWORD, got '" + maskAfterColon(login) + "'");
            }
            builder.login(login.substring(0, colon), login.substring(colon + 1));
        }
        BackendEncryption policy = parseEncryption(encryption);
        builder.encryption(policy);
        if ((certificate == null) != (key == null)) {
            throw new IllegalArgumentException("--cert and --key go together");
        }
        if (policy.needsCertificate()) {
            builder.tlsProtocols(tlsProtocols).acceptStrict(acceptStrict);
            if (certificate != null) {
                builder.certificate(certificate, key);
            }
        } else if (certificate != null || acceptStrict) {
            throw new IllegalArgumentException("--cert and --accept-strict need --encryption off, force or strict");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (EmbeddedTdsServer server = builder.build().start()) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "tdsproxy-testserver-shutdown"));
            System.out.println("Embedded TDS server listening on " + server.host() + ":" + server.port());
            String url = jdbcUrl(server, printEncryption(server));
            if (logins.isEmpty()) {
                System.out.println("Login: " + EmbeddedTdsServer.DEFAULT_USER + " / " + EmbeddedTdsServer.DEFAULT_PASSWORD);
                System.out.println("JDBC:  " + url + ";user=" + EmbeddedTdsServer.DEFAULT_USER
                        + ";password=" + EmbeddedTdsServer.DEFAULT_PASSWORD);
            } else {
                System.out.println("Logins: " + String.join(", ", logins.stream().map(l -> l.substring(0, l.indexOf(':'))).toList()));
                System.out.println("JDBC:  " + url);
            }
            System.out.println("Press Ctrl-C to stop.");
            stopped.await();
        }
        return 0;
    }

    static BackendEncryption parseEncryption(String value) {
        String v = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return BackendEncryption.valueOf(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--encryption must be not_sup, off, force or strict, got '" + value + "'");
        }
    }

    /** Prints the policy and certificate; returns the PEM file of a generated certificate, else null. */
    private Path printEncryption(EmbeddedTdsServer server) throws IOException {
        System.out.println("Encryption: " + server.encryption() + (server.acceptsStrict() ? " (TDS 8.0 strict accepted)" : ""));
        if (server.certificate().isEmpty()) {
            return null;
        }
        X509Certificate leaf = server.certificate().get();
        System.out.println("Certificate: " + leaf.getSubjectX500Principal().getName() + ", SHA-256 " + fingerprint(leaf));
        if (certificate != null) {
            return null;
        }
        Path pem = Files.createTempFile("tdsproxy-testserver-", ".pem");
        pem.toFile().deleteOnExit();
        PemFiles.writeCertificates(pem, server.keyMaterial().orElseThrow().chain());
        System.out.println("Generated self-signed certificate written to " + pem + " (trust it, or trustServerCertificate=true)");
        return pem;
    }

    /** An mssql-jdbc URL that works with this policy out of the box. */
    private static String jdbcUrl(EmbeddedTdsServer server, Path pem) {
        String base = "jdbc:sqlserver://" + server.host() + ":" + server.port() + ";databaseName=" + server.database();
        switch (server.encryption()) {
            case STRICT:
                // a generated certificate is pinned (mssql-jdbc serverCertificate, TDS 8.0 only); a given one must be trusted
                return base + ";encrypt=strict" + (pem == null ? "" : ";hostNameInCertificate=localhost;serverCertificate=" + pem);
            case FORCE:
                return base + ";encrypt=true;trustServerCertificate=true";
            default:
                return base + ";encrypt=false";
        }
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint the certificate", e);
        }
    }

    private static String maskAfterColon(String value) {
        int colon = value.indexOf(':');
        return colon < 0 ? value : value.substring(0, colon + 1) + "****";
    }
}
