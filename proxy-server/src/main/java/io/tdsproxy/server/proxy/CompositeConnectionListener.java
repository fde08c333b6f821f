package io.tdsproxy.server.proxy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.SocketAddress;
import java.util.List;
import java.util.function.Consumer;

/**
 * Tells several {@link ConnectionListener}s about every event, in order; one that throws is logged and
 * does not keep the others from hearing about it.
 */
public final class CompositeConnectionListener implements ConnectionListener {
    private static final Logger LOG = LoggerFactory.getLogger(CompositeConnectionListener.class);

    private final List<ConnectionListener> listeners;

    private CompositeConnectionListener(List<ConnectionListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /** A listener telling each of {@code listeners}, in this order. */
    public static ConnectionListener of(ConnectionListener... listeners) {
        return listeners.length == 1 ? listeners[0] : new CompositeConnectionListener(List.of(listeners));
    }

    @Override
    public void accepted(long id, SocketAddress client) {
        each(l -> l.accepted(id, client));
    }

    @Override
    public void handshakeFinished(HandshakeRecord handshake) {
        each(l -> l.handshakeFinished(handshake));
    }

    @Override
    public void backendConnectFinished(long nanos, boolean connected) {
        each(l -> l.backendConnectFinished(nanos, connected));
    }

    @Override
    public void loginReceived(LoginRecord login) {
        each(l -> l.loginReceived(login));
    }

    @Override
    public void established(ConnectionRecord record) {
        each(l -> l.established(record));
    }

    /** Hot path: a plain loop, no lambda. */
    @Override
    public void trafficRelayed(RelayDirection direction, long bytes, long packets) {
        for (ConnectionListener listener : listeners) {
            try {
                listener.trafficRelayed(direction, bytes, packets);
            } catch (RuntimeException e) {
                LOG.warn("connection listener {} failed", listener, e);
            }
        }
    }

    @Override
    public void closed(ConnectionRecord record) {
        each(l -> l.closed(record));
    }

    private void each(Consumer<ConnectionListener> call) {
        for (ConnectionListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("connection listener {} failed", listener, e);
            }
        }
    }
}
