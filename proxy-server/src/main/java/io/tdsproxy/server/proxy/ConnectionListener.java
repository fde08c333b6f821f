package io.tdsproxy.server.proxy;

import java.net.SocketAddress;

/**
 * Observes client connections: tests assert on it, metrics ({@code ProxyMetrics}) and the audit log
 * ({@code AuditLog}) hang off it. Called on the connection's event loop: implementations must be
 * quick and never block. An exception thrown by a listener is logged and otherwise ignored.
 *
 * <p>Order per connection: {@link #accepted}, then (when TLS is negotiated) {@link #handshakeFinished},
 * {@link #loginReceived} once the LOGIN7 is complete, {@link #established} once it has gone to the backend,
 * {@link #trafficRelayed} any number of times while relaying, and {@link #closed} exactly once.
 * {@link #backendConnectFinished} may come at any point before the relay runs.
 */
public interface ConnectionListener {
    /** Ignores everything. */
    ConnectionListener NONE = new ConnectionListener() {
    };

    /** A client connection was accepted; {@link #closed} follows for it exactly once. */
    default void accepted(long id, SocketAddress client) {
    }

    /** The client-leg TLS handshake ended, successfully or not. */
    default void handshakeFinished(HandshakeRecord handshake) {
    }

    /** The TCP connect to the backend ended after {@code nanos}; {@code connected} says whether it worked. */
    default void backendConnectFinished(long nanos, boolean connected) {
    }

    /**
     * A complete LOGIN7 arrived: it was forwarded to the backend, or refused by the proxy when
     * {@link LoginRecord#refused()} says why. The record holds the login's identity fields, never the
     * password or LOGIN7 bytes.
     */
    default void loginReceived(LoginRecord login) {
    }

    /** The login was forwarded to the backend and the relay started; outcome is {@code OPEN}. */
    default void established(ConnectionRecord record) {
    }

    /**
     * Bytes and TDS packets relayed in one direction since the previous call for that connection and
     * direction; reported once per read batch (not per packet), so it is cheap enough to count with.
     */
    default void trafficRelayed(RelayDirection direction, long bytes, long packets) {
    }

    /** The connection ended; called exactly once per accepted connection. */
    default void closed(ConnectionRecord record) {
    }
}
