package io.tdsproxy.testkit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The {@link ConnectionSecurity} records of one server, in publication order, plus the builder's
 * listener. Written from the event loop, read from test threads.
 */
final class ConnectionLog implements Consumer<ConnectionSecurity> {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLog.class);

    private final List<ConnectionSecurity> records = new ArrayList<>();
    private final Consumer<ConnectionSecurity> listener;

    ConnectionLog(Consumer<ConnectionSecurity> listener) {
        this.listener = listener;
    }

    @Override
    public void accept(ConnectionSecurity record) {
        synchronized (records) {
            records.add(record);
            records.notifyAll();
        }
        LOG.debug("conn={} security mode={} outcome={} tls={} alpn={} sni={}", record.connectionId(), record.mode(),
                record.outcome(), record.tlsProtocol().orElse("-"), record.alpn().orElse("-"), record.sni().orElse("-"));
        if (listener != null) {
            try {
                listener.accept(record);
            } catch (RuntimeException e) {
                LOG.warn("conn={} connection listener failed", record.connectionId(), e);
            }
        }
    }

    List<ConnectionSecurity> snapshot() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    List<ConnectionSecurity> await(int count, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (records) {
            while (records.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("expected " + count + " connection records within " + timeout
                            + ", have " + records.size() + ": " + records);
                }
                records.wait(Math.max(1, left / 1_000_000));
            }
            return List.copyOf(records);
        }
    }
}
