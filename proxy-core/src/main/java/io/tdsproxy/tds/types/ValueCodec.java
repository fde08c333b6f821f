package io.tdsproxy.tds.types;

import io.netty.buffer.ByteBuf;
import io.tdsproxy.tds.ProtocolException;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * TYPE_VARBYTE: one value of a given {@link TypeInfo} (MS-TDS 2.2.5.2.3), as carried in ROW tokens,
 * RETURNVALUE tokens and RPC parameters.
 *
 * <p>Java types: tinyint and smallint read as {@link Short} (tinyint is unsigned 0..255, which a
 * {@code Byte} cannot hold), int as {@link Integer}, bigint as {@link Long}; bit as {@link Boolean};
 * real as {@link Float}, float as {@link Double}; decimal, numeric, money as {@link java.math.BigDecimal};
 * character types as {@link String}; binary types as {@code byte[]}; date as {@link java.time.LocalDate},
 * time as {@link java.time.LocalTime}, datetime2/datetime/smalldatetime as
 * {@link java.time.LocalDateTime}, datetimeoffset as {@link java.time.OffsetDateTime};
 * uniqueidentifier as {@link java.util.UUID}; NULL as {@code null}. Writers accept any integral
 * {@code Number} for integer types (range-checked) and any {@code Number} for float and decimal types.
 *
 * <p>char/nchar/binary values are written as given, without padding to the declared length; a
 * value longer than the declared maximum is rejected.
 *
 * <p>The only place where ROW and parameter layouts differ is TEXT/NTEXT/IMAGE: in a ROW a value is
 * preceded by a text pointer and a timestamp ({@link #writeInRow}, {@link #readInRow}); in RPC
 * parameters and RETURNVALUE it is just LONGLEN-prefixed ({@link #write}, {@link #read}).
 *
 * <p>Readers never retain {@code in}; writers never release {@code out}. A writer that rejects a
 * value ({@link IllegalArgumentException}) leaves {@code out} as it found it.
 */
public final class ValueCodec {
    private ValueCodec() {
    }

    /** Writes {@code value} (or NULL) in the parameter/RETURNVALUE layout; PLP in chunks of {@link Plp#DEFAULT_CHUNK}. */
    public static void write(ByteBuf out, TypeInfo type, Object value) {
        write(out, type, value, Plp.DEFAULT_CHUNK, false);
    }

    /** As {@link #write(ByteBuf, TypeInfo, Object)} with PLP chunks of at most {@code plpChunkSize} bytes. */
    public static void write(ByteBuf out, TypeInfo type, Object value, int plpChunkSize) {
        write(out, type, value, plpChunkSize, false);
    }

    /** Writes {@code value} (or NULL) as a ROW column value (text pointer for TEXT/NTEXT/IMAGE). */
    public static void writeInRow(ByteBuf out, TypeInfo type, Object value) {
        write(out, type, value, Plp.DEFAULT_CHUNK, true);
    }

    /** Reads a value in the parameter/RETURNVALUE layout; {@code null} for NULL. */
    public static Object read(ByteBuf in, TypeInfo type) {
        return read(in, type, false);
    }

    /** Reads a ROW column value; {@code null} for NULL. */
    public static Object readInRow(ByteBuf in, TypeInfo type) {
        return read(in, type, true);
    }

    private static void write(ByteBuf out, TypeInfo type, Object value, int chunk, boolean row) {
        int mark = out.writerIndex();
        try {
            writeUnchecked(out, type, value, chunk, row);
        } catch (RuntimeException e) {
            out.writerIndex(mark);
            throw e;
        }
    }

    private static void writeUnchecked(ByteBuf out, TypeInfo type, Object value, int chunk, boolean row) {
        TdsType t = type.type();
        switch (t.layout()) {
            case FIXED:
                if (value == null) {
                    if (t != TdsType.NULL) {
                        throw new IllegalArgumentException(t + " is fixed-length and cannot carry NULL; use its nullable form");
                    }
                    return;
                }
                ScalarCodec.writeFixed(out, t, value);
                return;
            case BYTELEN:
                if (value == null) {
                    out.writeByte(0);
                    return;
                }
                if (isChar(t) || isBinary(t)) {
                    byte[] data = bytesOf(type, value);
                    if (data.length == 0 || data.length > type.maxLength()) {
                        throw new IllegalArgumentException(t + " value of " + data.length + " bytes outside 1.." + type.maxLength());
                    }
                    out.writeByte(data.length).writeBytes(data);
                    return;
                }
                ScalarCodec.writeByteLen(out, type, value);
                return;
            case DATE:
            case SCALED:
                if (value == null) {
                    out.writeByte(0);
                    return;
                }
                out.writeByte(type.maxLength());
                ScalarCodec.writeTemporal(out, type, value);
                return;
            case USHORTLEN:
                writeUshortLen(out, type, value, chunk);
                return;
            case LONGLEN:
                writeLongLen(out, type, value, row);
                return;
            default:
                throw new IllegalArgumentException("cannot write " + t);
        }
    }

    private static void writeUshortLen(ByteBuf out, TypeInfo type, Object value, int chunk) {
        if (type.isPlp()) {
            Plp.write(out, value == null ? null : bytesOf(type, value), chunk);
            return;
        }
        if (value == null) {
            out.writeShortLE(0xFFFF);
            return;
        }
        byte[] data = bytesOf(type, value);
        if (data.length > type.maxLength()) {
            throw new IllegalArgumentException(type.type() + " value of " + data.length + " bytes exceeds " + type.maxLength());
        }
        out.writeShortLE(data.length).writeBytes(data);
    }

    private static void writeLongLen(ByteBuf out, TypeInfo type, Object value, boolean row) {
        if (value == null) {
            if (row) {
                out.writeByte(0);
            } else {
                out.writeIntLE(-1);
            }
            return;
        }
        byte[] data = bytesOf(type, value);
        if (row) {
            // Clients skip the pointer and timestamp; they only have to be present (MS-TDS 2.2.7.19).
            out.writeByte(16).writeZero(16).writeZero(8);
        }
        out.writeIntLE(data.length).writeBytes(data);
    }

    private static Object read(ByteBuf in, TypeInfo type, boolean row) {
        TdsType t = type.type();
        switch (t.layout()) {
            case FIXED:
                return t == TdsType.NULL ? null : ScalarCodec.readFixed(in, t);
            case BYTELEN: {
                int length = Wire.readU8(in, t + " value length");
                if (length == 0) {
                    return null;
                }
                if (isChar(t) || isBinary(t)) {
                    return valueOf(type, Wire.readBytes(in, length, t + " value"));
                }
                return ScalarCodec.readByteLen(in, type, length);
            }
            case DATE:
            case SCALED: {
                int length = Wire.readU8(in, t + " value length");
                if (length == 0) {
                    return null;
                }
                if (length != type.maxLength()) {
                    throw new ProtocolException(t + " value length " + length + ", scale " + type.scale()
                            + " needs " + type.maxLength());
                }
                return ScalarCodec.readTemporal(in, type);
            }
            case USHORTLEN:
                if (type.isPlp()) {
                    byte[] data = Plp.read(in, t.toString());
                    return data == null ? null : valueOf(type, data);
                }
                int length = Wire.readU16(in, t + " value length");
                return length == 0xFFFF ? null : valueOf(type, Wire.readBytes(in, length, t + " value"));
            case LONGLEN:
                return readLongLen(in, type, row);
            default:
                throw new ProtocolException("cannot read " + t);
        }
    }

    private static Object readLongLen(ByteBuf in, TypeInfo type, boolean row) {
        TdsType t = type.type();
        if (row) {
            int pointer = Wire.readU8(in, t + " text pointer length");
            if (pointer == 0) {
                return null;
            }
            Wire.skip(in, pointer + 8L, t + " text pointer and timestamp");
        }
        int length = Wire.readI32(in, t + " value length");
        if (length == -1 && !row) {
            return null;
        }
        if (length < 0) {
            throw new ProtocolException(t + " value length " + Integer.toUnsignedString(length) + " out of range");
        }
        return valueOf(type, Wire.readBytes(in, length, t + " value"));
    }

    private static boolean isChar(TdsType t) {
        return t == TdsType.CHAR || t == TdsType.VARCHAR || t == TdsType.BIGCHAR || t == TdsType.BIGVARCHR
                || t == TdsType.TEXT || t.unicode();
    }

    private static boolean isBinary(TdsType t) {
        return t == TdsType.BINARY || t == TdsType.VARBINARY || t == TdsType.BIGBINARY || t == TdsType.BIGVARBIN
                || t == TdsType.IMAGE;
    }

    private static Charset charset(TypeInfo type) {
        if (type.type().unicode()) {
            return StandardCharsets.UTF_16LE;
        }
        return (type.collation() != null ? type.collation() : Collation.DEFAULT).charset();
    }

    private static byte[] bytesOf(TypeInfo type, Object value) {
        TdsType t = type.type();
        if (isChar(t)) {
            return JavaValues.string(value, t).getBytes(charset(type));
        }
        return JavaValues.binary(value, t);
    }

    private static Object valueOf(TypeInfo type, byte[] data) {
        TdsType t = type.type();
        if (!isChar(t)) {
            return data;
        }
        if (t.unicode() && (data.length & 1) != 0) {
            throw new ProtocolException(t + " value has an odd byte length " + data.length);
        }
        return new String(data, charset(type));
    }
}
