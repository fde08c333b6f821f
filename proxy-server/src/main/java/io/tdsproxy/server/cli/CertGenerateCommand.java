package io.tdsproxy.server.cli;

import io.tdsproxy.tls.CertificateGenerator;
import io.tdsproxy.tls.GeneratedCertificate;
import io.tdsproxy.tls.KeyType;
import io.tdsproxy.tls.PemFiles;
import org.bouncycastle.asn1.x509.KeyUsage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code tdsproxy cert generate}: what {@code openssl req -x509 -nodes -newkey rsa:2048 -subj '/CN=HOST'
 * -keyout KEY -out CERT -days 365} does in SQL Server's setup (sql-server-on-linux-tls.md), plus what that
 * command leaves out: extended key usage serverAuth, key usage digitalSignature and keyEncipherment
 * (digitalSignature alone for EC keys, RFC 5480), a subjectAltName holding the CN and every {@code --san},
 * a SHA-256 signature, and the key file created with mode 600 before a key byte is written.
 *
 * <p>Naming: the request wrote {@code --key} for both the key algorithm and the key file; here
 * {@code --key-type} is the algorithm and {@code --key} the file, matching {@code cert check --key FILE}
 * and mssql-conf's {@code network.tlskey} (a file).
 */
@Command(name = "generate", sortOptions = false,
        description = {"Create a self-signed server certificate (PEM) and its private key (PKCS#8 PEM, mode 600).",
                "Like openssl req -x509 -nodes -newkey rsa:2048 -subj '/CN=HOST' -keyout KEY -out CERT -days 365, "
                        + "plus serverAuth extended key usage, key usage, a subjectAltName for the CN, SHA-256. "
                        + "--key-type names the algorithm, --key the key file."},
        footerHeading = "%nExamples:%n",
        footer = {"  java -jar tdsproxy.jar cert generate --cn db.example.com --cert server.pem --key server.key",
                "  java -jar tdsproxy.jar cert generate --cn db.example.com --san '*.db.example.com' --san 10.0.0.5 "
                        + "--key-type ecp256 --days 90 --cert server.pem --key server.key"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "1:a file could not be written", "2:usage error, or an output file exists (see --force)"})
public final class CertGenerateCommand implements Callable<Integer> {
    /** The certificate starts a little in the past, so that a client whose clock lags still accepts it. */
    static final Duration BACKDATE = Duration.ofHours(1);

    @Spec
    private CommandSpec spec;

    @Option(names = "--cn", required = true, paramLabel = "HOST",
            description = "Host name clients connect to (the subject CN; also written as a subjectAltName).")
    private String cn;

    @Option(names = "--san", paramLabel = "NAME", arity = "1..*",
            description = "Further names clients may use: DNS names (*.example.com allowed) or IP addresses. Repeatable.")
    private List<String> sans = new ArrayList<>();

    @Option(names = "--key-type", paramLabel = "TYPE", defaultValue = "rsa2048", converter = CertKeyTypes.class,
            completionCandidates = CertKeyTypes.class,
            description = "Key algorithm: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private KeyType keyType;

    @Option(names = "--days", paramLabel = "N", defaultValue = "365",
            description = "Days the certificate is valid (default: ${DEFAULT-VALUE}).")
    private int days;

    @Option(names = "--cert", required = true, paramLabel = "FILE", description = "Certificate file to write (PEM).")
    private Path certFile;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "Private key file to write (PKCS#8 PEM, mode 600).")
    private Path keyFile;

    @Option(names = "--force", description = "Overwrite existing files.")
    private boolean force;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    private final Clock clock;

    /** The command picocli instantiates: dates from the system clock. */
    public CertGenerateCommand() {
        this(Clock.systemUTC());
    }

    /** A command dating certificates by {@code clock} (tests run it with {@code new CommandLine(command)}). */
    CertGenerateCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        validate();
        for (Path file : List.of(certFile, keyFile)) {
            if (Files.exists(file) && !force) {
                err.println("cert generate: " + file + " exists; pass --force to overwrite it");
                return CertCommand.USAGE;
            }
        }
        Instant now = clock.instant();
        CertificateGenerator.Builder builder = CertificateGenerator.builder()
                .subject(cn.trim())
                .sans(sans.toArray(new String[0]))
                .keyType(keyType)
                .validity(now.minus(BACKDATE), now.plus(Duration.ofDays(days)));
        if ("EC".equals(keyType.algorithm())) {
            builder.keyUsage(KeyUsage.digitalSignature);
        }
        GeneratedCertificate generated;
        try {
            generated = builder.generate();
        } catch (IllegalArgumentException e) {
            // A name Bouncy Castle cannot encode (e.g. --san 999.1.1.1) is the operator's input, not a crash.
            err.println("cert generate: " + e.getMessage());
            return CertCommand.USAGE;
        }
        try {
            PemFiles.writePkcs8(keyFile, generated.key());
            PemFiles.writeCertificate(certFile, generated.certificate());
        } catch (IOException e) {
            err.println("cert generate: cannot write: " + e.getMessage());
            return CertCommand.IO_ERROR;
        }
        printSummary(out, generated.certificate());
        return CertCommand.OK;
    }

    private void validate() {
        if (cn.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--cn must not be blank");
        }
        if (days < 1) {
            throw new ParameterException(spec.commandLine(), "--days must be at least 1, got " + days);
        }
        if (certFile.toAbsolutePath().normalize().equals(keyFile.toAbsolutePath().normalize())) {
            throw new ParameterException(spec.commandLine(), "--cert and --key must be different files");
        }
    }

    private void printSummary(PrintWriter out, X509Certificate certificate) {
        out.println("wrote certificate " + certFile);
        out.println("  subject      " + certificate.getSubjectX500Principal().getName());
        out.println("  names        " + CertSummary.names(certificate));
        out.println("  valid        " + CertSummary.validity(certificate));
        out.println("  key          " + CertKeyTypes.nameOf(keyType) + ", " + certificate.getSigAlgName());
        out.println("  sha256       " + CertSummary.sha256Fingerprint(certificate));
        out.println("wrote private key " + keyFile + " (PKCS#8 PEM, mode 600)");
        out.println("check it:      tdsproxy cert check --cert " + certFile + " --key " + keyFile + " --host " + cn.trim());
        out.println("self-signed:   clients that verify the server (encrypt=true, trustServerCertificate=false) "
                + "must trust " + certFile + " itself");
    }
}
