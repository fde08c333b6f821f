package io.tdsproxy.tds.prelogin;

/**
 * The TDS 7.x encryption negotiation as pure functions of the two PRELOGIN ENCRYPTION bytes
 * (MS-TDS 2.2.6.5 tables, copied in protocol.md 3.2; Microsoft's own test server
 * {@code TDSUtilities.GetEncryptionResponse} implements the same table).
 *
 * <p>Server side ({@link #serverSide}), reply / outcome per client value:
 * <pre>
 * client \ policy   OFF                 FORCE          NOT_SUP
 * OFF      0x00     OFF / LOGIN_ONLY    REQ / FULL     NOT_SUP / NONE
 * ON       0x01     ON / FULL           ON / FULL      NOT_SUP / REFUSE
 * NOT_SUP  0x02     NOT_SUP / NONE      REQ / REFUSE   NOT_SUP / NONE
 * REQ      0x03     ON / FULL           ON / FULL      NOT_SUP / REFUSE
 * 0x80 (cert, OFF)  OFF / LOGIN_ONLY    REQ / FULL     NOT_SUP / REFUSE
 * 0x81 (cert, ON)   ON / FULL           ON / FULL      NOT_SUP / REFUSE
 * 0x82 (cert, NOT_SUP)  REQ / REFUSE in every column
 * 0x83 (cert, REQ)  ON / FULL           ON / FULL      NOT_SUP / REFUSE
 * unknown level     REQ / REFUSE        REQ / REFUSE   NOT_SUP / REFUSE
 * </pre>
 * The reply never carries the 0x80 bit: the spec table lists plain values and clients accept only
 * 0..3 (protocol.md 2.3). Certificate-based client authentication, when asked for, is the TLS
 * layer's business (request a client certificate in the handshake).
 *
 * <p><b>Unknown client values</b> (for example go-mssqldb's 0x04, which it sends for strict mode
 * inside an already established TDS 8.0 TLS tunnel, where this table does not apply) are refused on
 * the TDS 7.x path: the client's intent is unknown, so neither plaintext nor login-only encryption
 * can be assumed safe. The reply is REQ when the server could encrypt and NOT_SUP otherwise, both
 * values every client can parse before it is disconnected.
 */
public final class EncryptionNegotiation {
    private EncryptionNegotiation() {
    }

    /** The reply and outcome for a client's ENCRYPTION byte under {@code policy}. */
    public static EncryptionDecision serverSide(EncryptionValue client, ServerEncryptionPolicy policy) {
        EncryptionLevel level = client.level();
        if (level == EncryptionLevel.UNKNOWN) {
            return decision(policy == ServerEncryptionPolicy.NOT_SUP ? EncryptionValue.NOT_SUP : EncryptionValue.REQ,
                    EncryptionOutcome.REFUSE);
        }
        if (client.clientCertificate()) {
            return clientCertificate(level, policy);
        }
        switch (policy) {
            case OFF: return offPolicy(level);
            case FORCE: return forcePolicy(level);
            case NOT_SUP: return notSupPolicy(level);
            default: throw new IllegalArgumentException("policy " + policy);
        }
    }

    private static EncryptionDecision offPolicy(EncryptionLevel level) {
        switch (level) {
            case OFF: return decision(EncryptionValue.OFF, EncryptionOutcome.LOGIN_ONLY);
            case ON:
            case REQ: return decision(EncryptionValue.ON, EncryptionOutcome.FULL);
            default: return decision(EncryptionValue.NOT_SUP, EncryptionOutcome.NONE);
        }
    }

    private static EncryptionDecision forcePolicy(EncryptionLevel level) {
        switch (level) {
            case OFF: return decision(EncryptionValue.REQ, EncryptionOutcome.FULL);
            case ON:
            case REQ: return decision(EncryptionValue.ON, EncryptionOutcome.FULL);
            default: return decision(EncryptionValue.REQ, EncryptionOutcome.REFUSE);
        }
    }

    private static EncryptionDecision notSupPolicy(EncryptionLevel level) {
        switch (level) {
            case OFF:
            case NOT_SUP: return decision(EncryptionValue.NOT_SUP, EncryptionOutcome.NONE);
            default: return decision(EncryptionValue.NOT_SUP, EncryptionOutcome.REFUSE);
        }
    }

    /** The 0x8x rows: certificate authentication needs TLS, and "cert without encryption" is incoherent. */
    private static EncryptionDecision clientCertificate(EncryptionLevel level, ServerEncryptionPolicy policy) {
        if (level == EncryptionLevel.NOT_SUP) {
            return decision(EncryptionValue.REQ, EncryptionOutcome.REFUSE);
        }
        if (policy == ServerEncryptionPolicy.NOT_SUP) {
            return decision(EncryptionValue.NOT_SUP, EncryptionOutcome.REFUSE);
        }
        return policy == ServerEncryptionPolicy.OFF ? offPolicy(level) : forcePolicy(level);
    }

    /**
     * What a client that follows the MS-TDS client table (protocol.md 3.2, second table) does with
     * {@code reply} after sending {@code sent}. Real clients deviate (protocol.md 3.3: tedious ignores
     * a missing TLS, FreeTDS "require" accepts login-only); this is the specification's behaviour:
     * <pre>
     * sent \ reply   OFF          ON     REQ    NOT_SUP
     * OFF            LOGIN_ONLY   FULL   FULL   NONE
     * ON, REQ        REFUSE       FULL   FULL   REFUSE
     * NOT_SUP        NONE         REFUSE REFUSE NONE
     * </pre>
     * REQ is treated like ON (both demand encryption), NOT_SUP as a client that cannot encrypt.
     * With the 0x80 bit the client needs TLS to present its certificate, so a NOT_SUP reply is a
     * refusal and a 0x82 request is always refused. A reply outside 0..3 is refused (mssql-jdbc
     * treats it as invalid TDS), and so is a sent value with an unknown level.
     */
    public static EncryptionOutcome clientSide(EncryptionValue sent, EncryptionValue reply) {
        EncryptionLevel answer = EncryptionLevel.of(reply.raw());
        EncryptionLevel asked = sent.level();
        if (answer == EncryptionLevel.UNKNOWN || asked == EncryptionLevel.UNKNOWN) {
            return EncryptionOutcome.REFUSE;
        }
        if (sent.clientCertificate() && (asked == EncryptionLevel.NOT_SUP || answer == EncryptionLevel.NOT_SUP)) {
            return EncryptionOutcome.REFUSE;
        }
        switch (asked) {
            case OFF:
                return answer == EncryptionLevel.OFF ? EncryptionOutcome.LOGIN_ONLY
                        : answer == EncryptionLevel.NOT_SUP ? EncryptionOutcome.NONE : EncryptionOutcome.FULL;
            case NOT_SUP:
                return answer == EncryptionLevel.OFF || answer == EncryptionLevel.NOT_SUP
                        ? EncryptionOutcome.NONE : EncryptionOutcome.REFUSE;
            default:
                return answer == EncryptionLevel.ON || answer == EncryptionLevel.REQ
                        ? EncryptionOutcome.FULL : EncryptionOutcome.REFUSE;
        }
    }

    private static EncryptionDecision decision(EncryptionValue reply, EncryptionOutcome outcome) {
        return new EncryptionDecision(reply, outcome);
    }
}
