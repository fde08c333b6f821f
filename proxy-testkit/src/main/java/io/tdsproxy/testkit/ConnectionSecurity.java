package io.tdsproxy.testkit;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the embedded server negotiated on one connection, published once per connection: when the
 * LOGIN7 arrives, when the server refuses the connection's encryption, or when the connection ends
 * before either (see {@link Outcome}). Published on the event loop before the server writes its
 * answer to that LOGIN7 or refusal, so a client that got an answer can read the record at once;
 * a TLS handshake the client aborts is only known once the server sees the close
 * ({@link EmbeddedTdsServer#awaitConnections}).
 *
 * @param connectionId     the Netty channel id (short form), as in the server's log lines
 * @param mode             the protection negotiated so far
 * @param outcome          why the record was published
 * @param clientEncryption the ENCRYPTION byte of the client's PRELOGIN; empty without PRELOGIN
 * @param tlsProtocol      e.g. {@code TLSv1.2}, once a TLS handshake succeeded
 * @param cipherSuite      the negotiated suite, once a TLS handshake succeeded
 * @param alpn             the ALPN protocol selected ({@code tds/8.0}); empty when the client offered none
 * @param sni              the server name the client asked for; empty without SNI (IP literals, FreeTDS)
 * @param detail           for {@link Outcome#REFUSED} and {@link Outcome#TLS_FAILED}: why
 */
public record ConnectionSecurity(String connectionId, EncryptionMode mode, Outcome outcome,
                                 OptionalInt clientEncryption, Optional<String> tlsProtocol,
                                 Optional<String> cipherSuite, Optional<String> alpn, Optional<String> sni,
                                 Optional<String> detail) {

    /** Why a {@link ConnectionSecurity} was published. */
    public enum Outcome {
        /** A LOGIN7 arrived under {@code mode}; whether its credentials were right is another matter. */
        LOGIN_RECEIVED,
        /** The server refused the client's encryption (at PRELOGIN, or by answering the LOGIN7 with an error). */
        REFUSED,
        /** The TLS handshake failed (for example the client rejected the certificate and closed). */
        TLS_FAILED,
        /** The connection closed before a LOGIN7 arrived, without a TLS failure. */
        CLOSED
    }

    public ConnectionSecurity {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(clientEncryption, "clientEncryption");
        Objects.requireNonNull(tlsProtocol, "tlsProtocol");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
        Objects.requireNonNull(alpn, "alpn");
        Objects.requireNonNull(sni, "sni");
        Objects.requireNonNull(detail, "detail");
    }
}
