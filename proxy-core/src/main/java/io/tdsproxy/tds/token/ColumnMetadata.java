package io.tdsproxy.tds.token;

import io.netty.buffer.ByteBuf;
import io.tdsproxy.tds.ProtocolException;
import io.tdsproxy.tds.types.Column;
import io.tdsproxy.tds.types.TdsType;
import io.tdsproxy.tds.types.TypeInfo;
import io.tdsproxy.tds.types.Wire;

import java.util.ArrayList;
import java.util.List;

/**
 * COLMETADATA 0x81 (MS-TDS 2.2.7.4), TDS 7.2+ layout ({@link TokenFormat} for the 7.1 one):
 *
 * <pre>
 * 81 | Count USHORT (0xFFFF = NoMetaData)
 *    | Count x ( UserType ULONG | Flags USHORT | TYPE_INFO
 *              | [TableName: NumParts BYTE, NumParts x US_VARCHAR, for TEXT/NTEXT/IMAGE only]
 *              | ColName B_VARCHAR )
 * </pre>
 *
 * Real bytes for {@code SELECT 1}: {@code 81 01 00 00 00 00 00 20 00 38 00} (protocol.md 8.7).
 * Always Encrypted metadata (CekTable, CryptoMetaData) is not supported: this codec never
 * negotiates the COLUMNENCRYPTION feature, so a server must not send it.
 */
public final class ColumnMetadata {
    /** Count value meaning "no metadata" (e.g. a statement without a result set). */
    public static final int NO_METADATA = 0xFFFF;

    private ColumnMetadata() {
    }

    /** Writes the token in the TDS 7.2+ layout; an empty list is written as NoMetaData (Count 0xFFFF). */
    public static void encode(ByteBuf out, List<Column> columns) {
        encode(out, columns, TokenFormat.TDS_7_2);
    }

    /**
     * Writes the token in {@code format}; an empty list is written as NoMetaData (Count 0xFFFF).
     * Before TDS 7.2 UserType is a USHORT, a text column's TableName is one US_VARCHAR (the parts
     * joined with dots), and MAX or date/time columns are refused.
     */
    public static void encode(ByteBuf out, List<Column> columns, TokenFormat format) {
        if (columns.size() >= NO_METADATA) {
            throw new IllegalArgumentException("too many columns: " + columns.size());
        }
        int mark = out.writerIndex();
        try {
            out.writeByte(TokenType.COLMETADATA.code());
            out.writeShortLE(columns.isEmpty() ? NO_METADATA : columns.size());
            for (Column c : columns) {
                if (!format.supports(c.type())) {
                    throw new IllegalArgumentException(c.type() + " cannot be sent in the " + format + " layout");
                }
                if (format == TokenFormat.TDS_7_1) {
                    out.writeShortLE((int) c.userType());
                } else {
                    out.writeIntLE((int) c.userType());
                }
                out.writeShortLE(c.flags());
                c.type().encode(out);
                if (hasTableName(c.type())) {
                    if (format == TokenFormat.TDS_7_1) {
                        Wire.writeUsVarchar(out, String.join(".", c.tableName()));
                    } else {
                        out.writeByte(c.tableName().size());
                        for (String part : c.tableName()) {
                            Wire.writeUsVarchar(out, part);
                        }
                    }
                }
                Wire.writeBVarchar(out, c.name());
            }
        } catch (RuntimeException e) {
            out.writerIndex(mark);
            throw e;
        }
    }

    /** Reads a COLMETADATA token in the TDS 7.2+ layout, the token byte included; NoMetaData gives an empty list. */
    public static List<Column> decode(ByteBuf in) {
        return decode(in, TokenFormat.TDS_7_2);
    }

    /** Reads a COLMETADATA token in {@code format}, the token byte included; NoMetaData gives an empty list. */
    public static List<Column> decode(ByteBuf in, TokenFormat format) {
        int token = Wire.readU8(in, "COLMETADATA token");
        if (token != TokenType.COLMETADATA.code()) {
            throw new ProtocolException(String.format("expected COLMETADATA, got token 0x%02X", token));
        }
        int count = Wire.readU16(in, "COLMETADATA count");
        if (count == NO_METADATA) {
            return List.of();
        }
        List<Column> columns = new ArrayList<>(Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            long userType = format == TokenFormat.TDS_7_1 ? Wire.readU16(in, "column user type")
                    : Wire.readU32(in, "column user type");
            int flags = Wire.readU16(in, "column flags");
            if ((flags & Column.ENCRYPTED) != 0) {
                throw new ProtocolException("encrypted column metadata (Always Encrypted) is not supported");
            }
            TypeInfo type = TypeInfo.decode(in);
            List<String> table = List.of();
            if (hasTableName(type) && format == TokenFormat.TDS_7_1) {
                table = List.of(Wire.readUsVarchar(in, "table name"));
            } else if (hasTableName(type)) {
                int parts = Wire.readU8(in, "table name part count");
                List<String> names = new ArrayList<>(parts);
                for (int p = 0; p < parts; p++) {
                    names.add(Wire.readUsVarchar(in, "table name part"));
                }
                table = names;
            }
            columns.add(new Column(Wire.readBVarchar(in, "column name"), type, flags, userType, table));
        }
        return List.copyOf(columns);
    }

    private static boolean hasTableName(TypeInfo type) {
        return type.type().layout() == TdsType.Layout.LONGLEN;
    }
}
