package io.tdsproxy.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code throughput}: for each connection count, every connection asks the backend for one large
 * result ({@code EXEC tdsproxy_bulk @bytes = N}, the embedded backend's pre-encoded source) at the same
 * moment; the generator reads packet headers only. Reports aggregate MB/s (all bytes over the wall
 * time until the last result ended), per-connection MB/s (median and slowest), and the CPU seconds of
 * relay, backend and generator and the relay's heap allocation per GB / MB relayed. MB = 10^6 bytes.
 */
@Command(name = "throughput", mixinStandardHelpOptions = true, description = "Large-result throughput over 1, 16 and 256 connections.")
final class ThroughputScenario implements Runnable {
    @Mixin
    GeneratorOptions options;

    @Option(names = "--connections", split = ",", defaultValue = "1,16,256",
            description = "Connection counts, one measurement each. Default: ${DEFAULT-VALUE}.")
    int[] connectionCounts;

    @Option(names = "--total-bytes", defaultValue = "536870912",
            description = "Bytes per measurement, split evenly over its connections. Default: ${DEFAULT-VALUE} (512 MiB).")
    long totalBytes;

    @Option(names = "--warmup-bytes", defaultValue = "134217728",
            description = "Bytes streamed over one connection first, not measured. Default: ${DEFAULT-VALUE}.")
    long warmupBytes;

    @Option(names = "--timeout", defaultValue = "120", description = "Seconds a measurement may take at most. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds;

    @Override
    public void run() {
        try (Generator generator = new Generator(options)) {
            if (warmupBytes > 0) {
                measure(generator, 1, warmupBytes, null);
            }
            for (int connections : connectionCounts) {
                measure(generator, connections, totalBytes, options.results("throughput"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void measure(Generator generator, int connections, long bytes, Results r) throws InterruptedException {
        List<TdsSession> sessions = generator.openMany(connections, 32, 60_000);
        try {
            long perConnection = Math.max(1, bytes / connections);
            String sql = "EXEC tdsproxy_bulk @bytes = " + perConnection;
            CostMeter cost = new CostMeter(options);
            cost.start();
            long t0 = System.nanoTime();
            List<CompletableFuture<double[]>> results = new ArrayList<>();
            for (TdsSession s : sessions) {
                long start = System.nanoTime();
                results.add(s.execute(sql).thenApply(n -> new double[] {n, (System.nanoTime() - start) / 1e9}));
            }
            double total = 0;
            double[] rates = new double[connections];
            long deadline = t0 + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            for (int i = 0; i < connections; i++) {
                double[] done = results.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                total += done[0];
                rates[i] = done[0] / done[1] / 1e6;
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (r == null) {
                return;
            }
            Arrays.sort(rates);
            r.put("connections", connections).put("bytes", (long) total).put("seconds", seconds)
                    .put("aggregateMBps", total / seconds / 1e6)
                    .put("perConnMedianMBps", rates[connections / 2]).put("perConnMinMBps", rates[0]);
            cost.stop(r, total / 1e9, "perGB");
            r.put("negotiated", sessions.get(0).tlsDescription());
            r.emit(options.results);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("throughput over " + connections + " connections failed: "
                    + (e instanceof ExecutionException ? e.getCause() : "timed out after " + timeoutSeconds + " s"), e);
        } finally {
            Generator.closeAll(sessions);
        }
    }
}
