package io.tdsproxy.server.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tdsproxy.server.config.AdminConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The operator's HTTP listener on {@code [admin]}: {@code GET /metrics} (Prometheus text format),
 * {@code GET /health/live} (200 while the process runs) and {@code GET /health/ready} (200 or 503 with
 * a JSON body naming each check).
 *
 * <p>Built on the JDK's {@code com.sun.net.httpserver} with one thread of its own rather than on the
 * proxy's Netty event loops: a slow scrape or a readiness probe (which connects to the backend and
 * blocks for up to its timeout) can then never delay relayed traffic, and there is no buffer ownership
 * to get wrong for a handful of requests a minute. Thread-safe.
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    /** Prometheus text exposition format 0.0.4, which every Prometheus version scrapes. */
    static final String METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final String JSON = "application/json";

    private final HttpServer server;
    private final ExecutorService executor;
    private final PrometheusMeterRegistry registry;
    private final Readiness readiness;

    private AdminServer(HttpServer server, ExecutorService executor, PrometheusMeterRegistry registry,
                        Readiness readiness) {
        this.server = server;
        this.executor = executor;
        this.registry = registry;
        this.readiness = readiness;
    }

    /**
     * Binds {@code config.ipAddress():config.port()} and serves until {@link #close}.
     *
     * @throws IOException when the address cannot be bound
     */
    static AdminServer start(AdminConfig config, PrometheusMeterRegistry registry, Readiness readiness)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(config.ipAddress(), config.port()), 16);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tdsproxy-admin");
            t.setDaemon(true);
            return t;
        });
        AdminServer admin = new AdminServer(server, executor, registry, readiness);
        server.setExecutor(executor);
        server.createContext("/", admin::handle);
        server.start();
        LOG.info("admin listener on {} (metrics, health/live, health/ready)", admin.url());
        return admin;
    }

    /** The bound address (useful with port 0). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** {@code http://host:port/}, with brackets around an IPv6 literal. */
    public String url() {
        InetSocketAddress address = address();
        String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
        return "http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort() + "/";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                respond(exchange, 405, "text/plain", "method not allowed\n");
                return;
            }
            switch (exchange.getRequestURI().getPath()) {
                case "/metrics":
                    respond(exchange, 200, METRICS_CONTENT_TYPE, registry.scrape(METRICS_CONTENT_TYPE));
                    break;
                case "/health/live":
                    respond(exchange, 200, JSON, "{\"status\":\"UP\"}");
                    break;
                case "/health/ready":
                    List<HealthCheck> checks = readiness.check();
                    boolean up = checks.stream().allMatch(HealthCheck::ok);
                    respond(exchange, up ? 200 : 503, JSON, Readiness.json(checks));
                    break;
                default:
                    respond(exchange, 404, "text/plain", "not found; try /metrics, /health/live or /health/ready\n");
            }
        } catch (RuntimeException e) {
            LOG.warn("admin request {} failed", exchange.getRequestURI().getPath(), e);
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Stops listening and ends the admin thread. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
