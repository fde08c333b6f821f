package io.tdsproxy.bench;

import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code latency}: {@code SELECT 1} round trips, one at a time per connection, over established
 * connections, for {@code --duration} seconds after {@code --warmup} seconds. Each connection records
 * into its own HdrHistogram (on its event loop); they are merged at the end.
 */
@Command(name = "latency", mixinStandardHelpOptions = true, description = "SELECT 1 round-trip latency percentiles.")
final class LatencyScenario implements Runnable {
    @Mixin
    GeneratorOptions options;

    @Option(names = "--connections", defaultValue = "1", description = "Connections, each with one request in flight. Default: ${DEFAULT-VALUE}.")
    int connections;

    @Option(names = "--duration", defaultValue = "5", description = "Measured seconds. Default: ${DEFAULT-VALUE}.")
    double duration;

    @Option(names = "--warmup", defaultValue = "1", description = "Seconds of requests not recorded first. Default: ${DEFAULT-VALUE}.")
    double warmup;

    @Option(names = "--count", defaultValue = "10000000", description = "At most this many requests per connection. Default: ${DEFAULT-VALUE}.")
    long count;

    @Option(names = "--sql", defaultValue = "SELECT 1", description = "The statement. Default: ${DEFAULT-VALUE}.")
    String sql;

    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    /** One connection's loop state; touched only on its event loop. */
    private final class Loop {
        final TdsSession session;
        final Histogram histogram = Latencies.newHistogram();
        long sent;
        long recorded;

        Loop(TdsSession session) {
            this.session = session;
        }

        void next(long recordFrom, long stopAt, CountDownLatch done) {
            long t0 = System.nanoTime();
            if (t0 >= stopAt || sent >= count || failure.get() != null) {
                done.countDown();
                return;
            }
            sent++;
            session.execute(sql).whenComplete((bytes, e) -> {
                long t1 = System.nanoTime();
                if (e != null) {
                    failure.compareAndSet(null, e);
                    done.countDown();
                    return;
                }
                if (t0 >= recordFrom) {
                    histogram.recordValue(Math.max(1, (t1 - t0) / 1000));
                    recorded++;
                }
                next(recordFrom, stopAt, done);
            });
        }
    }

    @Override
    public void run() {
        try (Generator generator = new Generator(options)) {
            List<TdsSession> sessions = generator.openMany(connections, 32, 60_000);
            List<Loop> loops = new ArrayList<>();
            sessions.forEach(s -> loops.add(new Loop(s)));
            CostMeter cost = new CostMeter(options);
            long start = System.nanoTime();
            long recordFrom = start + (long) (warmup * 1e9);
            long stopAt = recordFrom + (long) (duration * 1e9);
            CountDownLatch done = new CountDownLatch(loops.size());
            loops.forEach(l -> l.session.channel().eventLoop().execute(() -> l.next(recordFrom, stopAt, done)));
            Thread.sleep(Math.max(0, (recordFrom - System.nanoTime()) / 1_000_000));
            cost.start();
            if (!done.await((long) (warmup + duration) + 60, TimeUnit.SECONDS)) {
                failure.compareAndSet(null, new IllegalStateException("requests did not finish in time"));
            }
            Histogram all = Latencies.newHistogram();
            long requests = 0;
            for (Loop l : loops) {
                l.session.channel().eventLoop().submit(() -> { }).syncUninterruptibly(); // publish its histogram
                all.add(l.histogram);
                requests += l.recorded;
            }
            double seconds = Math.max(1e-9, (Math.min(System.nanoTime(), stopAt) - recordFrom) / 1e9);
            Results r = options.results("latency").put("connections", connections).put("requests", requests)
                    .put("errors", failure.get() == null ? 0 : 1).put("perSec", requests / seconds);
            Latencies.put(r, "rtt", all);
            cost.stop(r, Math.max(1, requests) / 1e6, "perMillionReq");
            r.put("negotiated", sessions.get(0).tlsDescription())
                    .put("firstError", failure.get() == null ? "-" : String.valueOf(failure.get()));
            Generator.closeAll(sessions);
            r.emit(options.results);
            if (requests == 0 || failure.get() != null) {
                throw new IllegalStateException("latency run failed: " + failure.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
