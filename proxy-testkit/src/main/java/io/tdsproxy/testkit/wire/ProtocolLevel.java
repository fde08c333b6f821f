package io.tdsproxy.testkit.wire;

/**
 * The TDS version a session speaks: the lower of what the client asked for in LOGIN7 and 7.4,
 * rounded to a version the client knows (protocol.md 8.3). It decides the layouts that changed
 * between versions:
 *
 * <ul>
 *   <li>7.2 (MS-TDS 2.2.5.4 / 2.2.7.x): DONE row counts grew from LONG to ULONGLONG, COLMETADATA and
 *       RETURNVALUE UserType from USHORT to ULONG, ERROR/INFO LineNumber from USHORT to LONG; requests
 *       carry ALL_HEADERS (MS-TDS 2.2.6.7 / 2.2.6.6); the MAX types (PLP) exist.</li>
 *   <li>7.3: date, time, datetime2, datetimeoffset exist; older clients get them as nvarchar, as a
 *       real server sends them to down-level clients.</li>
 * </ul>
 * jTDS 1.3.1 speaks 7.1, mssql-jdbc, tedious and FreeTDS 1.x speak 7.4.
 */
public enum ProtocolLevel {
    V7_0(0x07000000L),
    V7_1(0x71000001L),
    V7_2(0x72090002L),
    V7_3A(0x730A0003L),
    V7_3B(0x730B0003L),
    V7_4(0x74000004L);

    private final long loginAckVersion;

    ProtocolLevel(long loginAckVersion) {
        this.loginAckVersion = loginAckVersion;
    }

    /**
     * The level for the TDSVersion DWORD of a LOGIN7 (as its little-endian value, e.g. 0x74000004).
     * TDS 8.0 (0x08000000, strict encryption) speaks the 7.4 token layouts.
     */
    public static ProtocolLevel fromLogin(long clientVersion) {
        long v = clientVersion & 0xFFFFFFFFL;
        if (v >= 0x74000000L || (v >>> 24) == 0x08) {
            return V7_4;
        }
        if (v >= 0x730B0000L) {
            return V7_3B;
        }
        if (v >= 0x730A0000L) {
            return V7_3A;
        }
        if (v >= 0x72000000L) {
            return V7_2;
        }
        if (v >= 0x71000000L) {
            return V7_1;
        }
        if (v >= 0x70000000L) {
            return V7_0;
        }
        // Not a TDS 7+ value: answer with the newest layouts; such a client fails either way.
        return V7_4;
    }

    /** The TDSVersion to put into LOGINACK (big-endian on the wire). */
    public long loginAckVersion() {
        return loginAckVersion;
    }

    /** DONE row count ULONGLONG, UserType ULONG, LineNumber LONG, ALL_HEADERS, PLP (MAX) types. */
    public boolean atLeast72() {
        return compareTo(V7_2) >= 0;
    }

    /** date / time / datetime2 / datetimeoffset on the wire. */
    public boolean hasDateTimeTypes() {
        return compareTo(V7_3A) >= 0;
    }
}
