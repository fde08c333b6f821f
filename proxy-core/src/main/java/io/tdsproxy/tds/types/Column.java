package io.tdsproxy.tds.types;

import java.util.List;

/**
 * One column of a COLMETADATA token (MS-TDS 2.2.7.4).
 *
 * @param name      ColName (B_VARCHAR, at most 255 characters; empty for unnamed expressions)
 * @param type      TYPE_INFO
 * @param flags     the Flags USHORT, see the constants ({@code NULLABLE} etc.); tested with masks
 * @param userType  UserType ULONG; 0 for ordinary columns
 * @param tableName TableName parts, present on the wire only for TEXT/NTEXT/IMAGE columns
 */
public record Column(String name, TypeInfo type, int flags, long userType, List<String> tableName) {
    /** fNullable. */
    public static final int NULLABLE = 0x0001;
    /** fCaseSen. */
    public static final int CASE_SENSITIVE = 0x0002;
    /** usUpdateable = 1 (read/write); the two bits 0x000C hold 0 read-only, 1 read/write, 2 unknown. */
    public static final int UPDATEABLE = 0x0004;
    /** usUpdateable = 2 (unknown). */
    public static final int UPDATEABLE_UNKNOWN = 0x0008;
    /** fIdentity. */
    public static final int IDENTITY = 0x0010;
    /** fComputed (SQL Server sets it for expressions such as {@code SELECT 1}). */
    public static final int COMPUTED = 0x0020;
    /** fFixedLenCLRType. */
    public static final int FIXED_LEN_CLR_TYPE = 0x0100;
    /** fSparseColumnSet. */
    public static final int SPARSE_COLUMN_SET = 0x0400;
    /** fEncrypted (Always Encrypted: CryptoMetaData follows; not supported by this codec). */
    public static final int ENCRYPTED = 0x0800;
    /** fHidden. */
    public static final int HIDDEN = 0x2000;
    /** fKey. */
    public static final int KEY = 0x4000;
    /** fNullableUnknown. */
    public static final int NULLABLE_UNKNOWN = 0x8000;

    public Column {
        if (name == null) {
            name = "";
        }
        if (type == null) {
            throw new IllegalArgumentException("type is required");
        }
        if (flags < 0 || flags > 0xFFFF) {
            throw new IllegalArgumentException("flags outside 0..0xFFFF: " + flags);
        }
        tableName = tableName == null ? List.of() : List.copyOf(tableName);
    }

    /** A column with UserType 0 and no table name. */
    public Column(String name, TypeInfo type, int flags) {
        this(name, type, flags, 0, List.of());
    }

    /** A nullable column ({@link #NULLABLE}). */
    public static Column nullable(String name, TypeInfo type) {
        return new Column(name, type, NULLABLE);
    }

    /** Whether {@link #NULLABLE} is set. */
    public boolean isNullable() {
        return (flags & NULLABLE) != 0;
    }
}
