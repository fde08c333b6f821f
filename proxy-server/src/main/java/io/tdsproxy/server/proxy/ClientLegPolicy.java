package io.tdsproxy.server.proxy;

import io.tdsproxy.server.proxy.SessionState.Negotiation;
import io.tdsproxy.tds.prelogin.EncryptionDecision;
import io.tdsproxy.tds.prelogin.EncryptionLevel;
import io.tdsproxy.tds.prelogin.EncryptionNegotiation;
import io.tdsproxy.tds.prelogin.EncryptionOutcome;
import io.tdsproxy.tds.prelogin.EncryptionValue;
import io.tdsproxy.tds.prelogin.ServerEncryptionPolicy;

/**
 * Decides the client leg from the client's PRELOGIN ENCRYPTION byte (pure function, unit-tested).
 *
 * <ul>
 *   <li><b>TDS 8.0 (strict)</b>: TLS is already up, the ENCRYPTION byte means nothing (mssql-jdbc,
 *       tedious and FreeTDS send NOT_SUP, go-mssqldb 0x04; protocol.md 5). The reply must still be a value
 *       the client accepts for what it sent: mssql-jdbc fails a NOT_SUP request answered with anything but
 *       NOT_SUP, and an ON request answered with OFF or NOT_SUP (protocol.md 3.3). So the reply is ON for
 *       ON/REQ and NOT_SUP otherwise.</li>
 *   <li><b>TDS 7.x</b>: the MS-TDS table ({@link EncryptionNegotiation#serverSide}) under
 *       {@code forceencryption}.</li>
 *   <li><b>TDS 7.x under {@code forcestrict = 1}</b>: there is no safe place for an ERROR before LOGIN7
 *       (protocol.md 8.1), and answering ENCRYPT_NOT_SUP or OFF would make clients send their password in
 *       clear. So the proxy answers like {@code forceencryption = 1} (ENCRYPT_REQ/ON): a client that cannot
 *       encrypt gives up with its own "server requires encryption" message, the others run the TLS
 *       handshake and their LOGIN7, never forwarded, is answered inside TLS with an ERROR that says to
 *       connect with strict encryption, the text every driver shows.</li>
 * </ul>
 */
final class ClientLegPolicy {
    /** The ERROR text for a TDS 7.x client while {@code forcestrict = 1}. */
    static final String STRICT_REQUIRED = "The server accepts only TDS 8.0 connections with strict encryption "
            + "(forcestrict = 1). Connect with strict encryption (for example encrypt=strict).";

    private ClientLegPolicy() {
    }

    /**
     * @param requested     the client's ENCRYPTION byte (NOT_SUP for a client that sent LOGIN7 first)
     * @param replyToClient whether there is a PRELOGIN to answer
     * @param strict        the connection started with a TLS ClientHello (TDS 8.0)
     * @param tds7Possible  the proxy has a TDS 7.x certificate context
     * @param forceEncryption {@code forceencryption = 1}
     * @param forceStrict   {@code forcestrict = 1}
     */
    static Negotiation decide(EncryptionValue requested, boolean replyToClient, boolean strict, boolean tds7Possible,
                              boolean forceEncryption, boolean forceStrict) {
        if (strict) {
            return Negotiation.strict(strictReply(requested), replyToClient);
        }
        if (forceStrict && !tds7Possible) {
            return new Negotiation(new EncryptionDecision(EncryptionValue.REQ, EncryptionOutcome.REFUSE),
                    ClientLegMode.PLAINTEXT, replyToClient, false, true);
        }
        ServerEncryptionPolicy policy = !tds7Possible ? ServerEncryptionPolicy.NOT_SUP
                : forceEncryption || forceStrict ? ServerEncryptionPolicy.FORCE : ServerEncryptionPolicy.OFF;
        Negotiation negotiation = Negotiation.of(EncryptionNegotiation.serverSide(requested, policy), replyToClient,
                tds7Possible);
        return forceStrict ? negotiation.requiringStrict() : negotiation;
    }

    /** The PRELOGIN reply inside a TDS 8.0 tunnel: acceptable to a client whatever it sent. */
    static EncryptionValue strictReply(EncryptionValue requested) {
        EncryptionLevel level = requested.level();
        return level == EncryptionLevel.ON || level == EncryptionLevel.REQ ? EncryptionValue.ON : EncryptionValue.NOT_SUP;
    }
}
