package io.tdsproxy.server.cli;

import io.tdsproxy.server.config.BackendConfig;
import io.tdsproxy.server.config.ConfigException;
import io.tdsproxy.server.config.NetworkConfig;
import io.tdsproxy.server.config.ProxyConfig;
import io.tdsproxy.server.config.TlsConfig;
import io.tdsproxy.server.proxy.ConnectionListener;
import io.tdsproxy.server.proxy.ConnectionRecord;
import io.tdsproxy.server.proxy.ProxyServer;
import io.tdsproxy.testkit.EmbeddedTdsServer;
import io.tdsproxy.tls.TlsProtocols;
import io.tdsproxy.tls.TlsProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The README's first command: the embedded backend and the proxy in front of it, with a freshly
 * generated certificate, one real encrypted mssql-jdbc query through it, and ready-to-paste
 * connection strings.
 */
@Command(name = "demo",
        description = "Start the embedded backend and the proxy with a generated certificate, run one encrypted "
                + "JDBC query through it, print connection strings, serve until Ctrl-C.",
        mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  java -jar tdsproxy.jar demo",
                "  java -jar tdsproxy.jar demo --port 0 --exit      (any free port; exit after the query)"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the query went through (after Ctrl-C, or at once with --exit)",
                "1:the query through the proxy failed"})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "14333", description = "Proxy port (default: ${DEFAULT-VALUE}); 0 for any.")
    private int port;

    @Option(names = "--exit", description = "Exit after the query instead of serving until Ctrl-C (for scripts).")
    private boolean exitAfterQuery;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("tdsproxy-demo-");
        DemoCertificates certificates = DemoCertificates.create(dir, "localhost");
        CompletableFuture<ConnectionRecord> firstLogin = new CompletableFuture<>();
        ConnectionListener listener = new ConnectionListener() {
            @Override
            public void established(ConnectionRecord record) {
                firstLogin.complete(record);
            }
        };
        try (EmbeddedTdsServer backend = EmbeddedTdsServer.builder().port(0).build().start();
             ProxyServer proxy = startProxy(backend, certificates, listener)) {
            String user = EmbeddedTdsServer.DEFAULT_USER;
            String password = EmbeddedTdsServer.DEFAULT_PASSWORD;
            System.out.println("Embedded backend (H2 behind TDS 7.4): 127.0.0.1:" + backend.port());
            System.out.println("tdsproxy: 127.0.0.1:" + proxy.port() + " -> 127.0.0.1:" + backend.port()
                    + " (forceencryption 0, tlsprotocols 1.2)");
            System.out.println("Certificate: " + certificates.certificate() + " (self-signed, freshly generated; key "
                    + certificates.key() + ")");
            String answer = DemoQuery.run(proxy.port(), certificates, user, password);
            ConnectionRecord record = firstLogin.get(10, TimeUnit.SECONDS);
            System.out.println();
            System.out.println("JDBC query through the proxy: " + answer);
            System.out.println("Client leg: " + record.mode() + ", TLS version " + record.tlsProtocol().orElse("none")
                    + ", cipher " + record.tlsCipher().orElse("none"));
            System.out.println();
            DemoConnectionStrings.print(System.out, proxy.port(), user, password, certificates);
            if (exitAfterQuery) {
                return 0;
            }
            System.out.println();
            System.out.println("Serving until Ctrl-C.");
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "tdsproxy-demo-shutdown"));
            stopped.await();
        } catch (SQLException e) {
            System.err.println("tdsproxy demo: the JDBC query through the proxy failed: " + e.getMessage());
            return Main.EXIT_FAILURE;
        }
        return 0;
    }

    private ProxyServer startProxy(EmbeddedTdsServer backend, DemoCertificates certificates,
                                   ConnectionListener listener) throws ConfigException {
        TlsConfig tls = new TlsConfig(certificates.certificate(), certificates.key(), null,
                TlsProtocols.parse("1.2"), null, TlsProvider.OPENSSL);
        NetworkConfig network = new NetworkConfig("127.0.0.1", port, false, Optional.of(tls));
        ProxyConfig config = ProxyConfig.of(network, new BackendConfig("127.0.0.1", backend.port()));
        return ProxyServer.builder(config).listener(listener).build().start();
    }
}
