package io.tdsproxy.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code tdsproxy cert}: make a server certificate ({@code generate}) and check one against SQL
 * Server's requirements ({@code check}). {@link Main} registers it as a subcommand.
 *
 * <p>Exit codes, the same for both subcommands: {@value #OK} success, {@value #IO_ERROR} a file could
 * not be written, {@value #USAGE} usage error (bad option, missing or unreadable input file, output
 * file exists), {@value #FAILED} the certificate failed a requirement or could not be loaded.
 */
@Command(name = "cert",
        description = "Create a server certificate, or check one against SQL Server's certificate requirements.",
        subcommands = {CertGenerateCommand.class, CertCheckCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  java -jar tdsproxy.jar cert generate --cn db.example.com --san 10.0.0.5 --cert server.pem --key server.key",
                "  java -jar tdsproxy.jar cert check --cert server.pem --key server.key --host db.example.com"})
public final class CertCommand implements Callable<Integer> {
    /** Nothing failed. */
    public static final int OK = 0;
    /** An output file could not be written. */
    public static final int IO_ERROR = 1;
    /** Bad options or input files (picocli's own code for invalid input). */
    public static final int USAGE = 2;
    /** A requirement failed, or the certificate or key could not be loaded. */
    public static final int FAILED = 3;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    /** {@code tdsproxy cert} alone: a subcommand is required, so print the usage and report a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("cert: name a subcommand: generate or check");
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }
}
