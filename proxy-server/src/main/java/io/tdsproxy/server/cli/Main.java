package io.tdsproxy.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code tdsproxy.jar}.
 *
 * <p>Exit codes: 0 success, 1 the command failed at run time, 2 bad usage or configuration
 * (picocli's usage error), 3 a certificate or key was refused.
 */
@Command(name = "tdsproxy",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "TLS-terminating proxy for the TDS protocol (Microsoft SQL Server).",
        subcommands = {RunCommand.class, DemoCommand.class, TestServerCommand.class, CertCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  java -jar tdsproxy.jar demo",
            "  java -jar tdsproxy.jar run --config config/tdsproxy.conf",
            "  java -jar tdsproxy.jar testserver --port 14330 --login app:Secret123!"
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
