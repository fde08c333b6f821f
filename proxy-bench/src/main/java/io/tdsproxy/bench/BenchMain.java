package io.tdsproxy.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code tdsproxy-bench.jar}: the TDS load generator's scenarios, the proxy host used
 * by {@code bench/run.sh}, the report, and JMH ({@code jmh [JMH options]}).
 *
 * <p>Exit codes: 0 success, 1 a scenario failed (no successful operation, or an error), 2 bad usage.
 */
@Command(name = "tdsproxy-bench", mixinStandardHelpOptions = true,
        description = "TDS load generator and benchmarks for tdsproxy (loopback only).",
        subcommands = {ConnectScenario.class, LatencyScenario.class, ThroughputScenario.class, IdleScenario.class,
            LoopbackScenario.class, ProxyHost.class, ReportCommand.class},
        footerHeading = "%nJMH:%n",
        footer = "  tdsproxy-bench jmh [JMH options]   runs the JMH benchmarks in this jar (JMH's own command line, e.g. -f 1 -wi 3 -i 5 Relay)")
public final class BenchMain implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("jmh")) {
            // JMH parses its own options; picocli would reject them.
            org.openjdk.jmh.Main.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by the smoke test. */
    public static CommandLine commandLine() {
        return new CommandLine(new BenchMain()).setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            cmd.getErr().println("tdsproxy-bench: " + ex.getMessage());
            return ex instanceof IllegalArgumentException ? 2 : 1;
        });
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
