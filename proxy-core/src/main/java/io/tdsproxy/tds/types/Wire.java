package io.tdsproxy.tds.types;

import io.netty.buffer.ByteBuf;
import io.tdsproxy.tds.ProtocolException;

import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked little-endian primitives shared by the token and type codecs (MS-TDS 2.2.5.1).
 *
 * <p>Every {@code read*} checks the readable bytes first and throws {@link ProtocolException}
 * naming the field, so a truncated or lying message never surfaces as an
 * {@code IndexOutOfBoundsException}. Lengths are read unsigned. Strings are UCS-2 little-endian
 * (B_VARCHAR: BYTE count of characters; US_VARCHAR: USHORT count).
 */
public final class Wire {
    private Wire() {
    }

    /** BYTE. */
    public static int readU8(ByteBuf in, String what) {
        ProtocolException.requireReadable(in.readableBytes(), 1, what);
        return in.readUnsignedByte();
    }

    /** USHORT, little-endian. */
    public static int readU16(ByteBuf in, String what) {
        ProtocolException.requireReadable(in.readableBytes(), 2, what);
        return in.readUnsignedShortLE();
    }

    /** LONG, little-endian, signed. */
    public static int readI32(ByteBuf in, String what) {
        ProtocolException.requireReadable(in.readableBytes(), 4, what);
        return in.readIntLE();
    }

    /** ULONG/DWORD, little-endian, unsigned. */
    public static long readU32(ByteBuf in, String what) {
        ProtocolException.requireReadable(in.readableBytes(), 4, what);
        return in.readUnsignedIntLE();
    }

    /** LONGLONG, little-endian (ULONGLONG callers compare bit patterns). */
    public static long readI64(ByteBuf in, String what) {
        ProtocolException.requireReadable(in.readableBytes(), 8, what);
        return in.readLongLE();
    }

    /** Reads {@code length} bytes into a new array; {@code length} must already be unsigned. */
    public static byte[] readBytes(ByteBuf in, long length, String what) {
        if (length < 0 || length > Integer.MAX_VALUE) {
            throw new ProtocolException(what + ": length " + length + " out of range");
        }
        ProtocolException.requireReadable(in.readableBytes(), (int) length, what);
        byte[] out = new byte[(int) length];
        in.readBytes(out);
        return out;
    }

    /** Skips {@code length} bytes, checking they are there. */
    public static void skip(ByteBuf in, long length, String what) {
        if (length < 0 || length > Integer.MAX_VALUE) {
            throw new ProtocolException(what + ": length " + length + " out of range");
        }
        ProtocolException.requireReadable(in.readableBytes(), (int) length, what);
        in.skipBytes((int) length);
    }

    /** Reads {@code chars} UCS-2LE code units. */
    public static String readUcs2(ByteBuf in, int chars, String what) {
        ProtocolException.requireReadable(in.readableBytes(), chars * 2, what);
        String s = in.toString(in.readerIndex(), chars * 2, StandardCharsets.UTF_16LE);
        in.skipBytes(chars * 2);
        return s;
    }

    /** B_VARCHAR: BYTE character count, then UCS-2LE. */
    public static String readBVarchar(ByteBuf in, String what) {
        return readUcs2(in, readU8(in, what + " length"), what);
    }

    /** US_VARCHAR: USHORT character count, then UCS-2LE. */
    public static String readUsVarchar(ByteBuf in, String what) {
        return readUcs2(in, readU16(in, what + " length"), what);
    }

    /** B_VARBYTE: BYTE length, then bytes. */
    public static byte[] readBVarbyte(ByteBuf in, String what) {
        return readBytes(in, readU8(in, what + " length"), what);
    }

    /** Writes a B_VARCHAR; {@code null} is written as the empty string. */
    public static void writeBVarchar(ByteBuf out, String s) {
        String v = s == null ? "" : s;
        if (v.length() > 0xFF) {
            throw new IllegalArgumentException("B_VARCHAR longer than 255 characters: " + v.length());
        }
        out.writeByte(v.length());
        writeUcs2(out, v);
    }

    /** Writes a US_VARCHAR; {@code null} is written as the empty string. */
    public static void writeUsVarchar(ByteBuf out, String s) {
        String v = s == null ? "" : s;
        if (v.length() > 0xFFFF) {
            throw new IllegalArgumentException("US_VARCHAR longer than 65535 characters: " + v.length());
        }
        out.writeShortLE(v.length());
        writeUcs2(out, v);
    }

    /** Writes a B_VARBYTE; {@code null} is written as length 0. */
    public static void writeBVarbyte(ByteBuf out, byte[] data) {
        byte[] v = data == null ? new byte[0] : data;
        if (v.length > 0xFF) {
            throw new IllegalArgumentException("B_VARBYTE longer than 255 bytes: " + v.length);
        }
        out.writeByte(v.length);
        out.writeBytes(v);
    }

    /** Writes the UCS-2LE code units of {@code s} with no length prefix. */
    public static void writeUcs2(ByteBuf out, String s) {
        for (int i = 0; i < s.length(); i++) {
            out.writeShortLE(s.charAt(i));
        }
    }

    /** Reserves a USHORT length at the writer index; returns its position for {@link #patchU16Length}. */
    public static int reserveU16(ByteBuf out) {
        int at = out.writerIndex();
        out.writeShortLE(0);
        return at;
    }

    /** Writes the number of bytes written after the USHORT at {@code at} into it. */
    public static void patchU16Length(ByteBuf out, int at, String what) {
        int length = out.writerIndex() - at - 2;
        if (length > 0xFFFF) {
            throw new IllegalArgumentException(what + " longer than 65535 bytes: " + length);
        }
        out.setShortLE(at, length);
    }

    /**
     * Slices the next {@code length} bytes as the body of a length-prefixed token and skips them in
     * {@code in}. The slice shares memory with {@code in} and is not retained: use it before
     * releasing {@code in}.
     */
    public static ByteBuf body(ByteBuf in, int length, String what) {
        ProtocolException.requireReadable(in.readableBytes(), length, what);
        ByteBuf body = in.slice(in.readerIndex(), length);
        in.skipBytes(length);
        return body;
    }
}
