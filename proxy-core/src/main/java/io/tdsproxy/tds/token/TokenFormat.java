package io.tdsproxy.tds.token;

import io.tdsproxy.tds.types.TdsType;
import io.tdsproxy.tds.types.TypeInfo;

/**
 * The token layouts that changed with TDS 7.2 (MS-TDS 2.2.7): before 7.2, DONE*.DoneRowCount is a
 * LONG (4 bytes, not 8), ERROR/INFO.LineNumber a USHORT (not LONG), COLMETADATA/RETURNVALUE
 * UserType a USHORT (not ULONG), the TableName of text columns a single US_VARCHAR (not a part
 * list), and there are no MAX (PLP) types; DATE/TIME types arrived in 7.3.
 *
 * <p>jTDS speaks TDS 7.1 at most, so a server that acknowledges 7.1 must write these layouts. The
 * methods without a format argument use {@link #TDS_7_2}.
 */
public enum TokenFormat {
    /** TDS 7.0 and 7.1. */
    TDS_7_1,
    /** TDS 7.2 and later, including 7.3, 7.4 and 8.0. */
    TDS_7_2;

    /**
     * The layout for a negotiated TDS version in LOGINACK/LOGIN7 form (e.g. {@link LoginAck#TDS_7_4});
     * TDS 8.0 is {@code 0x08000000}, numerically below 7.x, and uses the 7.2+ layout; 0x07000000 and
     * 0x07010000 are the forms of 7.0 and 7.1 that FreeTDS also accepts in a LOGINACK.
     */
    public static TokenFormat of(long tdsVersion) {
        long major = tdsVersion >>> 24;
        if (major == 0x70 || major == 0x71 || tdsVersion == 0x07000000L || tdsVersion == 0x07010000L) {
            return TDS_7_1;
        }
        return TDS_7_2;
    }

    /** Whether this layout can carry values of {@code type} (no PLP before 7.2, no date/time before 7.3). */
    public boolean supports(TypeInfo type) {
        if (this == TDS_7_2) {
            return true;
        }
        TdsType t = type.type();
        return !type.isPlp() && t != TdsType.DATEN && t != TdsType.TIMEN && t != TdsType.DATETIME2N
                && t != TdsType.DATETIMEOFFSETN;
    }
}
