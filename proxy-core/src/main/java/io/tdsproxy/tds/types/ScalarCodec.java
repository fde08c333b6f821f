package io.tdsproxy.tds.types;

import io.netty.buffer.ByteBuf;
import io.tdsproxy.tds.ProtocolException;

/**
 * Bodies of the fixed-size scalar types, shared by their fixed-length form (INT4 0x38 ...,
 * MS-TDS 2.2.5.4.1) and their nullable BYTELEN form (INTN 0x26 ..., 2.2.5.4.2). The BYTELEN
 * methods write the length byte; the fixed ones have none.
 */
final class ScalarCodec {
    private ScalarCodec() {
    }

    static void writeFixed(ByteBuf out, TdsType t, Object value) {
        switch (t) {
            case INT1:
                out.writeByte((int) JavaValues.integral(value, 0, 255, t));
                break;
            case INT2:
                out.writeShortLE((int) JavaValues.integral(value, Short.MIN_VALUE, Short.MAX_VALUE, t));
                break;
            case INT4:
                out.writeIntLE((int) JavaValues.integral(value, Integer.MIN_VALUE, Integer.MAX_VALUE, t));
                break;
            case INT8:
                out.writeLongLE(JavaValues.integral(value, Long.MIN_VALUE, Long.MAX_VALUE, t));
                break;
            case BIT:
                out.writeByte(JavaValues.bool(value, t) ? 1 : 0);
                break;
            case FLT4:
                out.writeFloatLE((float) JavaValues.floating(value, t));
                break;
            case FLT8:
                out.writeDoubleLE(JavaValues.floating(value, t));
                break;
            case MONEY:
                DecimalCodec.writeMoney(out, JavaValues.decimal(value, t), 8);
                break;
            case MONEY4:
                DecimalCodec.writeMoney(out, JavaValues.decimal(value, t), 4);
                break;
            case DATETIME:
                TemporalCodec.writeDateTime(out, JavaValues.dateTime(value, t));
                break;
            case DATETIM4:
                TemporalCodec.writeSmallDateTime(out, JavaValues.dateTime(value, t));
                break;
            default:
                throw new IllegalArgumentException("not a fixed-length type: " + t);
        }
    }

    static Object readFixed(ByteBuf in, TdsType t) {
        switch (t) {
            case INT1:
                return (short) Wire.readU8(in, "tinyint");
            case INT2:
                ProtocolException.requireReadable(in.readableBytes(), 2, "smallint");
                return in.readShortLE();
            case INT4:
                return Wire.readI32(in, "int");
            case INT8:
                return Wire.readI64(in, "bigint");
            case BIT:
                return Wire.readU8(in, "bit") != 0;
            case FLT4:
                return Float.intBitsToFloat(Wire.readI32(in, "real"));
            case FLT8:
                return Double.longBitsToDouble(Wire.readI64(in, "float"));
            case MONEY:
                return DecimalCodec.readMoney(in, 8);
            case MONEY4:
                return DecimalCodec.readMoney(in, 4);
            case DATETIME:
                return TemporalCodec.readDateTime(in);
            case DATETIM4:
                return TemporalCodec.readSmallDateTime(in);
            default:
                throw new ProtocolException("not a fixed-length type: " + t);
        }
    }

    /** The fixed type a BYTELEN type of this value length stands for. */
    private static TdsType fixedFor(TdsType t, int length) {
        switch (t) {
            case INTN:
                return length == 1 ? TdsType.INT1 : length == 2 ? TdsType.INT2
                        : length == 4 ? TdsType.INT4 : length == 8 ? TdsType.INT8 : null;
            case BITN:
                return length == 1 ? TdsType.BIT : null;
            case FLTN:
                return length == 4 ? TdsType.FLT4 : length == 8 ? TdsType.FLT8 : null;
            case MONEYN:
                return length == 4 ? TdsType.MONEY4 : length == 8 ? TdsType.MONEY : null;
            case DATETIMN:
                return length == 4 ? TdsType.DATETIM4 : length == 8 ? TdsType.DATETIME : null;
            default:
                return null;
        }
    }

    static void writeByteLen(ByteBuf out, TypeInfo type, Object value) {
        TdsType t = type.type();
        if (t == TdsType.GUID) {
            out.writeByte(GuidCodec.SIZE);
            GuidCodec.write(out, JavaValues.uuid(value, t));
            return;
        }
        if (TypeInfo.isDecimal(t)) {
            int length = TypeInfo.decimalLength(type.precision());
            out.writeByte(length);
            DecimalCodec.writeDecimal(out, type, JavaValues.decimal(value, t), length);
            return;
        }
        TdsType fixed = fixedFor(t, type.maxLength());
        if (fixed == null) {
            throw new IllegalArgumentException("cannot write " + t + " of length " + type.maxLength());
        }
        out.writeByte(type.maxLength());
        writeFixed(out, fixed, value);
    }

    /** Reads a BYTELEN scalar whose non-zero length byte was already read. */
    static Object readByteLen(ByteBuf in, TypeInfo type, int length) {
        TdsType t = type.type();
        if (t == TdsType.GUID) {
            if (length != GuidCodec.SIZE) {
                throw new ProtocolException("uniqueidentifier value length " + length + ", needs 16");
            }
            return GuidCodec.read(in);
        }
        if (TypeInfo.isDecimal(t)) {
            return DecimalCodec.readDecimal(in, type, length);
        }
        TdsType fixed = fixedFor(t, length);
        if (fixed == null) {
            throw new ProtocolException(t + " value length " + length + " not allowed");
        }
        return readFixed(in, fixed);
    }

    static void writeTemporal(ByteBuf out, TypeInfo type, Object value) {
        TdsType t = type.type();
        switch (t) {
            case DATEN:
                TemporalCodec.writeDate(out, JavaValues.date(value, t));
                break;
            case TIMEN:
                TemporalCodec.writeTime(out, JavaValues.time(value, t), type.scale());
                break;
            case DATETIME2N:
                TemporalCodec.writeDateTime2(out, JavaValues.dateTime(value, t), type.scale());
                break;
            case DATETIMEOFFSETN:
                TemporalCodec.writeDateTimeOffset(out, JavaValues.offsetDateTime(value, t), type.scale());
                break;
            default:
                throw new IllegalArgumentException("not a date/time type: " + t);
        }
    }

    static Object readTemporal(ByteBuf in, TypeInfo type) {
        switch (type.type()) {
            case DATEN:
                return TemporalCodec.readDate(in);
            case TIMEN:
                return TemporalCodec.readTime(in, type.scale());
            case DATETIME2N:
                return TemporalCodec.readDateTime2(in, type.scale());
            case DATETIMEOFFSETN:
                return TemporalCodec.readDateTimeOffset(in, type.scale());
            default:
                throw new ProtocolException("not a date/time type: " + type.type());
        }
    }
}
