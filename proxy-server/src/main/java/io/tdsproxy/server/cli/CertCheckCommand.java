package io.tdsproxy.server.cli;

import io.tdsproxy.tls.KeyMaterialException;
import io.tdsproxy.tls.Secret;
import io.tdsproxy.tls.check.CertificateDoctor;
import io.tdsproxy.tls.check.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code tdsproxy cert check}: loads a certificate file and its key the way the proxy does at start-up
 * and prints the {@link CertificateDoctor}'s table, one row per requirement with the reason and the fix.
 *
 * <p>The files are read by {@link CertInputs}: the key apart from the chain, so that a mismatched key
 * shows as the "key matches certificate" row among the others. A PKCS#12 file holding both goes as
 * {@code --cert F --key F}.
 */
@Command(name = "check", sortOptions = false,
        description = "Check a server certificate, its chain, its private key and the key file against SQL Server's "
                + "certificate requirements; print PASS/FAIL/WARN per requirement with the fix.",
        footerHeading = "%nExamples:%n",
        footer = {"  java -jar tdsproxy.jar cert check --cert /etc/ssl/certs/mssql.pem --key /etc/ssl/private/mssql.key "
                + "--host db.example.com",
                "  java -jar tdsproxy.jar cert check --cert server.pem --key server.key --run-as mssql"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no requirement failed (warnings allowed)", "2:usage error, or an input file is missing",
                "3:a requirement failed, or the certificate or key cannot be loaded"})
public final class CertCheckCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--cert", required = true, paramLabel = "FILE",
            description = "Certificate file: PEM (server certificate first, then its issuers), DER, or PKCS#12.")
    private Path certFile;

    @Option(names = "--key", required = true, paramLabel = "FILE",
            description = "Private key file: PEM (PKCS#8, encrypted PKCS#8, PKCS#1/SEC1) or PKCS#12.")
    private Path keyFile;

    @Option(names = "--host", paramLabel = "NAME",
            description = "Server name clients put in their connection strings; without it the host row warns.")
    private String host;

    @Option(names = "--key-password-file", paramLabel = "FILE",
            description = "File whose first line is the passphrase of an encrypted key or PKCS#12.")
    private Path passwordFile;

    @Option(names = "--run-as", paramLabel = "USER",
            description = "User the proxy will run as, expected to own the key file (default: the current user).")
    private String runAs;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    private final Clock clock;

    /** The command picocli instantiates: validity judged by the system clock. */
    public CertCheckCommand() {
        this(Clock.systemUTC());
    }

    /** A command judging validity by {@code clock} (tests run it with {@code new CommandLine(command)}). */
    CertCheckCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> files = new ArrayList<>(List.of(certFile, keyFile));
        if (passwordFile != null) {
            files.add(passwordFile);
        }
        for (Path file : files) {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                err.println("cert check: cannot read " + file + (Files.exists(file) ? "" : ": no such file"));
                return CertCommand.USAGE;
            }
        }
        CertInputs inputs;
        try {
            Secret passphrase = passwordFile == null ? null : CertPassphrase.read(passwordFile);
            inputs = CertInputs.load(certFile, keyFile, passphrase);
        } catch (KeyMaterialException e) {
            err.println("FAIL  " + e.getMessage());
            return CertCommand.FAILED;
        } catch (IOException e) {
            err.println("cert check: cannot read " + passwordFile + ": " + e.getMessage());
            return CertCommand.USAGE;
        }
        CertificateDoctor doctor = runAs == null ? new CertificateDoctor(clock) : new CertificateDoctor(clock, runAs);
        Report report = doctor.check(inputs.chain(), inputs.key(), keyFile, host);
        out.print(report.toTable());
        out.println();
        out.println(certFile + ": " + report.summary() + (report.hasFailures()
                ? " - the proxy refuses this certificate" : ""));
        return report.hasFailures() ? CertCommand.FAILED : CertCommand.OK;
    }
}
