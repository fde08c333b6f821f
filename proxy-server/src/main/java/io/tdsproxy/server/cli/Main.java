package io.tdsproxy.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code tdsproxy.jar}.
 *
 * <p>Exit codes, for every command:
 * <ul>
 *   <li>0: success ({@code run}: stopped by SIGTERM or Ctrl-C after draining);</li>
 *   <li>1: the command failed at run time (an address cannot be bound, a file cannot be written);</li>
 *   <li>2: bad usage or bad configuration, each problem printed with its {@code file:line} or override
 *       ({@code run} also exits 2 when the certificate is refused at start-up);</li>
 *   <li>3: {@code cert check} only: a certificate requirement failed, or the pair cannot be loaded.</li>
 * </ul>
 */
@Command(name = "tdsproxy",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "TLS-terminating proxy for the TDS protocol (Microsoft SQL Server).",
        subcommands = {RunCommand.class, DemoCommand.class, TestServerCommand.class, CertCommand.class,
                ConfigCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  java -jar tdsproxy.jar demo",
            "  java -jar tdsproxy.jar run --config config/tdsproxy.conf",
            "  java -jar tdsproxy.jar config check --config /var/opt/mssql/mssql.conf --set backend.host=10.0.0.5",
            "  java -jar tdsproxy.jar cert generate --cn db.example.com --cert server.pem --key server.key",
            "  java -jar tdsproxy.jar cert check --cert server.pem --key server.key --host db.example.com",
            "  java -jar tdsproxy.jar testserver --port 14330 --login app:Secret123!",
            "",
            "Exit codes: 0 success, 1 run-time failure, 2 bad usage or configuration, 3 certificate refused "
                    + "(cert check)."
        })
public final class Main implements Runnable {
    /** The command ran into a run-time failure. */
    public static final int EXIT_FAILURE = 1;
    /** Bad usage or bad configuration. */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler((ex, cmd, parseResult) -> {
                    cmd.getErr().println("tdsproxy: " + ex.getMessage());
                    return ex instanceof IllegalArgumentException ? EXIT_USAGE : EXIT_FAILURE;
                });
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
