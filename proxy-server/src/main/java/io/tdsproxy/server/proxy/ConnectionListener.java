package io.tdsproxy.server.proxy;

/**
 * Observes client connections: tests assert on it, and later metrics and the admin API hang off
 * it. Called on the connection's event loop: implementations must be quick and never block.
 * An exception thrown by a listener is logged and otherwise ignored.
 */
public interface ConnectionListener {
    /** Ignores everything. */
    ConnectionListener NONE = new ConnectionListener() {
    };

    /** The login was forwarded to the backend and the relay started; outcome is {@code OPEN}. */
    default void established(ConnectionRecord record) {
    }

    /** The connection ended; called exactly once per accepted connection. */
    default void closed(ConnectionRecord record) {
    }
}
