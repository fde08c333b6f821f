package io.tdsproxy.testkit.jdbc;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.tdsproxy.testkit.EmbeddedTdsServer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A result of about 1 GiB on the wire (override with {@code -Dtdsproxy.largeResultBytes=...})
 * streams through the embedded server to mssql-jdbc in bounded memory: the test JVM has a 1 GiB
 * heap shared by H2, the server and the driver, and the server's Netty buffers in use must stay
 * under 64 MiB throughout. Peaks and throughput are printed for the record.
 */
class JdbcLargeResultIT {
    private static final long TARGET_BYTES = Long.getLong("tdsproxy.largeResultBytes", 1L << 30);
    private static final int CHARS = 2000;
    private static final long DIRECT_LIMIT = 64L << 20;

    @Test
    void oneGibibyteStreamsInBoundedMemory() throws Exception {
        // each row: ROW token 1 + bigint 9 + PLP 8 + chunk 4 + 2 * CHARS + terminator 4
        long rowBytes = 26 + 2L * CHARS;
        long rows = TARGET_BYTES / rowBytes;
        ByteBufAllocatorMetricProvider alloc = (ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong peakDirect = new AtomicLong();
        AtomicLong peakHeap = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakDirect.accumulateAndGet(alloc.metric().usedDirectMemory(), Math::max);
                peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "memory-sampler");
        try (EmbeddedTdsServer server = EmbeddedTdsServer.builder().build().start();
             Connection c = DriverManager.getConnection(server.jdbcUrl(), EmbeddedTdsServer.DEFAULT_USER,
                     EmbeddedTdsServer.DEFAULT_PASSWORD);
             Statement s = c.createStatement()) {
            sampler.start();
            long start = System.nanoTime();
            long count = 0;
            long chars = 0;
            long sum = 0;
            try (ResultSet rs = s.executeQuery("SELECT X, REPEAT('x', " + CHARS + ") FROM SYSTEM_RANGE(1, " + rows + ")")) {
                while (rs.next()) {
                    sum += rs.getLong(1);
                    chars += rs.getString(2).length();
                    count++;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            sampler.interrupt();
            sampler.join();
            System.out.printf("large result: %d rows, %.0f MiB on the wire in %.1f s (%.0f MiB/s); "
                            + "peak Netty direct memory in use %.1f MiB, peak heap used %.0f MiB (max %d MiB)%n",
                    count, rows * rowBytes / 1048576.0, seconds, rows * rowBytes / 1048576.0 / seconds,
                    peakDirect.get() / 1048576.0, peakHeap.get() / 1048576.0, Runtime.getRuntime().maxMemory() >> 20);
            assertThat(count).isEqualTo(rows);
            assertThat(chars).isEqualTo(rows * CHARS);
            assertThat(sum).isEqualTo(rows * (rows + 1) / 2);
            assertThat(peakDirect.get()).isLessThan(DIRECT_LIMIT);
        } finally {
            sampler.interrupt();
        }
    }
}
