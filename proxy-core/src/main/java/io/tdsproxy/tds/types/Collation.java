package io.tdsproxy.tds.types;

import io.netty.buffer.ByteBuf;
import io.tdsproxy.tds.ProtocolException;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The 5-byte COLLATION of MS-TDS 2.2.5.1.2: a little-endian DWORD holding LCID (bits 0-19), the
 * comparison flags (bits 20-27: ignore case, ignore accent, ignore width, ignore kana, binary,
 * binary2, UTF-8, reserved) and a version (bits 28-31), then the SQL SortId byte.
 *
 * <p>mssql-jdbc insists a collation is exactly 5 bytes ({@code SQLCollation.tdsLength()}), which is
 * why the ENVCHANGE and TYPE_INFO codecs always write all five.
 *
 * @param info   the first four bytes as one little-endian unsigned DWORD
 * @param sortId the fifth byte: a SQL sort order id, 0 for Windows collations
 */
public record Collation(int info, int sortId) {
    /** Size on the wire. */
    public static final int SIZE = 5;
    /** SQL_Latin1_General_CP1_CI_AS, {@code 09 04 d0 00 34}: the SQL Server installation default. */
    public static final Collation DEFAULT = new Collation(0x00D00409, 0x34);

    /** Flag bit (within {@link #flags()}) that marks a UTF-8 collation (TDS 7.4, SQL Server 2019). */
    public static final int FLAG_UTF8 = 0x40;

    public Collation {
        if (sortId < 0 || sortId > 0xFF) {
            throw new IllegalArgumentException("sortId outside 0..255: " + sortId);
        }
    }

    /** Reads the five bytes. */
    public static Collation decode(ByteBuf in) {
        ProtocolException.requireReadable(in.readableBytes(), SIZE, "collation");
        int info = in.readIntLE();
        int sortId = in.readUnsignedByte();
        return new Collation(info, sortId);
    }

    /** The five bytes as written on the wire. */
    public static Collation of(byte[] bytes) {
        if (bytes.length != SIZE) {
            throw new ProtocolException("collation must be 5 bytes, got " + bytes.length);
        }
        int info = (bytes[0] & 0xFF) | (bytes[1] & 0xFF) << 8 | (bytes[2] & 0xFF) << 16 | (bytes[3] & 0xFF) << 24;
        return new Collation(info, bytes[4] & 0xFF);
    }

    /** Writes the five bytes. */
    public void encode(ByteBuf out) {
        out.writeIntLE(info).writeByte(sortId);
    }

    /** The five bytes in wire order. */
    public byte[] toBytes() {
        return new byte[] {(byte) info, (byte) (info >>> 8), (byte) (info >>> 16), (byte) (info >>> 24), (byte) sortId};
    }

    /** Windows locale id (20 bits). */
    public int lcid() {
        return info & 0xFFFFF;
    }

    /** Comparison flags (8 bits). */
    public int flags() {
        return (info >>> 20) & 0xFF;
    }

    /** Collation version (4 bits). */
    public int version() {
        return info >>> 28;
    }

    /** The character set of single-byte (varchar/char/text) data in this collation. */
    public Charset charset() {
        if ((flags() & FLAG_UTF8) != 0) {
            return StandardCharsets.UTF_8;
        }
        return CollationCharsets.forCollation(sortId, lcid());
    }
}
