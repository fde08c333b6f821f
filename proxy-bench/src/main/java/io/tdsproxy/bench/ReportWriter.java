package io.tdsproxy.bench;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.tdsproxy.bench.ResultRows.fmt;
import static io.tdsproxy.bench.ResultRows.num;
import static io.tdsproxy.bench.ResultRows.ratio;

/**
 * The markdown of one run: machine, physical references, one table per scenario, the headline ratios
 * (tdsproxy / HAProxy, tdsproxy / direct) and the bounds computed from the references.
 * Latencies are shown in microseconds, throughput in MB/s (10^6 bytes).
 */
final class ReportWriter {
    private static final String PROXY = "tdsproxy-full";
    private static final String PROXY_STRICT = "tdsproxy-strict";
    private static final String HAPROXY = "haproxy-strict";
    private static final String STUNNEL = "stunnel-strict";
    private static final String DIRECT = "direct";

    private final ResultRows rows;
    private final StringBuilder md = new StringBuilder();

    private final String jmh;

    /** @param jmhMarkdown the JMH table ({@link JmhTable}), or null when JMH did not run */
    ReportWriter(ResultRows rows, String jmhMarkdown) {
        this.rows = rows;
        this.jmh = jmhMarkdown;
    }

    String write() {
        machine();
        references();
        ratios();
        connect();
        latency();
        throughput();
        idle();
        bounds();
        if (jmh != null) {
            heading("JMH: hot paths in isolation (one thread, no sockets)");
            line(jmh);
        }
        failures();
        return md.toString();
    }

    private void machine() {
        Map<String, String> m = rows.first("scenario", "machine").orElse(Map.of());
        Map<String, String> end = rows.first("scenario", "machine-end").orElse(Map.of());
        line("Run of " + m.getOrDefault("date", "?") + ", command `" + m.getOrDefault("command", "?") + "`.");
        line("");
        line("| machine | |");
        line("|---|---|");
        line("| CPU | " + m.getOrDefault("cpu", "?") + ", " + m.getOrDefault("cores", "?") + " cores |");
        line("| kernel, Java | " + m.getOrDefault("kernel", "?") + ", " + m.getOrDefault("java", "?") + " |");
        line("| HAProxy, stunnel, OpenSSL | " + m.getOrDefault("haproxy", "?") + ", " + m.getOrDefault("stunnel", "?")
                + ", " + m.getOrDefault("openssl", "?") + " |");
        line("| proxy JVM options | `" + m.getOrDefault("proxyJavaOpts", "?") + "` (worker threads: Netty's default, 2 per core) |");
        line("| load average (1, 5, 15 min) at start / end | " + m.getOrDefault("loadStart", "?") + " / "
                + end.getOrDefault("loadEnd", "?") + " |");
        line("");
    }

    private void references() {
        heading("Physical references (same run)");
        line("| reference | value |");
        line("|---|---|");
        double aes = num(rows.first("scenario", "ref-aes").orElse(null), "bytesPerSec");
        line("| `openssl speed -evp aes-128-gcm`, 16 KiB blocks, one core | " + fmt(aes / 1e6, 0) + " MB/s |");
        for (String alg : List.of("rsa2048", "ecdsap256")) {
            Map<String, String> s = rows.first("scenario", "ref-sign", "alg", alg).orElse(null);
            line("| `openssl speed " + alg + "`, one core | " + fmt(num(s, "signPerSec"), 0) + " signs/s, "
                    + fmt(num(s, "verifyPerSec"), 0) + " verifies/s |");
        }
        for (Map<String, String> l : rows.where("scenario", "loopback")) {
            line("| Netty loopback TCP (" + l.get("target") + "), " + l.get("connections") + " connection(s), source and sink in one JVM | "
                    + fmt(num(l, "aggregateMBps"), 0) + " MB/s |");
        }
        line("");
    }

    private void ratios() {
        heading("Headline ratios (TLS 1.2, AES-128-GCM, RSA-2048 unless noted)");
        line("tdsproxy full = TDS 7.x full encryption; tdsproxy strict, HAProxy, stunnel = TLS-first (TDS 8.0 strict) "
                + "termination; direct = plaintext to the backend. Rates: higher is better; latencies and CPU: lower is better.");
        line("");
        line("| measure | direct | tdsproxy full | tdsproxy strict | HAProxy | stunnel | full/HAProxy | strict/HAProxy "
                + "| full/direct | strict/direct |");
        line("|---|---|---|---|---|---|---|---|---|---|");
        for (String cert : List.of("rsa2048", "ecp256")) {
            ratioLine("connections/s (" + cert + ")", "connPerSec", 0,
                    t -> connectRow(t, t.equals(DIRECT) ? "-" : "1.2", t.equals(DIRECT) ? "-" : cert));
        }
        for (String pct : List.of("P50", "P99")) {
            ratioLine("SELECT 1 " + pct.toLowerCase() + " µs", "rtt" + pct + "us", 0,
                    t -> latencyRow(t, t.equals(DIRECT) ? "-" : "1.2"));
        }
        for (Map<String, String> row : rows.where("scenario", "throughput", "target", DIRECT)) {
            String c = row.get("connections");
            ratioLine("throughput MB/s, " + c + " conn.", "aggregateMBps", 0,
                    t -> throughputRow(t, t.equals(DIRECT) ? "-" : "1.2", c));
            ratioLine("relay CPU s/GB, " + c + " conn.", "perGBRelayCpu", 2,
                    t -> throughputRow(t, t.equals(DIRECT) ? "-" : "1.2", c));
        }
        line("");
    }

    private void ratioLine(String what, String column, int decimals, Function<String, Map<String, String>> row) {
        double d = num(row.apply(DIRECT), column);
        double full = num(row.apply(PROXY), column);
        double strict = num(row.apply(PROXY_STRICT), column);
        double h = num(row.apply(HAPROXY), column);
        double st = num(row.apply(STUNNEL), column);
        line("| " + what + " | " + fmt(d, decimals) + " | " + fmt(full, decimals) + " | " + fmt(strict, decimals) + " | "
                + fmt(h, decimals) + " | " + fmt(st, decimals) + " | " + ratio(full, h) + " | " + ratio(strict, h) + " | "
                + ratio(full, d) + " | " + ratio(strict, d) + " |");
    }

    private void connect() {
        heading("connect: TCP + PRELOGIN + TLS + LOGIN7 + LOGINACK + close");
        line("Handshake latency is from connect() to LOGINACK, in µs; connections/s counts the close too. "
                + "Relay CPU is the CPU time of the proxy process per connection.");
        line("");
        line("| target | TLS | cert | workers | conn/s | p50 | p90 | p99 | p99.9 | relay CPU ms/conn | errors | negotiated |");
        line("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (Map<String, String> r : rows.where("scenario", "connect")) {
            if (r.containsKey("failed")) {
                continue;
            }
            line("| " + r.get("target") + " | " + r.get("tls") + " | " + r.get("cert") + " | " + r.get("workers") + " | "
                    + fmt(num(r, "connPerSec"), 0) + " | " + fmt(num(r, "hsP50us"), 0) + " | " + fmt(num(r, "hsP90us"), 0)
                    + " | " + fmt(num(r, "hsP99us"), 0) + " | " + fmt(num(r, "hsP999us"), 0) + " | "
                    + fmt(num(r, "perKiloConnRelayCpu"), 2) + " | " + r.get("errors") + " | " + r.get("negotiated") + " |");
        }
        line("");
    }

    private void latency() {
        heading("latency: SELECT 1 round trips on one established connection");
        line("HdrHistogram of round-trip times in µs, after a warm-up; the embedded backend runs each SELECT 1 through H2.");
        line("");
        line("| target | TLS | requests/s | p50 | p90 | p99 | p99.9 | max | relay CPU µs/request |");
        line("|---|---|---|---|---|---|---|---|---|");
        for (Map<String, String> r : rows.where("scenario", "latency")) {
            if (r.containsKey("failed")) {
                continue;
            }
            line("| " + r.get("target") + " | " + r.get("tls") + " | " + fmt(num(r, "perSec"), 0) + " | "
                    + fmt(num(r, "rttP50us"), 0) + " | " + fmt(num(r, "rttP90us"), 0) + " | " + fmt(num(r, "rttP99us"), 0)
                    + " | " + fmt(num(r, "rttP999us"), 0) + " | " + fmt(num(r, "rttMaxUs"), 0) + " | "
                    + fmt(num(r, "perMillionReqRelayCpu"), 1) + " |");
        }
        line("");
    }

    private void throughput() {
        heading("throughput: one large result per connection, all connections at once");
        line("`EXEC tdsproxy_bulk` streams pre-encoded VARBINARY rows in 8000-byte packets; the generator reads packet "
                + "headers only. CPU columns: CPU seconds of each process per GB delivered; allocation: bytes the proxy "
                + "allocated on its heap per MB delivered (ThreadMXBean allocated-bytes counters of all its threads).");
        line("");
        line("| target | TLS | conn. | aggregate MB/s | per-conn. median MB/s | per-conn. slowest MB/s | relay CPU s/GB | "
                + "backend CPU s/GB | generator CPU s/GB | proxy heap alloc B/MB |");
        line("|---|---|---|---|---|---|---|---|---|---|");
        for (Map<String, String> r : rows.where("scenario", "throughput")) {
            if (r.containsKey("failed")) {
                continue;
            }
            line("| " + r.get("target") + " | " + r.get("tls") + " | " + r.get("connections") + " | "
                    + fmt(num(r, "aggregateMBps"), 0) + " | " + fmt(num(r, "perConnMedianMBps"), 1) + " | "
                    + fmt(num(r, "perConnMinMBps"), 1) + " | " + fmt(num(r, "perGBRelayCpu"), 2) + " | "
                    + fmt(num(r, "perGBBackendCpu"), 2) + " | " + fmt(num(r, "perGBGeneratorCpu"), 2) + " | "
                    + fmt(num(r, "perGBAlloc") / 1000, 0) + " |");
        }
        line("");
    }

    private void idle() {
        heading("idle: memory per held connection");
        line("The marginal cost of a logged-in idle connection: each relay is a fresh process; N connections are opened in "
                + "two halves and the second half is measured ((after − before) / (N/2)), so one-time costs fall in the first. "
                + "The proxy runs with a fixed, pre-touched heap, so its RSS growth is off-heap memory (BoringSSL, sockets, "
                + "JVM-internal growth such as JIT code and GC structures, which makes the JVM's RSS figure the noisiest); "
                + "heap is the live heap after a full GC; Netty direct is the default allocator's used direct memory.");
        line("");
        line("| target | TLS | connections | RSS KB/conn | heap KB/conn | Netty direct KB/conn |");
        line("|---|---|---|---|---|---|");
        for (Map<String, String> r : rows.where("scenario", "idle")) {
            if (r.containsKey("failed")) {
                continue;
            }
            line("| " + r.get("target") + " | " + r.get("tls") + " | " + r.get("connections") + " | "
                    + fmt(num(r, "rssPerConnKB"), 1) + " | " + fmt(num(r, "heapPerConnKB"), 1) + " | "
                    + fmt(num(r, "nettyDirectPerConnKB"), 1) + " |");
        }
        line("");
    }

    private void bounds() {
        heading("Bounds computed from the references");
        double aes = num(rows.first("scenario", "ref-aes").orElse(null), "bytesPerSec");
        double rsa = num(rows.first("scenario", "ref-sign", "alg", "rsa2048").orElse(null), "signPerSec");
        double ec = num(rows.first("scenario", "ref-sign", "alg", "ecdsap256").orElse(null), "signPerSec");
        double loop1 = num(rows.first("scenario", "loopback", "connections", "1").orElse(null), "aggregateMBps");
        double cores = num(rows.first("scenario", "machine").orElse(null), "cores");
        line("| bound | value | measured against it |");
        line("|---|---|---|");
        Map<String, String> tp1 = throughputRow(PROXY, "1.2", "1");
        line("| AES-128-GCM cost of encrypting 1 GB once (one direction, one core) | " + fmt(1e9 / aes, 3)
                + " CPU s/GB | tdsproxy relay CPU " + fmt(num(tp1, "perGBRelayCpu"), 2) + " s/GB (1 conn.): crypto is "
                + pct(1e9 / aes, num(tp1, "perGBRelayCpu")) + " of it |");
        Map<String, String> tpDirect = throughputRow(DIRECT, "-", "1");
        line("| Netty loopback TCP, 1 connection | " + fmt(loop1, 0) + " MB/s | direct (backend to generator, no proxy) "
                + fmt(num(tpDirect, "aggregateMBps"), 0) + " MB/s = " + pct(num(tpDirect, "aggregateMBps"), loop1)
                + "; tdsproxy full TLS " + fmt(num(tp1, "aggregateMBps"), 0) + " MB/s = " + pct(num(tp1, "aggregateMBps"), loop1) + " |");
        line("| RSA-2048 signs/s × " + fmt(cores, 0) + " cores (one sign per full handshake) | " + fmt(rsa * cores, 0)
                + " handshakes/s | tdsproxy " + fmt(num(connectRow(PROXY, "1.2", "rsa2048"), "connPerSec"), 0)
                + " conn/s, HAProxy " + fmt(num(connectRow(HAPROXY, "1.2", "rsa2048"), "connPerSec"), 0) + " conn/s |");
        line("| ECDSA P-256 signs/s × " + fmt(cores, 0) + " cores | " + fmt(ec * cores, 0) + " handshakes/s | tdsproxy "
                + fmt(num(connectRow(PROXY, "1.2", "ecp256"), "connPerSec"), 0) + " conn/s, HAProxy "
                + fmt(num(connectRow(HAPROXY, "1.2", "ecp256"), "connPerSec"), 0) + " conn/s |");
        line("| the backend: connect rate without any TLS | " + fmt(num(connectRow(DIRECT, "-", "-"), "connPerSec"), 0)
                + " conn/s | every target's connect rate includes an H2 session per login |");
        line("");
    }

    private void failures() {
        List<Map<String, String>> failed = rows.where("failed", "yes");
        if (!failed.isEmpty()) {
            heading("Failed measurements");
            for (Map<String, String> f : failed) {
                line("* `" + f.get("scenario") + " " + f.get("args") + "`");
            }
            line("");
        }
    }

    private static String pct(double part, double whole) {
        return Double.isNaN(part) || Double.isNaN(whole) || whole == 0 ? "-" : fmt(100 * part / whole, 0) + " %";
    }

    private Map<String, String> connectRow(String target, String tls, String cert) {
        return rows.first("scenario", "connect", "target", target, "tls", tls, "cert", cert).orElse(null);
    }

    private Map<String, String> latencyRow(String target, String tls) {
        return rows.first("scenario", "latency", "target", target, "tls", tls).orElse(null);
    }

    private Map<String, String> throughputRow(String target, String tls, String connections) {
        return rows.first("scenario", "throughput", "target", target, "tls", tls, "connections", connections).orElse(null);
    }

    private void heading(String text) {
        md.append("### ").append(text).append("\n\n");
    }

    private void line(String text) {
        md.append(text).append('\n');
    }
}
