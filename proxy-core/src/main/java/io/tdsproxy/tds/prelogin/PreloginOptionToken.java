package io.tdsproxy.tds.prelogin;

/**
 * PRELOGIN option tokens (MS-TDS 2.2.6.5 PL_OPTION_TOKEN). Codes the specification does not name map
 * to {@link #UNKNOWN}; the raw byte stays in {@link PreloginOption#token()} so that such options pass
 * through unchanged.
 */
public enum PreloginOptionToken {
    /** UL_VERSION + US_SUBBUILD, 6 bytes; MUST be the first option (MS-TDS 3.3.5.1). */
    VERSION(0x00),
    /** B_FENCRYPTION, 1 byte, see {@link EncryptionValue}. */
    ENCRYPTION(0x01),
    /** Instance name, NUL-terminated; the server replies 0x00 when it matches. */
    INSTOPT(0x02),
    /** Client thread id, 4 bytes; the server replies with length 0. */
    THREADID(0x03),
    /** 1 byte, 0 or 1. */
    MARS(0x04),
    /** TDS 7.4: GUID_CONNID(16) + ActivityID(16) + ActivitySequence(4); client only. */
    TRACEID(0x05),
    /** 1 byte: the client sends 0x01, the server 0x00 or 0x01. */
    FEDAUTHREQUIRED(0x06),
    /** 32-byte nonce for federated authentication. */
    NONCEOPT(0x07),
    UNKNOWN(-1);

    /** The byte that ends the option table. */
    public static final int TERMINATOR = 0xFF;

    private static final PreloginOptionToken[] BY_CODE = {
        VERSION, ENCRYPTION, INSTOPT, THREADID, MARS, TRACEID, FEDAUTHREQUIRED, NONCEOPT,
    };

    private final int code;

    PreloginOptionToken(int code) {
        this.code = code;
    }

    /** The wire value, or -1 for {@link #UNKNOWN}. */
    public int code() {
        return code;
    }

    /** The token for an unsigned wire byte; {@link #UNKNOWN} for anything unnamed (0xFF included). */
    public static PreloginOptionToken of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : UNKNOWN;
    }
}
