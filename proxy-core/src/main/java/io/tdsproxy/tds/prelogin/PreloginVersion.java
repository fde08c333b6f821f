package io.tdsproxy.tds.prelogin;

import io.netty.buffer.ByteBuf;
import io.tdsproxy.tds.ProtocolException;

/**
 * The PRELOGIN VERSION option data (MS-TDS 2.2.6.5): UL_VERSION (major BYTE, minor BYTE, build
 * USHORT big-endian) followed by US_SUBBUILD (USHORT big-endian), 6 bytes. The server sends its own
 * version (real SQL Server 2008: {@code 0a 00 15 88 00 00} = 10.0.5512.0); a client sends its driver
 * version.
 *
 * @param major    0..255
 * @param minor    0..255
 * @param build    0..65535
 * @param subBuild 0..65535
 */
public record PreloginVersion(int major, int minor, int build, int subBuild) {
    /** Length of the option data. */
    public static final int LENGTH = 6;

    public PreloginVersion {
        check(major, 0xFF, "major");
        check(minor, 0xFF, "minor");
        check(build, 0xFFFF, "build");
        check(subBuild, 0xFFFF, "sub-build");
    }

    /** Decodes option data, which must be exactly 6 bytes (mssql-jdbc rejects other lengths). */
    public static PreloginVersion decode(byte[] data) {
        if (data.length != LENGTH) {
            throw new ProtocolException("PRELOGIN VERSION: length " + data.length + ", expected " + LENGTH);
        }
        return new PreloginVersion(data[0] & 0xFF, data[1] & 0xFF,
                ((data[2] & 0xFF) << 8) | (data[3] & 0xFF), ((data[4] & 0xFF) << 8) | (data[5] & 0xFF));
    }

    /** Reads 6 bytes at the reader index and advances past them. */
    public static PreloginVersion decode(ByteBuf in) {
        ProtocolException.requireReadable(in.readableBytes(), LENGTH, "PRELOGIN VERSION");
        return new PreloginVersion(in.readUnsignedByte(), in.readUnsignedByte(),
                in.readUnsignedShort(), in.readUnsignedShort());
    }

    /** The 6 option data bytes. */
    public byte[] encode() {
        return new byte[] {
            (byte) major, (byte) minor, (byte) (build >> 8), (byte) build, (byte) (subBuild >> 8), (byte) subBuild,
        };
    }

    /** Writes the 6 option data bytes. */
    public void encode(ByteBuf out) {
        out.writeByte(major).writeByte(minor).writeShort(build).writeShort(subBuild);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + build + "." + subBuild;
    }

    private static void check(int value, int max, String field) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(field + " " + value + " outside 0.." + max);
        }
    }
}
