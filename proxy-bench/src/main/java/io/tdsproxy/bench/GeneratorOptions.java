package io.tdsproxy.bench;

import io.tdsproxy.testkit.EmbeddedTdsServer;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options every generator scenario shares: the target, the login, and what to measure besides. */
final class GeneratorOptions {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Target address (loopback). Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--port", required = true, description = "Target port.")
    int port;

    @Option(names = "--mode", defaultValue = "PLAINTEXT",
            description = "PLAINTEXT, FULL (TDS 7.x TLS), LOGIN_ONLY or STRICT (TLS first, ALPN tds/8.0). Default: ${DEFAULT-VALUE}.")
    Mode mode;

    @Option(names = "--tls", defaultValue = "1.2", description = "TLS version, 1.2 or 1.3 (1.3 only with STRICT). Default: ${DEFAULT-VALUE}.")
    String tlsVersion;

    @Option(names = "--user", defaultValue = EmbeddedTdsServer.DEFAULT_USER, description = "Login name.")
    String user;

    @Option(names = "--password", defaultValue = EmbeddedTdsServer.DEFAULT_PASSWORD,
            description = "Login password (the embedded backend's default).", arity = "1")
    String password;

    @Option(names = "--packet-size", defaultValue = "8000",
            description = "Packet size asked for in LOGIN7 (mssql-jdbc's default 8000). Default: ${DEFAULT-VALUE}.")
    int packetSize;

    @Option(names = "--threads", defaultValue = "1", description = "Generator event loop threads. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--target", description = "Label of the target in the results, e.g. tdsproxy-full. Default: the mode.")
    String label;

    @Option(names = "--cert", defaultValue = "-", description = "Label of the server certificate in the results, e.g. rsa2048.")
    String cert;

    @Option(names = "--results", description = "Append the result line to this file.")
    Path results;

    @Option(names = "--relay-pid", description = "Process id of the relay (proxy, HAProxy, stunnel): CPU and RSS from /proc.")
    String relayPid;

    @Option(names = "--backend-pid", description = "Process id of the backend: its CPU from /proc.")
    String backendPid;

    @Option(names = "--stats-port", description = "Statistics port of a ProxyHost (heap, direct memory, allocation).")
    Integer statsPort;

    @Option(names = "--clk-tck", defaultValue = "100", description = "Clock ticks per second of /proc/<pid>/stat (getconf CLK_TCK).")
    long clockTicks;

    String label() {
        return label != null ? label : mode.name().toLowerCase(java.util.Locale.ROOT);
    }

    Target target() {
        return new Target(host, port, mode, ClientTlsFactory.create(mode, tlsVersion), user, password, packetSize);
    }

    /** The result line's common columns. */
    Results results(String scenario) {
        return new Results().put("scenario", scenario).put("target", label()).put("mode", mode)
                .put("tls", mode.usesTls() ? tlsVersion : "-").put("cert", mode.usesTls() ? cert : "-");
    }
}
