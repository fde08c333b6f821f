package io.tdsproxy.server.audit;

import io.tdsproxy.server.proxy.ConnectionListener;
import io.tdsproxy.server.proxy.LoginRecord;
import io.tdsproxy.server.proxy.LoginSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * The audit trail: one INFO line per complete LOGIN7, on logger {@value #LOGGER}, with SLF4J 2
 * key/values (so a JSON layout gets them as fields). The message is {@code login} when the proxy
 * forwarded it, {@code login refused} with a {@code refused} reason when it answered with an error
 * instead (encryption required, backend unavailable):
 *
 * <pre>
 * conn client client_mode backend_mode tls_protocol tls_cipher sni
 * user app host database client_library tds_version server
 * </pre>
 * {@code tls_*} and {@code sni} appear only when known. Never the password, never LOGIN7 bytes: the
 * {@link LoginRecord} has neither. Values a client chose (user, app, ...) have their control characters
 * escaped and are cut at {@value #MAX_VALUE} characters, so that a client cannot forge or flood lines.
 * When the LOGIN7 could not be decoded, {@code login7_error} says why, in place of the login fields.
 */
public final class AuditLog implements ConnectionListener {
    /** The logger name operators route or silence. */
    public static final String LOGGER = "tdsproxy.audit";
    static final int MAX_VALUE = 256;

    private final Logger log;

    /** An audit log writing to the logger {@value #LOGGER}. */
    public AuditLog() {
        this(LoggerFactory.getLogger(LOGGER));
    }

    AuditLog(Logger log) {
        this.log = log;
    }

    @Override
    public void loginReceived(LoginRecord login) {
        if (!log.isInfoEnabled()) {
            return;
        }
        LoggingEventBuilder line = log.atInfo().setMessage(login.refused().isEmpty() ? "login" : "login refused")
                .addKeyValue("conn", login.id())
                .addKeyValue("client", address(login.client()))
                .addKeyValue("client_mode", login.clientMode())
                .addKeyValue("backend_mode", login.backendMode());
        login.tlsProtocol().ifPresent(v -> line.addKeyValue("tls_protocol", v));
        login.tlsCipher().ifPresent(v -> line.addKeyValue("tls_cipher", v));
        login.sni().ifPresent(v -> line.addKeyValue("sni", clean(v)));
        if (login.login().isPresent()) {
            LoginSummary l = login.login().get();
            line.addKeyValue("user", clean(l.user()))
                    .addKeyValue("app", clean(l.appName()))
                    .addKeyValue("host", clean(l.hostName()))
                    .addKeyValue("database", clean(l.database()))
                    .addKeyValue("client_library", clean(l.clientLibrary()))
                    .addKeyValue("tds_version", l.tdsVersionName())
                    .addKeyValue("server", clean(l.serverName()));
        } else {
            line.addKeyValue("login7_error", clean(login.problem()));
        }
        if (!login.refused().isEmpty()) {
            line.addKeyValue("refused", login.refused());
        }
        line.log();
    }

    /** {@code ip:port} without the {@code /} that {@link InetSocketAddress#toString} puts first. */
    static String address(SocketAddress address) {
        if (address instanceof InetSocketAddress) {
            InetSocketAddress inet = (InetSocketAddress) address;
            String host = inet.getAddress() == null ? inet.getHostString() : inet.getAddress().getHostAddress();
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }

    /** Control characters as {@code \\uXXXX}, at most {@value #MAX_VALUE} characters. */
    static String clean(String value) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_VALUE));
        for (int i = 0; i < value.length() && i < MAX_VALUE; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (value.length() > MAX_VALUE) {
            out.append("...");
        }
        return out.toString();
    }
}
