package io.tdsproxy.server.cli;

import io.tdsproxy.server.proxy.ProxyServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How {@code tdsproxy run} ends on SIGTERM (and Ctrl-C's SIGINT): the first signal drains
 * ({@link ProxyServer#drain}: no new connections, open ones get {@code proxy.draintimeout}), and the
 * command then exits 0; a second signal closes every connection at once.
 *
 * <p><b>Why {@code sun.misc.Signal}.</b> With the JVM's own handling, SIGTERM starts the shutdown
 * sequence: shutdown hooks run once, further signals are swallowed, and the process exits 143 however
 * the hooks end. Neither "a second SIGTERM closes at once" nor "exit 0 after a drain" can be built on
 * that. {@code sun.misc.Signal} (module {@code jdk.unsupported}, present in every JDK 17 runtime) is
 * the only Java API that replaces the handler. Where it cannot be installed (a JVM started with
 * {@code -Xrs}), the shutdown hook in {@link RunCommand} still drains, and the exit code is then the
 * JVM's.
 */
final class DrainOnSignal {
    private static final Logger LOG = LoggerFactory.getLogger(DrainOnSignal.class);

    private DrainOnSignal() {
    }

    /**
     * Installs the handlers.
     *
     * @return completes when a signal-started drain has closed the proxy; never when the handlers could
     *         not be installed (the caller then relies on its shutdown hook)
     */
    static CompletableFuture<Integer> install(ProxyServer server, Duration drainTimeout) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        AtomicInteger received = new AtomicInteger();
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    if (received.incrementAndGet() == 1) {
                        LOG.info("SIG{} received: draining for up to {} (proxy.draintimeout); send it again to close "
                                + "every connection now", signal.getName(), drainTimeout);
                        server.drain(drainTimeout).whenComplete((cutOff, failure) -> done.complete(cutOff));
                    } else {
                        LOG.info("SIG{} received again: closing every connection now", signal.getName());
                        server.close();
                    }
                });
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                LOG.warn("cannot handle SIG{} ({}); shutdown drains through the JVM's hook instead", name, e.getMessage());
            }
        }
        return done;
    }
}
