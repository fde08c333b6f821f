package io.tdsproxy.bench;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.util.internal.PlatformDependent;
import io.tdsproxy.server.cli.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Runs the proxy exactly as {@code tdsproxy.jar run --config FILE} does (the same picocli command, in
 * this JVM) and answers statistics requests on a loopback port, because the proxy has no metrics
 * endpoint yet and remote JMX or the attach API would add a second agent to the process measured.
 *
 * <p>A request is one line, {@code stats} or {@code stats gc} (a full GC first, so that heap use is
 * live data); the answer is one line of {@code key=value}:
 * <ul>
 *   <li>{@code heapUsed}: the heap in use (MemoryMXBean);</li>
 *   <li>{@code nettyDirect}: direct memory held by Netty's default allocator (its own metric), which
 *       is where the proxy's socket and TLS buffers come from;</li>
 *   <li>{@code jdkDirect}: direct ByteBuffers counted by the JDK ("direct" buffer pool);</li>
 *   <li>{@code allocated}: bytes allocated on the heap by all live threads so far
 *       ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}, the TLAB-accounted counter that
 *       JFR's {@code jdk.ThreadAllocationStatistics} samples too; exact, not sampled). Netty's event
 *       loop threads live as long as the proxy, so nothing they allocate is lost with a dead thread.</li>
 * </ul>
 * Native memory of BoringSSL (per-connection SSL objects) is in none of these; RSS covers it.
 */
@Command(name = "proxy-host", mixinStandardHelpOptions = true,
        description = "Run the proxy (same code path as 'tdsproxy.jar run') with a statistics port for the benchmarks.")
final class ProxyHost implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyHost.class);

    @Option(names = "--config", required = true, description = "Proxy configuration file (as for 'tdsproxy.jar run').")
    private Path config;

    @Option(names = "--stats-port", required = true, description = "Loopback port of the statistics listener.")
    private int statsPort;

    @Override
    public Integer call() throws IOException {
        ServerSocket listener = new ServerSocket(statsPort, 8, InetAddress.getLoopbackAddress());
        Thread stats = new Thread(() -> serve(listener), "bench-stats");
        stats.setDaemon(true);
        stats.start();
        return Main.commandLine().execute("run", "--config", config.toString());
    }

    private static void serve(ServerSocket listener) {
        while (!listener.isClosed()) {
            try (Socket socket = listener.accept()) {
                String request = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII)).readLine();
                if (request != null && request.trim().equals("stats gc")) {
                    System.gc();
                }
                socket.getOutputStream().write((snapshot() + "\n").getBytes(StandardCharsets.US_ASCII));
            } catch (IOException | RuntimeException e) {
                LOG.warn("statistics request failed: {}", e.toString());
            }
        }
    }

    static String snapshot() {
        long nettyDirect = -1;
        if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider) {
            ByteBufAllocatorMetric metric = ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric();
            nettyDirect = metric.usedDirectMemory();
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
}
