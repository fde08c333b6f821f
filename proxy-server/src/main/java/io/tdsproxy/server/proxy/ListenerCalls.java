package io.tdsproxy.server.proxy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/** Calls a {@link ConnectionListener} so that its failure is logged and never disturbs the connection. */
final class ListenerCalls {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerCalls.class);

    private ListenerCalls() {
    }

    /** Runs {@code call} on {@code listener}; an exception is logged against connection {@code id}. */
    static void notify(ConnectionListener listener, long id, Consumer<ConnectionListener> call) {
        try {
            call.accept(listener);
        } catch (RuntimeException e) {
            failed(id, e);
        }
    }

    static void failed(long id, RuntimeException e) {
        LOG.warn("conn={} connection listener failed", id, e);
    }
}
