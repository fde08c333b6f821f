package io.tdsproxy.server.proxy;

import java.net.SocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened on one client connection, as reported to a {@link ConnectionListener}. Never holds
 * credentials or LOGIN7 bytes.
 *
 * @param id            the connection id, unique within one {@link ProxyServer}; it prefixes every log
 *                      line about the connection ({@code conn=<id>})
 * @param client        the client's address
 * @param mode          how the client leg is protected
 * @param tlsProtocol   the negotiated TLS protocol (e.g. {@code TLSv1.2}) when a handshake completed
 * @param tlsCipher     the negotiated cipher suite when a handshake completed
 * @param outcome       {@link ConnectionOutcome#OPEN} while running, then how it ended
 * @param detail        a one-line reason for failures (empty otherwise); safe to show to operators
 * @param bytesToBackend plaintext TDS bytes relayed client to backend once the LOGIN7 was forwarded
 * @param bytesToClient plaintext TDS bytes relayed backend to client, the login response included
 * @param sniHostName   the SNI name a TDS 8.0 (strict) client sent, if any
 * @param backendMode   how the backend leg is protected ({@code UNNEGOTIATED} if it never got that far)
 * @param backendTlsProtocol the TLS protocol of the backend leg when it ran a handshake
 */
public record ConnectionRecord(long id, SocketAddress client, ClientLegMode mode, Optional<String> tlsProtocol,
                               Optional<String> tlsCipher, ConnectionOutcome outcome, String detail,
                               long bytesToBackend, long bytesToClient, Optional<String> sniHostName,
                               BackendLegMode backendMode, Optional<String> backendTlsProtocol) {
    /** A record without SNI and without a negotiated backend leg (as before the backend leg had modes). */
    public ConnectionRecord(long id, SocketAddress client, ClientLegMode mode, Optional<String> tlsProtocol,
                            Optional<String> tlsCipher, ConnectionOutcome outcome, String detail,
                            long bytesToBackend, long bytesToClient) {
        this(id, client, mode, tlsProtocol, tlsCipher, outcome, detail, bytesToBackend, bytesToClient,
                Optional.empty(), BackendLegMode.UNNEGOTIATED, Optional.empty());
    }

    public ConnectionRecord {
        Objects.requireNonNull(sniHostName, "sniHostName");
        Objects.requireNonNull(backendMode, "backendMode");
        Objects.requireNonNull(backendTlsProtocol, "backendTlsProtocol");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(tlsProtocol, "tlsProtocol");
        Objects.requireNonNull(tlsCipher, "tlsCipher");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
    }
}
