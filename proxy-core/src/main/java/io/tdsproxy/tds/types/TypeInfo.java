package io.tdsproxy.tds.types;

import io.netty.buffer.ByteBuf;
import io.tdsproxy.tds.ProtocolException;

/**
 * TYPE_INFO of MS-TDS 2.2.5.6: the data type of a column (COLMETADATA), a parameter (RPC) or a
 * return value (RETURNVALUE).
 *
 * <pre>
 * FIXEDLENTYPE                                   INT4 0x38, FLT8 0x3E, DATETIME 0x3D ...
 * VARLENTYPE BYTELEN [PRECISION SCALE]           INTN 0x26 04, DECIMALN 0x6A 11 26 02 ...
 * DATENTYPE                                      0x28 (no length, MS-TDS 2.2.5.6)
 * VARLENTYPE SCALE                               TIMEN 0x29 07, DATETIME2N 0x2A 07 ...
 * VARLENTYPE USHORTLEN [COLLATION]               NVARCHAR 0xE7 a0 0f 09 04 d0 00 34 (0xFFFF = MAX, PLP values)
 * VARLENTYPE LONGLEN [COLLATION]                 TEXT 0x23, NTEXT 0x63, IMAGE 0x22
 * </pre>
 *
 * @param type      the data type
 * @param maxLength the TYPE_VARLEN as sent (bytes, not characters); for fixed types their size,
 *                  for DATE 3, for scaled types the value size implied by the scale
 * @param precision decimal precision (1..38), else 0
 * @param scale     decimal scale or fractional-second digits (0..7), else 0
 * @param collation the collation of character types that carry one, else {@code null}
 */
public record TypeInfo(TdsType type, int maxLength, int precision, int scale, Collation collation) {
    /** USHORTLEN value meaning "MAX": values are PLP encoded (MS-TDS 2.2.5.2.3). */
    public static final int USHORT_MAX = 0xFFFF;

    public TypeInfo {
        if (type == null) {
            throw new IllegalArgumentException("type is required");
        }
        if (type.collated() != (collation != null)) {
            throw new IllegalArgumentException(type + (type.collated() ? " needs" : " takes no") + " collation");
        }
    }

    // ---- factories -------------------------------------------------------------------------------

    /** A fixed-length type such as INT4 0x38 (what SQL Server sends for NOT NULL columns). */
    public static TypeInfo fixed(TdsType type) {
        if (type.layout() != TdsType.Layout.FIXED) {
            throw new IllegalArgumentException(type + " is not a fixed-length type");
        }
        return new TypeInfo(type, type.fixedLength(), 0, 0, null);
    }

    /** INTN of 1 (tinyint), 2 (smallint), 4 (int) or 8 (bigint) bytes. */
    public static TypeInfo intN(int bytes) {
        return sized(TdsType.INTN, bytes, 1, 2, 4, 8);
    }

    /** BITN (bit). */
    public static TypeInfo bitN() {
        return new TypeInfo(TdsType.BITN, 1, 0, 0, null);
    }

    /** FLTN of 4 (real) or 8 (float) bytes. */
    public static TypeInfo floatN(int bytes) {
        return sized(TdsType.FLTN, bytes, 4, 8);
    }

    /** MONEYN of 4 (smallmoney) or 8 (money) bytes. */
    public static TypeInfo moneyN(int bytes) {
        return sized(TdsType.MONEYN, bytes, 4, 8);
    }

    /** DATETIMN of 4 (smalldatetime) or 8 (datetime) bytes. */
    public static TypeInfo datetimeN(int bytes) {
        return sized(TdsType.DATETIMN, bytes, 4, 8);
    }

    /** DATETIMN of 8 bytes (datetime). */
    public static TypeInfo datetimeN() {
        return datetimeN(8);
    }

    /** DECIMALN(precision, scale). */
    public static TypeInfo decimalN(int precision, int scale) {
        return decimal(TdsType.DECIMALN, precision, scale);
    }

    /** NUMERICN(precision, scale). */
    public static TypeInfo numericN(int precision, int scale) {
        return decimal(TdsType.NUMERICN, precision, scale);
    }

    /** nvarchar(maxChars), 1..4000 characters. */
    public static TypeInfo nvarchar(int maxChars) {
        return new TypeInfo(TdsType.NVARCHAR, 2 * checkRange(maxChars, 1, 4000, "nvarchar length"), 0, 0, Collation.DEFAULT);
    }

    /** nvarchar(max). */
    public static TypeInfo nvarcharMax() {
        return new TypeInfo(TdsType.NVARCHAR, USHORT_MAX, 0, 0, Collation.DEFAULT);
    }

    /** nchar(chars), 1..4000 characters. */
    public static TypeInfo nchar(int chars) {
        return new TypeInfo(TdsType.NCHAR, 2 * checkRange(chars, 1, 4000, "nchar length"), 0, 0, Collation.DEFAULT);
    }

    /** varchar(maxBytes) in the default collation. */
    public static TypeInfo varchar(int maxBytes) {
        return varchar(maxBytes, Collation.DEFAULT);
    }

    /** varchar(maxBytes), 1..8000 bytes, in {@code collation}. */
    public static TypeInfo varchar(int maxBytes, Collation collation) {
        return new TypeInfo(TdsType.BIGVARCHR, checkRange(maxBytes, 1, 8000, "varchar length"), 0, 0, collation);
    }

    /** varchar(max) in the default collation. */
    public static TypeInfo varcharMax() {
        return varcharMax(Collation.DEFAULT);
    }

    /** varchar(max) in {@code collation}. */
    public static TypeInfo varcharMax(Collation collation) {
        return new TypeInfo(TdsType.BIGVARCHR, USHORT_MAX, 0, 0, collation);
    }

    /** varbinary(maxBytes), 1..8000 bytes. */
    public static TypeInfo varbinary(int maxBytes) {
        return new TypeInfo(TdsType.BIGVARBIN, checkRange(maxBytes, 1, 8000, "varbinary length"), 0, 0, null);
    }

    /** varbinary(max). */
    public static TypeInfo varbinaryMax() {
        return new TypeInfo(TdsType.BIGVARBIN, USHORT_MAX, 0, 0, null);
    }

    /** binary(bytes), 1..8000 bytes. */
    public static TypeInfo binary(int bytes) {
        return new TypeInfo(TdsType.BIGBINARY, checkRange(bytes, 1, 8000, "binary length"), 0, 0, null);
    }

    /** date. */
    public static TypeInfo date() {
        return new TypeInfo(TdsType.DATEN, 3, 0, 0, null);
    }

    /** time(scale), scale 0..7. */
    public static TypeInfo time(int scale) {
        return scaled(TdsType.TIMEN, scale);
    }

    /** datetime2(scale), scale 0..7. */
    public static TypeInfo datetime2(int scale) {
        return scaled(TdsType.DATETIME2N, scale);
    }

    /** datetimeoffset(scale), scale 0..7. */
    public static TypeInfo datetimeOffset(int scale) {
        return scaled(TdsType.DATETIMEOFFSETN, scale);
    }

    /** uniqueidentifier. */
    public static TypeInfo guid() {
        return new TypeInfo(TdsType.GUID, 16, 0, 0, null);
    }

    /** Whether values are PLP encoded: the MAX variants of the USHORTLEN types. */
    public boolean isPlp() {
        return type.layout() == TdsType.Layout.USHORTLEN && maxLength == USHORT_MAX;
    }

    // ---- codec -----------------------------------------------------------------------------------

    /** Writes the TYPE_INFO bytes. */
    public void encode(ByteBuf out) {
        out.writeByte(type.code());
        switch (type.layout()) {
            case FIXED:
            case DATE:
                break;
            case BYTELEN:
                out.writeByte(maxLength);
                if (isDecimal(type)) {
                    out.writeByte(precision).writeByte(scale);
                }
                break;
            case SCALED:
                out.writeByte(scale);
                break;
            case USHORTLEN:
                out.writeShortLE(maxLength);
                break;
            case LONGLEN:
                out.writeIntLE(maxLength);
                break;
            default:
                throw new IllegalStateException("cannot encode " + type);
        }
        if (collation != null) {
            collation.encode(out);
        }
    }

    /** Reads a TYPE_INFO; a type this codec cannot lay out is a {@link ProtocolException}. */
    public static TypeInfo decode(ByteBuf in) {
        int code = Wire.readU8(in, "TYPE_INFO type");
        TdsType type = TdsType.of(code);
        if (type == null || type.layout() == TdsType.Layout.UNSUPPORTED) {
            throw new ProtocolException(String.format("unsupported data type 0x%02X", code)
                    + (type == null ? "" : " (" + type + ")"));
        }
        switch (type.layout()) {
            case FIXED:
                return new TypeInfo(type, type.fixedLength(), 0, 0, null);
            case DATE:
                return new TypeInfo(type, 3, 0, 0, null);
            case SCALED:
                return decodeScaled(type, Wire.readU8(in, type + " scale"));
            case BYTELEN:
                return decodeByteLen(in, type);
            case USHORTLEN:
                int ushort = Wire.readU16(in, type + " max length");
                return new TypeInfo(type, ushort, 0, 0, type.collated() ? Collation.decode(in) : null);
            case LONGLEN:
                int longLen = Wire.readI32(in, type + " max length");
                return new TypeInfo(type, longLen, 0, 0, type.collated() ? Collation.decode(in) : null);
            default:
                throw new ProtocolException("unsupported data type " + type);
        }
    }

    private static TypeInfo decodeByteLen(ByteBuf in, TdsType type) {
        int length = Wire.readU8(in, type + " max length");
        if (isDecimal(type)) {
            int precision = Wire.readU8(in, type + " precision");
            int scale = Wire.readU8(in, type + " scale");
            if (precision < 1 || precision > 38 || scale > precision) {
                throw new ProtocolException(type + " precision " + precision + " scale " + scale + " out of range");
            }
            if (length < 1 || length > 17) {
                throw new ProtocolException(type + " length " + length + " out of range");
            }
            return new TypeInfo(type, length, precision, scale, null);
        }
        if (!validByteLen(type, length)) {
            throw new ProtocolException(type + " length " + length + " not allowed");
        }
        return new TypeInfo(type, length, 0, 0, null);
    }

    private static boolean validByteLen(TdsType type, int length) {
        switch (type) {
            case INTN:
                return length == 1 || length == 2 || length == 4 || length == 8;
            case BITN:
                return length == 1;
            case FLTN:
            case MONEYN:
            case DATETIMN:
                return length == 4 || length == 8;
            case GUID:
                return length == 16;
            default:
                return true;
        }
    }

    private static TypeInfo decodeScaled(TdsType type, int scale) {
        if (scale > 7) {
            throw new ProtocolException(type + " scale " + scale + " above 7");
        }
        return scaled(type, scale);
    }

    static boolean isDecimal(TdsType type) {
        return type == TdsType.DECIMALN || type == TdsType.NUMERICN
                || type == TdsType.DECIMAL || type == TdsType.NUMERIC;
    }

    /** Bytes of a time part with {@code scale} fractional digits (MS-TDS 2.2.5.4.2, TIMENTYPE). */
    static int timeLength(int scale) {
        return scale <= 2 ? 3 : scale <= 4 ? 4 : 5;
    }

    /** Bytes of a decimal value (sign byte included) for {@code precision} (MS-TDS 2.2.5.5.1.3). */
    static int decimalLength(int precision) {
        return precision <= 9 ? 5 : precision <= 19 ? 9 : precision <= 28 ? 13 : 17;
    }

    private static TypeInfo scaled(TdsType type, int scale) {
        checkRange(scale, 0, 7, type + " scale");
        int length = timeLength(scale)
                + (type == TdsType.DATETIME2N ? 3 : type == TdsType.DATETIMEOFFSETN ? 5 : 0);
        return new TypeInfo(type, length, 0, scale, null);
    }

    private static TypeInfo decimal(TdsType type, int precision, int scale) {
        checkRange(precision, 1, 38, "precision");
        checkRange(scale, 0, precision, "scale");
        return new TypeInfo(type, decimalLength(precision), precision, scale, null);
    }

    private static TypeInfo sized(TdsType type, int bytes, int... allowed) {
        for (int a : allowed) {
            if (a == bytes) {
                return new TypeInfo(type, bytes, 0, 0, null);
            }
        }
        throw new IllegalArgumentException(type + " length " + bytes + " not allowed");
    }

    private static int checkRange(int value, int min, int max, String what) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " " + value + " outside " + min + ".." + max);
        }
        return value;
    }
}
