package io.tdsproxy.tds.token;

import io.netty.buffer.ByteBuf;
import io.tdsproxy.tds.ProtocolException;
import io.tdsproxy.tds.types.Wire;

/**
 * LOGINACK 0xAD (MS-TDS 2.2.7.14):
 *
 * <pre>
 * AD | Length USHORT | Interface BYTE | TDSVersion DWORD (big-endian!) | ProgName B_VARCHAR
 *    | MajorVer BYTE | MinorVer BYTE | BuildNumHi BYTE | BuildNumLow BYTE
 * </pre>
 *
 * FreeTDS takes the program name length from {@code Length - 10}, so Length is always exact here;
 * it also needs interface 1 (SQL_TSQL) to count the login as successful (protocol.md 8.3).
 *
 * @param interfaceType 0 SQL_DFLT, 1 SQL_TSQL
 * @param tdsVersion    e.g. {@link #TDS_7_4} 0x74000004, as the big-endian DWORD value
 * @param programName   ProgName, e.g. "Microsoft SQL Server" (Microsoft's fake server notes SNAC needs this)
 * @param major         server major version
 * @param minor         server minor version
 * @param buildHi       high byte of the build number
 * @param buildLow      low byte of the build number
 */
public record LoginAck(int interfaceType, long tdsVersion, String programName, int major, int minor, int buildHi,
                       int buildLow) {
    public static final int SQL_DFLT = 0;
    public static final int SQL_TSQL = 1;
    public static final long TDS_7_1 = 0x71000001L;
    public static final long TDS_7_2 = 0x72090002L;
    public static final long TDS_7_3A = 0x730A0003L;
    public static final long TDS_7_3B = 0x730B0003L;
    public static final long TDS_7_4 = 0x74000004L;
    public static final long TDS_8_0 = 0x08000000L;
    /** The program name every client accepts. */
    public static final String SQL_SERVER = "Microsoft SQL Server";

    public LoginAck {
        for (int b : new int[] {interfaceType, major, minor, buildHi, buildLow}) {
            if (b < 0 || b > 0xFF) {
                throw new IllegalArgumentException("LOGINACK byte field outside 0..255: " + b);
            }
        }
        if (tdsVersion < 0 || tdsVersion > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("TDS version is a DWORD: " + tdsVersion);
        }
        programName = programName == null ? "" : programName;
    }

    /** Interface SQL_TSQL, program "Microsoft SQL Server", version {@code major.minor.build}. */
    public static LoginAck sqlServer(long tdsVersion, int major, int minor, int build) {
        if (build < 0 || build > 0xFFFF) {
            throw new IllegalArgumentException("build outside 0..65535: " + build);
        }
        return new LoginAck(SQL_TSQL, tdsVersion, SQL_SERVER, major, minor, build >>> 8, build & 0xFF);
    }

    /** The build number, {@code buildHi << 8 | buildLow}. */
    public int build() {
        return buildHi << 8 | buildLow;
    }

    /** Writes the token with its exact Length; on a rejected field {@code out} is left as it was. */
    public void encode(ByteBuf out) {
        int mark = out.writerIndex();
        try {
            out.writeByte(TokenType.LOGINACK.code());
            int length = Wire.reserveU16(out);
            out.writeByte(interfaceType);
            out.writeInt((int) tdsVersion);
            Wire.writeBVarchar(out, programName);
            out.writeByte(major).writeByte(minor).writeByte(buildHi).writeByte(buildLow);
            Wire.patchU16Length(out, length, "LOGINACK");
        } catch (RuntimeException e) {
            out.writerIndex(mark);
            throw e;
        }
    }

    /** Reads a LOGINACK token, the token byte included. */
    public static LoginAck decode(ByteBuf in) {
        int token = Wire.readU8(in, "LOGINACK token");
        if (token != TokenType.LOGINACK.code()) {
            throw new ProtocolException(String.format("expected LOGINACK, got token 0x%02X", token));
        }
        ByteBuf body = Wire.body(in, Wire.readU16(in, "LOGINACK length"), "LOGINACK body");
        int iface = Wire.readU8(body, "LOGINACK interface");
        ProtocolException.requireReadable(body.readableBytes(), 4, "LOGINACK TDS version");
        long version = body.readUnsignedInt();
        String prog = Wire.readBVarchar(body, "LOGINACK program name");
        ProtocolException.requireReadable(body.readableBytes(), 4, "LOGINACK program version");
        return new LoginAck(iface, version, prog, body.readUnsignedByte(), body.readUnsignedByte(),
                body.readUnsignedByte(), body.readUnsignedByte());
    }
}
