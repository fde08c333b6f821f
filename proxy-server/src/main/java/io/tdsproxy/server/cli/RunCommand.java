package io.tdsproxy.server.cli;

import io.tdsproxy.server.admin.Observability;
import io.tdsproxy.server.config.ConfigException;
import io.tdsproxy.server.config.Settings;
import io.tdsproxy.server.config.SettingsLoader;
import io.tdsproxy.server.proxy.ProxyServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Runs the proxy from an mssql.conf-style file (plus environment and {@code --set} overrides) until
 * SIGTERM or Ctrl-C, which drain it ({@link DrainOnSignal}).
 */
@Command(name = "run",
        description = {"Run the proxy: listen on network.ipaddress:network.tcpport and relay to backend.host:backend.port.",
                "SIGTERM or Ctrl-C drains (no new connections; open ones get proxy.draintimeout) and exits 0; "
                        + "a second one closes every connection at once."},
        mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  java -jar tdsproxy.jar run --config /etc/tdsproxy/tdsproxy.conf",
                "  java -jar tdsproxy.jar run --config /var/opt/mssql/mssql.conf --set backend.host=127.0.0.1 "
                        + "--set network.tcpport=1435",
                "  TDSPROXY_PROXY_MAXCONNECTIONS=500 java -jar tdsproxy.jar run --config tdsproxy.conf"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped by SIGTERM or Ctrl-C after draining",
                "1:run-time failure (for example the address cannot be bound)",
                "2:bad usage, bad configuration, or a certificate refused at start-up"})
final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "Configuration in mssql.conf INI format ([network], [backend], [proxy], [admin]).")
    private Path config;

    /**
     * System property {@value #WATCH_PROPERTY}: {@code false} stops watching the certificate files
     * (SIGHUP still reloads), e.g. on file systems without change events.
     */
    static final String WATCH_PROPERTY = "tdsproxy.watchCertificates";

    private static long certificateWatchQuietMillis() {
        return Boolean.parseBoolean(System.getProperty(WATCH_PROPERTY, "true")) ? 500 : 0;
    }

    @Option(names = "--set", paramLabel = "SECTION.KEY=VALUE",
            description = "Override one key (after the file and TDSPROXY_<SECTION>_<KEY> variables); repeatable.")
    private List<String> sets = new ArrayList<>();

    @Override
    public Integer call() {
        Settings settings;
        ProxyServer server;
        Observability observe;
        try {
            settings = SettingsLoader.load(config, sets);
            observe = Observability.create(settings.admin());
            server = ProxyServer.builder(settings.proxy()).tuning(settings.tuning()).listener(observe.listener())
                    .reloadListener(observe.reloadListener()).watchCertificates(certificateWatchQuietMillis())
                    .build().start();
        } catch (ConfigException e) {
            System.err.println("tdsproxy: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        ReloadSignal.install(server.certificateReloader());
        try {
            observe.start(server, settings.proxy());
        } catch (IOException e) {
            server.close();
            System.err.println("tdsproxy: cannot start the admin listener: " + e.getMessage());
            return Main.EXIT_FAILURE;
        }
        CompletableFuture<Integer> drained = DrainOnSignal.install(server, settings.tuning().drainTimeout());
        // Main returns after a signal-started drain; System.exit then runs this hook, which also stops
        // the admin listener. Without signal handling (-Xrs) the hook is where the drain happens.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.drain(settings.tuning().drainTimeout()).join();
            observe.close();
        }, "tdsproxy-shutdown"));
        LOG.atInfo().setMessage("tdsproxy ready")
                .addKeyValue("listen", server.localAddress())
                .addKeyValue("backend", settings.proxy().backend().address())
                .log();
        int cutOff = drained.join();
        LOG.info("tdsproxy stopped ({} connections cut off)", cutOff);
        return 0;
    }
}
