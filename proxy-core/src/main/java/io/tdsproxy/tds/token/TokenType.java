package io.tdsproxy.tds.token;

/**
 * Token types of the tabular result stream (MS-TDS 2.2.7). Codes not listed map to
 * {@link #UNKNOWN}; {@link TokenReader} skips those by the length rule of MS-TDS 2.2.4.2.
 */
public enum TokenType {
    ALTMETADATA(0x88),
    ALTROW(0xD3),
    COLINFO(0xA5),
    COLMETADATA(0x81),
    DATACLASSIFICATION(0xA3),
    DONE(0xFD),
    DONEINPROC(0xFF),
    DONEPROC(0xFE),
    ENVCHANGE(0xE3),
    ERROR(0xAA),
    FEATUREEXTACK(0xAE),
    FEDAUTHINFO(0xEE),
    INFO(0xAB),
    LOGINACK(0xAD),
    NBCROW(0xD2),
    OFFSET(0x78),
    ORDER(0xA9),
    RETURNSTATUS(0x79),
    RETURNVALUE(0xAC),
    ROW(0xD1),
    SESSIONSTATE(0xE4),
    SSPI(0xED),
    TABNAME(0xA4),
    UNKNOWN(-1);

    private static final TokenType[] BY_CODE = new TokenType[256];

    static {
        for (TokenType t : values()) {
            if (t.code >= 0) {
                BY_CODE[t.code] = t;
            }
        }
    }

    private final int code;

    TokenType(int code) {
        this.code = code;
    }

    /** The token byte; -1 for {@link #UNKNOWN}. */
    public int code() {
        return code;
    }

    /** The type of token byte {@code code}, {@link #UNKNOWN} when not listed. */
    public static TokenType of(int code) {
        TokenType t = code < 0 || code > 0xFF ? null : BY_CODE[code];
        return t == null ? UNKNOWN : t;
    }

    /** Whether this is DONE, DONEPROC or DONEINPROC (same layout, MS-TDS 2.2.7.6-8). */
    public boolean isDone() {
        return this == DONE || this == DONEPROC || this == DONEINPROC;
    }
}
