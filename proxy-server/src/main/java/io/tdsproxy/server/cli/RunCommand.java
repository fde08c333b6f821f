package io.tdsproxy.server.cli;

import io.tdsproxy.server.admin.Observability;
import io.tdsproxy.server.config.AdminConfig;
import io.tdsproxy.server.config.ConfigException;
import io.tdsproxy.server.config.ConfigLoader;
import io.tdsproxy.server.config.ProxyConfig;
import io.tdsproxy.server.proxy.ProxyServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** Runs the proxy from an mssql.conf-style file until the process is told to stop. */
@Command(name = "run",
        description = "Run the proxy: listen on network.ipaddress:network.tcpport and relay to backend.host:backend.port.",
        mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = "  java -jar tdsproxy.jar run --config /etc/tdsproxy/tdsproxy.conf")
final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "Configuration in mssql.conf INI format ([network], [backend]).")
    private Path config;

    /**
     * System property {@value #WATCH_PROPERTY}: {@code false} stops watching the certificate files
     * (SIGHUP still reloads), e.g. on file systems without change events.
     */
    static final String WATCH_PROPERTY = "tdsproxy.watchCertificates";

    private static long certificateWatchQuietMillis() {
        return Boolean.parseBoolean(System.getProperty(WATCH_PROPERTY, "true")) ? 500 : 0;
    }

    @Override
    public Integer call() throws InterruptedException {
        ProxyConfig proxyConfig;
        ProxyServer server;
        // Until [admin] is read from the file: enabled on 127.0.0.1:9187.
        Observability observe = Observability.create(AdminConfig.DEFAULT);
        try {
            proxyConfig = ConfigLoader.load(config);
            server = ProxyServer.builder(proxyConfig).listener(observe.listener()).reloadListener(observe.reloadListener())
                    .watchCertificates(certificateWatchQuietMillis()).build().start();
        } catch (ConfigException e) {
            System.err.println("tdsproxy: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        ReloadSignal.install(server.certificateReloader());
        try {
            observe.start(server, proxyConfig);
        } catch (IOException e) {
            server.close();
            System.err.println("tdsproxy: cannot start the admin listener: " + e.getMessage());
            return Main.EXIT_FAILURE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            observe.close();
            stopped.countDown();
        }, "tdsproxy-shutdown"));
        LOG.atInfo().setMessage("tdsproxy ready")
                .addKeyValue("listen", server.localAddress())
                .addKeyValue("backend", proxyConfig.backend().host() + ":" + proxyConfig.backend().port())
                .log();
        stopped.await();
        return 0;
    }
}
