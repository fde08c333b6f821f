package io.tdsproxy.server.proxy;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A result of more than 100 MiB through the proxy with mssql-jdbc, checked byte for byte (SHA-256 of
 * every row value against what the backend sent), in each client-leg mode. The elapsed times and the
 * CPU time of the proxy's event loops are logged for comparison with the direct connection; they are
 * not asserted (the client, the backend and the proxy share two cores with whatever else runs).
 */
class ProxyThroughputIT extends TestPkiSupport {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyThroughputIT.class);
    /** 13,108 rows of 8000 bytes = 104,864,000 bytes, just over 100 MiB. */
    private static final int ROWS = 13_108;


    @Test
    void hundredMegabytesArriveByteExactInEveryMode() throws Exception {
        FakeBackend backend = new FakeBackend();
        closer.register(backend);
        ProxyFixture plain = ProxyFixture.plaintext(backend.port());
        ProxyFixture tls = ProxyFixture.tls(backend.port(), pki, false);
        closer.register(plain);
        closer.register(tls);

        long direct = run("direct (no proxy)", Jdbc.url(backend.port(), ";encrypt=false"), backend);
        long plaintext = run("PLAINTEXT", Jdbc.url(plain.port(), ";encrypt=false"), backend);
        assertThat(plain.events.nextEstablished().mode()).isEqualTo(ClientLegMode.PLAINTEXT);
        long loginOnly = run("LOGIN_ONLY", Jdbc.url(tls.port(), ";encrypt=false"), backend);
        assertThat(tls.events.nextEstablished().mode()).isEqualTo(ClientLegMode.LOGIN_ONLY);
        long full = run("FULL_TLS", Jdbc.url(tls.port(), ";encrypt=true" + Jdbc.trustStore(pki)), backend);
        assertThat(tls.events.nextEstablished().mode()).isEqualTo(ClientLegMode.FULL_TLS);

        ConnectionRecord fullRecord = null;
        for (int i = 0; i < 2; i++) {
            ConnectionRecord closed = tls.events.nextClosed();
            if (closed.mode() == ClientLegMode.FULL_TLS) {
                fullRecord = closed;
            }
        }
        assertThat(fullRecord).isNotNull();
        assertThat(fullRecord.bytesToClient()).isGreaterThan((long) ROWS * FakeBackend.ROW_BYTES);
        LOG.info("100 MiB result, ms: direct {}, PLAINTEXT {}, LOGIN_ONLY {}, FULL_TLS {}", direct, plaintext, loginOnly, full);
    }

    /** CPU time of the proxy's event-loop threads so far, in nanoseconds. */
    private static long proxyCpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("tdsproxy-io")) {
                sum += Math.max(0, mx.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }

    /** Reads the whole result, checks its digest against the backend's, returns the elapsed milliseconds. */
    private static long run(String label, String url, FakeBackend backend) throws Exception {
        long cpuStart = proxyCpuNanos();
        long start = System.nanoTime();
        MessageDigest digest = FakeBackend.sha256();
        int rows = 0;
        try (Connection c = DriverManager.getConnection(url);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT BIG " + ROWS)) {
            while (rs.next()) {
                digest.update(rs.getBytes(1));
                rows++;
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        long cpuMillis = (proxyCpuNanos() - cpuStart) / 1_000_000;
        FakeBackend.Capture capture = backend.connections.take();
        assertThat(rows).as(label).isEqualTo(ROWS);
        assertThat(FakeBackend.hex(digest.digest())).as(label).isEqualTo(capture.blobDigests.take());
        double mib = (double) ROWS * FakeBackend.ROW_BYTES / (1024 * 1024);
        LOG.info("{}: {} MiB in {} ms ({} MiB/s end to end), proxy event-loop CPU {} ms", label,
                String.format("%.1f", mib), millis, String.format("%.0f", mib * 1000 / Math.max(1, millis)), cpuMillis);
        return millis;
    }
}
