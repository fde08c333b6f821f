package io.tdsproxy.bench;

import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code connect}: N workers each loop TCP connect, PRELOGIN, TLS, LOGIN7, LOGINACK, close, until
 * {@code --count} connections were started or {@code --duration} passed. Reports connections per
 * second (closes included) and the handshake latency from connect to LOGINACK.
 */
@Command(name = "connect", mixinStandardHelpOptions = true,
        description = "Connection rate and handshake latency (TCP + PRELOGIN + TLS + LOGIN7 + LOGINACK + close).")
final class ConnectScenario implements Runnable {
    @Mixin
    GeneratorOptions options;

    @Option(names = "--workers", defaultValue = "8", description = "Concurrent connections. Default: ${DEFAULT-VALUE}.")
    int workers;

    @Option(names = "--count", defaultValue = "100000", description = "At most this many connections. Default: ${DEFAULT-VALUE}.")
    int count;

    @Option(names = "--duration", defaultValue = "5", description = "At most this many seconds. Default: ${DEFAULT-VALUE}.")
    double duration;

    @Option(names = "--warmup", defaultValue = "1", description = "Seconds of connections made and not counted first. Default: ${DEFAULT-VALUE}.")
    double warmup;

    private final Histogram latency = Latencies.newHistogram();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger errors = new AtomicInteger();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private final AtomicReference<String> cipher = new AtomicReference<>("-");
    private volatile boolean recording;
    private long deadline;
    private int limit;

    @Override
    public void run() {
        try (Generator generator = new Generator(options)) {
            round(generator, count, warmup);
            latency.reset();
            completed.set(0);
            errors.set(0);
            recording = true;
            CostMeter cost = new CostMeter(options);
            cost.start();
            long t0 = System.nanoTime();
            round(generator, count, duration);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Results r = options.results("connect").put("workers", workers).put("connections", completed.get())
                    .put("errors", errors.get()).put("seconds", seconds)
                    .put("connPerSec", completed.get() / seconds);
            Latencies.put(r, "hs", latency);
            cost.stop(r, Math.max(1, completed.get()) / 1000.0, "perKiloConn");
            r.put("negotiated", cipher.get()).put("firstError", firstError.get() == null ? "-" : firstError.get());
            r.emit(options.results);
            if (completed.get() == 0) {
                throw new IllegalStateException("no connection completed: " + firstError.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void round(Generator generator, int connections, double seconds) throws InterruptedException {
        started.set(0);
        limit = connections;
        deadline = System.nanoTime() + (long) (seconds * 1e9);
        CountDownLatch done = new CountDownLatch(workers);
        for (int i = 0; i < workers; i++) {
            next(generator, done);
        }
        if (!done.await((long) seconds + 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("connect workers did not stop within " + ((long) seconds + 60) + " s");
        }
    }

    private void next(Generator generator, CountDownLatch done) {
        if (System.nanoTime() > deadline || started.incrementAndGet() > limit || errors.get() > 100) {
            done.countDown();
            return;
        }
        long t0 = System.nanoTime();
        generator.open().whenComplete((session, failure) -> {
            if (failure != null) {
                errors.incrementAndGet();
                firstError.compareAndSet(null, String.valueOf(failure));
                next(generator, done);
                return;
            }
            long micros = (System.nanoTime() - t0) / 1000;
            if (recording) {
                synchronized (latency) {
                    latency.recordValue(Math.max(1, micros));
                }
                cipher.compareAndSet("-", session.tlsDescription());
            }
            session.close().addListener(f -> {
                completed.incrementAndGet();
                next(generator, done);
            });
        });
    }
}
