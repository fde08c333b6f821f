package io.tdsproxy.server.proxy;

import java.net.SocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One login, forwarded or refused by the proxy, as reported to {@link ConnectionListener#loginReceived}:
 * what the audit log writes. Never holds the password or LOGIN7 bytes.
 *
 * @param id           the connection id ({@code conn=<id>} in every log line about it)
 * @param client       the client's address
 * @param clientMode   how the client leg is protected
 * @param backendMode  how the backend leg is protected (e.g. {@code PLAINTEXT})
 * @param tlsProtocol  the client leg's TLS protocol when a handshake completed
 * @param tlsCipher    the client leg's cipher suite when a handshake completed
 * @param sni          the server name the client asked for in its TLS ClientHello, when it sent one
 * @param login        the LOGIN7's identity fields; empty when the message could not be decoded
 * @param problem      why {@code login} is empty (a one-line reason), otherwise empty
 * @param refused      why the proxy refused the login instead of forwarding it (the text the client
 *                     was sent); empty when it was forwarded
 */
public record LoginRecord(long id, SocketAddress client, ClientLegMode clientMode, String backendMode,
                          Optional<String> tlsProtocol, Optional<String> tlsCipher, Optional<String> sni,
                          Optional<LoginSummary> login, String problem, String refused) {
    public LoginRecord {
        Objects.requireNonNull(clientMode, "clientMode");
        Objects.requireNonNull(backendMode, "backendMode");
        Objects.requireNonNull(tlsProtocol, "tlsProtocol");
        Objects.requireNonNull(tlsCipher, "tlsCipher");
        Objects.requireNonNull(sni, "sni");
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(refused, "refused");
    }
}
