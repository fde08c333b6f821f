package io.tdsproxy.testkit.session;

import io.tdsproxy.tds.login.Login7;
import io.tdsproxy.tds.token.DoneStatus;
import io.tdsproxy.tds.token.EnvChange;
import io.tdsproxy.tds.token.LoginAck;
import io.tdsproxy.tds.token.TokenType;
import io.tdsproxy.tds.types.Collation;
import io.tdsproxy.testkit.h2.ErrorMapper;
import io.tdsproxy.testkit.sql.ServerIdentity;
import io.tdsproxy.testkit.wire.ProtocolLevel;
import io.tdsproxy.testkit.wire.ResponseWriter;

/**
 * Checks a LOGIN7 (MS-TDS 2.2.6.4) against the configured SQL logins and writes the reply in the
 * order a real server uses (protocol.md 8.8):
 *
 * <pre>
 * ENVCHANGE(database) INFO 5701 ENVCHANGE(collation) ENVCHANGE(language) LOGINACK ENVCHANGE(packet size) DONE
 * </pre>
 * No FEATUREEXTACK is sent: every client accepts its absence for SQL authentication, while an
 * unrequested acknowledgement breaks tedious and mssql-jdbc. A failure is ERROR 18456 class 14
 * ("Login failed for user '...'.", preceded by ERROR 4060 for an unknown database) and DONE with
 * DONE_ERROR, after which the connection closes.
 */
final class LoginProcessor {
    /** Packet size before the ENVCHANGE takes effect, and what a client asking 0 gets (protocol.md 1.4). */
    static final int INITIAL_PACKET_SIZE = 4096;
    static final int MIN_PACKET_SIZE = 512;
    static final int MAX_PACKET_SIZE = 32767;
    /**
     * Error number of a LOGIN7 refused for its encryption (plaintext where encryption is forced, TDS 7.x
     * where strict is forced). SQL Server has no documented number for this; 20 is the one the proxy
     * uses for the same refusal (constructed_proxy_reject_error_done).
     */
    static final int ENCRYPTION_REFUSED = 20;

    /** What a successful login settled. */
    record Accepted(ProtocolLevel level, int packetSize, String database) {
    }

    private final ServerSettings settings;

    LoginProcessor(ServerSettings settings) {
        this.settings = settings;
    }

    /**
     * Checks {@code login}. A refusal is written to {@code out} at once (ERROR tokens and the final
     * DONE); an acceptance writes nothing yet, so that the caller can open the H2 session first and
     * then call {@link #writeAccepted}.
     *
     * @param maxPacketSize the largest packet size this connection may use (16383 with TLS)
     * @return the session parameters, or {@code null} when the login was refused
     */
    Accepted check(Login7 login, ResponseWriter out, int maxPacketSize) {
        String user = login.userName();
        if (login.integratedSecurity() || user.isEmpty()) {
            refuse(out, 18452, "Login failed. The login is from an untrusted domain and cannot be used with Integrated authentication.");
            return null;
        }
        String expected = settings.logins().get(user);
        if (expected == null || !login.password().matches(expected)) {
            refuse(out, 18456, "Login failed for user '" + user + "'.");
            return null;
        }
        String database = login.database().isEmpty() ? settings.database() : login.database();
        if (!database.equalsIgnoreCase(settings.database())) {
            out.error(ErrorMapper.message(4060, 11,
                    "Cannot open database \"" + database + "\" requested by the login. The login failed."));
            refuse(out, 18456, "Login failed for user '" + user + "'.");
            return null;
        }
        return new Accepted(ProtocolLevel.fromLogin(login.tdsVersion()),
                Math.min(maxPacketSize, negotiatePacketSize(login.packetSize())), settings.database());
    }

    /** The successful login reply up to and including its final DONE. */
    static void writeAccepted(Accepted a, ResponseWriter out) {
        out.envChange(new EnvChange.Database(a.database(), "master"));
        out.info(ErrorMapper.message(5701, 0, "Changed database context to '" + a.database() + "'."));
        out.envChange(new EnvChange.SqlCollation(Collation.DEFAULT));
        out.envChange(new EnvChange.Language("us_english", ""));
        out.loginAck(LoginAck.sqlServer(a.level().loginAckVersion(), ServerIdentity.MAJOR, ServerIdentity.MINOR,
                ServerIdentity.BUILD));
        out.envChange(new EnvChange.PacketSize(a.packetSize(), INITIAL_PACKET_SIZE));
        out.done(TokenType.DONE, DoneStatus.FINAL, 0, 0);
    }

    /** The client's request clamped to 512..32767; 0 ("server decides") and anything odd give 4096. */
    static int negotiatePacketSize(int requested) {
        if (requested <= 0) {
            return INITIAL_PACKET_SIZE;
        }
        return Math.max(MIN_PACKET_SIZE, Math.min(MAX_PACKET_SIZE, requested));
    }

    private static void refuse(ResponseWriter out, int number, String text) {
        out.error(ErrorMapper.message(number, 14, text));
        out.done(TokenType.DONE, DoneStatus.ERROR, 0, 0);
    }
}
