package io.tdsproxy.tds.packet;

/**
 * The TDS packet type byte (MS-TDS 2.2.3.1.1). Unknown codes map to {@link #UNKNOWN}; the raw byte
 * stays in {@link PacketHeader#rawType()} so that a relay can pass such packets through unchanged.
 */
public enum PacketType {
    SQL_BATCH(0x01),
    PRE_TDS7_LOGIN(0x02),
    RPC(0x03),
    /** Every server reply: the PRELOGIN response, the login response, results. */
    TABULAR_RESULT(0x04),
    ATTENTION(0x06),
    BULK_LOAD(0x07),
    FEDAUTH_TOKEN(0x08),
    TRANSACTION_MANAGER(0x0E),
    LOGIN7(0x10),
    SSPI(0x11),
    /** The client PRELOGIN, and both directions of a TLS handshake wrapped in TDS 7.x. */
    PRELOGIN(0x12),
    UNKNOWN(-1);

    private static final PacketType[] BY_CODE = new PacketType[256];

    static {
        for (PacketType type : values()) {
            if (type.code >= 0) {
                BY_CODE[type.code] = type;
            }
        }
    }

    private final int code;

    PacketType(int code) {
        this.code = code;
    }

    /** The wire value, or -1 for {@link #UNKNOWN}. */
    public int code() {
        return code;
    }

    /** The type for an unsigned wire byte; {@link #UNKNOWN} for codes the specification does not name. */
    public static PacketType of(int code) {
        PacketType type = code >= 0 && code < 256 ? BY_CODE[code] : null;
        return type == null ? UNKNOWN : type;
    }
}
