package io.tdsproxy.bench;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.tdsproxy.server.proxy.Transport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The generator's event loops (epoll when available, as the proxy) and helpers to open and close
 * many sessions with bounded concurrency and bounded time.
 */
final class Generator implements AutoCloseable {
    private final Transport transport = Transport.best();
    private final EventLoopGroup group;
    private final Target target;

    Generator(GeneratorOptions options) {
        this.target = options.target();
        this.group = transport.newGroup(options.threads, new DefaultThreadFactory("bench-io", true));
    }

    Target target() {
        return target;
    }

    CompletableFuture<TdsSession> open() {
        return TdsSession.open(group, socketChannel(), target);
    }

    private Class<? extends SocketChannel> socketChannel() {
        return transport.socketChannel();
    }

    /**
     * Opens {@code count} sessions, at most {@code concurrency} handshakes at a time.
     *
     * @throws IllegalStateException with the first failure, after closing what was opened
     */
    List<TdsSession> openMany(int count, int concurrency, long timeoutMillis) throws InterruptedException {
        Semaphore slots = new Semaphore(concurrency);
        List<CompletableFuture<TdsSession>> futures = new ArrayList<>(count);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (int i = 0; i < count; i++) {
            if (!slots.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            CompletableFuture<TdsSession> f = open();
            f.whenComplete((s, e) -> slots.release());
            futures.add(f);
        }
        List<TdsSession> sessions = new ArrayList<>(count);
        Throwable failure = null;
        for (CompletableFuture<TdsSession> f : futures) {
            try {
                sessions.add(f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (ExecutionException | TimeoutException e) {
                failure = failure == null ? (e instanceof ExecutionException ? e.getCause() : e) : failure;
            }
        }
        if (failure != null || sessions.size() < count) {
            closeAll(sessions);
            throw new IllegalStateException("opened " + sessions.size() + " of " + count + " sessions"
                    + (failure == null ? " in time" : ": " + failure), failure);
        }
        return sessions;
    }

    static void closeAll(List<TdsSession> sessions) {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (TdsSession s : sessions) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            s.close().addListener(f -> done.complete(null));
            closing.add(done);
        }
        try {
            CompletableFuture.allOf(closing.toArray(new CompletableFuture[0])).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            System.err.println("bench: closing sessions: " + e);
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
