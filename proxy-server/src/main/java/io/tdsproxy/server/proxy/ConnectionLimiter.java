package io.tdsproxy.server.proxy;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code proxy.maxconnections}: counts the client connections that were admitted. A connection beyond
 * the limit is still accepted, so that it can be told why at its LOGIN7 (a TDS ERROR the client shows,
 * number {@value TdsReplies#CONNECTION_LIMIT} as SQL Server uses for its own user-connection limit),
 * but it never reaches the backend and never counts. Refusing at the socket instead would leave the
 * client with "connection reset" and nothing to go on. Thread-safe: acquired on the acceptor's child
 * initialisation, released from any event loop.
 */
final class ConnectionLimiter {
    private final int max;
    private final AtomicInteger open = new AtomicInteger();

    ConnectionLimiter(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max " + max + " < 1");
        }
        this.max = max;
    }

    /** Takes a slot; false when all {@code max} are taken (then {@link #release} must not be called). */
    boolean tryAcquire() {
        while (true) {
            int now = open.get();
            if (now >= max) {
                return false;
            }
            if (open.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    void release() {
        open.decrementAndGet();
    }

    /** Admitted connections still open. */
    int open() {
        return open.get();
    }

    /** The text the refused client shows. */
    String refusal() {
        return "tdsproxy refused the connection: the maximum of " + max + " connections (proxy.maxconnections) "
                + "is reached. Try again later, or raise proxy.maxconnections.";
    }
}
