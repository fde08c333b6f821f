package io.tdsproxy.bench;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.util.internal.PlatformDependent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * In-process statistics of the JVM it runs in, served on a loopback port by one daemon thread (plain
 * blocking sockets, never on an event loop). A request is one line, {@code stats} or {@code stats gc}
 * (a full GC first, so that heap use is live data); the answer is one line of {@code key=value}:
 * <ul>
 *   <li>{@code heapUsed}: the heap in use (MemoryMXBean);</li>
 *   <li>{@code nettyDirect}: direct memory held by Netty's default allocator (its own metric), where the
 *       proxy's socket and TLS buffers come from; {@code nettyCounter}: Netty's count of direct memory
 *       allocated without a cleaner (-1 when not counted);</li>
 *   <li>{@code jdkDirect}: direct ByteBuffers counted by the JDK ("direct" buffer pool);</li>
 *   <li>{@code allocated}: bytes allocated on the heap by all live threads so far
 *       ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}: the TLAB-accounted counter that
 *       JFR's {@code jdk.ThreadAllocationStatistics} reports too, exact rather than sampled like
 *       {@code jdk.ObjectAllocationSample}, and readable without a recording file to parse). Netty's event
 *       loop threads live as long as the proxy, so nothing they allocate is lost with a dead thread.</li>
 * </ul>
 * Native memory of BoringSSL (per-connection SSL objects) is in none of these; RSS covers it.
 */
final class StatsListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatsListener.class);

    private final ServerSocket socket;

    private StatsListener(ServerSocket socket) {
        this.socket = socket;
    }

    /** Listens on 127.0.0.1:{@code port} (0: any free port). */
    static StatsListener start(int port) throws IOException {
        StatsListener listener = new StatsListener(new ServerSocket(port, 8, InetAddress.getLoopbackAddress()));
        Thread thread = new Thread(listener::serve, "bench-stats");
        thread.setDaemon(true);
        thread.start();
        return listener;
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                String request = new BufferedReader(new InputStreamReader(client.getInputStream(),
                        StandardCharsets.US_ASCII)).readLine();
                if (request != null && request.trim().equals("stats gc")) {
                    System.gc();
                }
                client.getOutputStream().write((snapshot() + "\n").getBytes(StandardCharsets.US_ASCII));
            } catch (IOException | RuntimeException e) {
                if (!socket.isClosed()) {
                    LOG.warn("statistics request failed: {}", e.toString());
                }
            }
        }
    }

    static String snapshot() {
        long nettyDirect = -1;
        if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider) {
            nettyDirect = ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric().usedDirectMemory();
        }
        long jdkDirect = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if ("direct".equals(pool.getName())) {
                jdkDirect = pool.getMemoryUsed();
            }
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocated = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            allocated += Math.max(0, bytes);
        }
        return "heapUsed=" + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()
                + " nettyDirect=" + nettyDirect
                + " nettyCounter=" + PlatformDependent.usedDirectMemory()
                + " jdkDirect=" + jdkDirect
                + " allocated=" + allocated;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
