package io.tdsproxy.bench;

import io.tdsproxy.server.cli.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Runs the proxy exactly as {@code tdsproxy.jar run --config FILE} does (the same picocli command, in
 * this JVM) and answers statistics requests on a loopback port, because the proxy has no metrics
 * endpoint yet and remote JMX or the attach API would add a second agent to the process measured.
 *
 * <p>What the statistics hold and why they are exact: {@link StatsListener}.
 */
@Command(name = "proxy-host", mixinStandardHelpOptions = true,
        description = "Run the proxy (same code path as 'tdsproxy.jar run') with a statistics port for the benchmarks.")
final class ProxyHost implements Callable<Integer> {
    @Option(names = "--config", required = true, description = "Proxy configuration file (as for 'tdsproxy.jar run').")
    private Path config;

    @Option(names = "--stats-port", required = true, description = "Loopback port of the statistics listener.")
    private int statsPort;

    @Override
    public Integer call() throws IOException {
        StatsListener.start(statsPort);
        return Main.commandLine().execute("run", "--config", config.toString());
    }

}
