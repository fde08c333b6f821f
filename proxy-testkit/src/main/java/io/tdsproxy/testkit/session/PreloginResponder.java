package io.tdsproxy.testkit.session;

import io.tdsproxy.tds.ProtocolException;
import io.tdsproxy.tds.prelogin.EncryptionDecision;
import io.tdsproxy.tds.prelogin.EncryptionNegotiation;
import io.tdsproxy.tds.prelogin.EncryptionOutcome;
import io.tdsproxy.tds.prelogin.EncryptionValue;
import io.tdsproxy.tds.prelogin.PreloginMessage;
import io.tdsproxy.tds.prelogin.PreloginOption;
import io.tdsproxy.tds.prelogin.PreloginOptionToken;
import io.tdsproxy.tds.prelogin.PreloginVersion;
import io.tdsproxy.tds.prelogin.ServerEncryptionPolicy;
import io.tdsproxy.testkit.sql.ServerIdentity;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the PRELOGIN reply a real SQL Server sends (protocol.md 2.1): VERSION (16.0.x), ENCRYPTION
 * per the MS-TDS negotiation table, INSTOPT 0x00, THREADID empty, MARS 0x00, and FEDAUTHREQUIRED 0x00
 * only when the client sent that option. A client without ENCRYPTION is treated as ENCRYPT_OFF.
 * A request whose first option is not VERSION is refused (MS-TDS 3.3.5.1).
 *
 * <p>Inside TDS 8.0 (strict) TLS the table does not apply: the connection is encrypted already and
 * clients ignore the reply's value (protocol.md 5; it must still be 0..3). The reply is ENCRYPT_NOT_SUP,
 * "no TDS-level TLS to negotiate", which no client takes as a request to start a TDS 7.x handshake.
 */
final class PreloginResponder {
    private PreloginResponder() {
    }

    /** The reply message and what the connection must do next. */
    record Reply(PreloginMessage message, EncryptionDecision decision) {
    }

    /**
     * The TDS 7.x reply for {@code policy}.
     *
     * @throws ProtocolException when VERSION is not the first option, which MS-TDS 3.3.5.1 makes the
     *                           server answer by closing the connection
     */
    static Reply reply(PreloginMessage request, ServerEncryptionPolicy policy) {
        requireVersionFirst(request);
        EncryptionValue client = request.encryption().orElse(EncryptionValue.OFF);
        return build(request, EncryptionNegotiation.serverSide(client, policy));
    }

    /** The reply on a TDS 8.0 connection: ENCRYPT_NOT_SUP, nothing more to negotiate. */
    static Reply replyInsideStrict(PreloginMessage request) {
        requireVersionFirst(request);
        return build(request, new EncryptionDecision(EncryptionValue.NOT_SUP, EncryptionOutcome.NONE));
    }

    private static void requireVersionFirst(PreloginMessage request) {
        if (request.options().isEmpty() || request.options().get(0).token() != PreloginOptionToken.VERSION.code()) {
            throw new ProtocolException("PRELOGIN without VERSION as its first option");
        }
    }

    private static Reply build(PreloginMessage request, EncryptionDecision decision) {
        List<PreloginOption> options = new ArrayList<>();
        options.add(PreloginOption.of(PreloginOptionToken.VERSION, new PreloginVersion(ServerIdentity.MAJOR,
                ServerIdentity.MINOR, ServerIdentity.BUILD, ServerIdentity.SUB_BUILD).encode()));
        options.add(PreloginOption.of(PreloginOptionToken.ENCRYPTION, new byte[] {(byte) decision.reply().raw()}));
        options.add(PreloginOption.of(PreloginOptionToken.INSTOPT, new byte[] {0}));
        options.add(PreloginOption.of(PreloginOptionToken.THREADID, new byte[0]));
        options.add(PreloginOption.of(PreloginOptionToken.MARS, new byte[] {0}));
        if (request.find(PreloginOptionToken.FEDAUTHREQUIRED).isPresent()) {
            options.add(PreloginOption.of(PreloginOptionToken.FEDAUTHREQUIRED, new byte[] {0}));
        }
        return new Reply(new PreloginMessage(options), decision);
    }
}
