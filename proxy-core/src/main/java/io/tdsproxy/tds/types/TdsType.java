package io.tdsproxy.tds.types;

/**
 * The data type codes of MS-TDS 2.2.5.4 with the rule that decides how their TYPE_INFO and their
 * values are laid out (MS-TDS 2.2.5.4.1 fixed-length, 2.2.5.4.2 variable-length, 2.2.5.2.3 data
 * type dependent streams). Types this codec cannot lay out (XML, UDT, sql_variant, TVP) are
 * listed so that errors can name them.
 */
public enum TdsType {
    NULL(0x1F, Layout.FIXED, 0, false),
    INT1(0x30, Layout.FIXED, 1, false),
    BIT(0x32, Layout.FIXED, 1, false),
    INT2(0x34, Layout.FIXED, 2, false),
    INT4(0x38, Layout.FIXED, 4, false),
    DATETIM4(0x3A, Layout.FIXED, 4, false),
    FLT4(0x3B, Layout.FIXED, 4, false),
    MONEY(0x3C, Layout.FIXED, 8, false),
    DATETIME(0x3D, Layout.FIXED, 8, false),
    FLT8(0x3E, Layout.FIXED, 8, false),
    MONEY4(0x7A, Layout.FIXED, 4, false),
    INT8(0x7F, Layout.FIXED, 8, false),

    GUID(0x24, Layout.BYTELEN, 0, false),
    INTN(0x26, Layout.BYTELEN, 0, false),
    DECIMAL(0x37, Layout.BYTELEN, 0, false),
    NUMERIC(0x3F, Layout.BYTELEN, 0, false),
    BITN(0x68, Layout.BYTELEN, 0, false),
    DECIMALN(0x6A, Layout.BYTELEN, 0, false),
    NUMERICN(0x6C, Layout.BYTELEN, 0, false),
    FLTN(0x6D, Layout.BYTELEN, 0, false),
    MONEYN(0x6E, Layout.BYTELEN, 0, false),
    DATETIMN(0x6F, Layout.BYTELEN, 0, false),
    CHAR(0x2F, Layout.BYTELEN, 0, false),
    VARCHAR(0x27, Layout.BYTELEN, 0, false),
    BINARY(0x2D, Layout.BYTELEN, 0, false),
    VARBINARY(0x25, Layout.BYTELEN, 0, false),

    DATEN(0x28, Layout.DATE, 0, false),
    TIMEN(0x29, Layout.SCALED, 0, false),
    DATETIME2N(0x2A, Layout.SCALED, 0, false),
    DATETIMEOFFSETN(0x2B, Layout.SCALED, 0, false),

    BIGVARBIN(0xA5, Layout.USHORTLEN, 0, false),
    BIGVARCHR(0xA7, Layout.USHORTLEN, 0, true),
    BIGBINARY(0xAD, Layout.USHORTLEN, 0, false),
    BIGCHAR(0xAF, Layout.USHORTLEN, 0, true),
    NVARCHAR(0xE7, Layout.USHORTLEN, 0, true),
    NCHAR(0xEF, Layout.USHORTLEN, 0, true),

    TEXT(0x23, Layout.LONGLEN, 0, true),
    IMAGE(0x22, Layout.LONGLEN, 0, false),
    NTEXT(0x63, Layout.LONGLEN, 0, true),

    SSVARIANT(0x62, Layout.UNSUPPORTED, 0, false),
    UDT(0xF0, Layout.UNSUPPORTED, 0, false),
    XML(0xF1, Layout.UNSUPPORTED, 0, false),
    TVP(0xF3, Layout.UNSUPPORTED, 0, false);

    /** How TYPE_INFO and the value length are encoded. */
    public enum Layout {
        /** No TYPE_VARLEN; the value has {@link #fixedLength()} bytes and cannot be NULL. */
        FIXED,
        /** BYTE max length in TYPE_INFO; BYTE length before each value, 0 = NULL. */
        BYTELEN,
        /** DATE: no TYPE_VARLEN (MS-TDS 2.2.5.6); BYTE length 0 or 3 before each value. */
        DATE,
        /** TIME/DATETIME2/DATETIMEOFFSET: SCALE in TYPE_INFO; BYTE length before each value. */
        SCALED,
        /** USHORT max length (0xFFFF = MAX, values are PLP); USHORT length, 0xFFFF = NULL. */
        USHORTLEN,
        /** LONG max length; text pointer in rows, LONG length in parameters. */
        LONGLEN,
        /** Not laid out by this codec. */
        UNSUPPORTED
    }

    private static final TdsType[] BY_CODE = new TdsType[256];

    static {
        for (TdsType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;
    private final Layout layout;
    private final int fixedLength;
    private final boolean collated;

    TdsType(int code, Layout layout, int fixedLength, boolean collated) {
        this.code = code;
        this.layout = layout;
        this.fixedLength = fixedLength;
        this.collated = collated;
    }

    /** The type byte on the wire. */
    public int code() {
        return code;
    }

    /** How TYPE_INFO and values of this type are laid out. */
    public Layout layout() {
        return layout;
    }

    /** Value size of a {@link Layout#FIXED} type, else 0. */
    public int fixedLength() {
        return fixedLength;
    }

    /** Whether TYPE_INFO carries a COLLATION (MS-TDS 2.2.5.6). */
    public boolean collated() {
        return collated;
    }

    /** Whether the value is character data in UCS-2 (nchar, nvarchar, ntext). */
    public boolean unicode() {
        return this == NCHAR || this == NVARCHAR || this == NTEXT;
    }

    /** The type with this wire code, or {@code null} when the code is not a TDS data type. */
    public static TdsType of(int code) {
        return code < 0 || code > 0xFF ? null : BY_CODE[code];
    }
}
