package io.tdsproxy.server.proxy;

import java.util.Objects;
import java.util.Optional;

/**
 * How one client-leg TLS handshake ended, as reported to {@link ConnectionListener#handshakeFinished}.
 *
 * @param id            the connection id
 * @param mode          the client-leg mode the handshake was for
 * @param success       whether the handshake completed
 * @param protocol      the negotiated protocol (e.g. {@code TLSv1.2}) when it succeeded
 * @param cipher        the negotiated cipher suite when it succeeded
 * @param durationNanos from sending the PRELOGIN reply that starts TLS to the end of the handshake
 */
public record HandshakeRecord(long id, ClientLegMode mode, boolean success, Optional<String> protocol,
                              Optional<String> cipher, long durationNanos) {
    public HandshakeRecord {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(cipher, "cipher");
        if (durationNanos < 0) {
            throw new IllegalArgumentException("durationNanos " + durationNanos + " < 0");
        }
    }
}
