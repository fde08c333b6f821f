package io.tdsproxy.server.admin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Whether the backend accepts TCP connections: a plain connect with a short timeout, closed at once,
 * its result kept for a little while so that frequent readiness probes do not become a connection
 * storm against SQL Server. Blocking: runs on the admin listener's thread, never on an event loop.
 * Thread-safe.
 */
final class BackendProbe {
    /** Opens and closes one TCP connection, or throws. */
    interface Connector {
        void connect(String host, int port, int timeoutMillis) throws IOException;
    }

    static final Connector TCP = (host, port, timeoutMillis) -> {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
        }
    };

    private final String host;
    private final int port;
    private final int timeoutMillis;
    private final long cacheNanos;
    private final LongSupplier nanoTime;
    private final Connector connector;
    private HealthCheck last;
    private long lastAt;

    BackendProbe(String host, int port, Duration timeout, Duration cache, LongSupplier nanoTime, Connector connector) {
        this.host = host;
        this.port = port;
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
        this.cacheNanos = cache.toNanos();
        this.nanoTime = nanoTime;
        this.connector = connector;
    }

    /** A probe of {@code host:port} with a 1 s connect timeout whose result is reused for 2 s. */
    static BackendProbe tcp(String host, int port) {
        return new BackendProbe(host, port, Duration.ofSeconds(1), Duration.ofSeconds(2), System::nanoTime, TCP);
    }

    /** The latest result, probing again when the cached one is older than the cache time. */
    synchronized HealthCheck check() {
        long now = nanoTime.getAsLong();
        if (last != null && now - lastAt < cacheNanos) {
            return last;
        }
        String target = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        try {
            connector.connect(host, port, timeoutMillis);
            last = new HealthCheck("backend", true, target + " accepts connections");
        } catch (IOException | RuntimeException e) {
            last = new HealthCheck("backend", false, target + " is unreachable: " + e.getMessage());
        }
        lastAt = nanoTime.getAsLong();
        return last;
    }
}
