package io.tdsproxy.tds.prelogin;

/**
 * The encryption level named by the low seven bits of the PRELOGIN ENCRYPTION byte
 * (MS-TDS 2.2.6.5 B_FENCRYPTION; protocol.md 3.1). Anything else, such as go-mssqldb's strict-mode
 * 0x04, is {@link #UNKNOWN}.
 */
public enum EncryptionLevel {
    /** ENCRYPT_OFF 0x00: encryption available but off; leads to login-only TLS. */
    OFF,
    /** ENCRYPT_ON 0x01: available and on. */
    ON,
    /** ENCRYPT_NOT_SUP 0x02: not available. */
    NOT_SUP,
    /** ENCRYPT_REQ 0x03: required. */
    REQ,
    /** A value the specification does not define. */
    UNKNOWN;

    /** The level for the low bits (0x80 already removed); {@link #UNKNOWN} outside 0..3. */
    public static EncryptionLevel of(int lowBits) {
        switch (lowBits) {
            case 0x00: return OFF;
            case 0x01: return ON;
            case 0x02: return NOT_SUP;
            case 0x03: return REQ;
            default: return UNKNOWN;
        }
    }
}
