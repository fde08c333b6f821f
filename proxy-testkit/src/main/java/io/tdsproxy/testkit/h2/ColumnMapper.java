package io.tdsproxy.testkit.h2;

import io.tdsproxy.tds.types.Collation;
import io.tdsproxy.tds.types.Column;
import io.tdsproxy.tds.types.TdsType;
import io.tdsproxy.tds.types.TypeInfo;
import io.tdsproxy.testkit.wire.ProtocolLevel;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Maps H2 result metadata (JDBC types) to TDS columns (MS-TDS 2.2.7.4 COLMETADATA, TYPE_INFO 2.2.5.6),
 * the way SQL Server would describe the same data:
 *
 * <pre>
 * H2 (MSSQLServer mode)          TDS 7.3+                      TDS 7.1 / 7.2
 * TINYINT/SMALLINT/INT/BIGINT    INTN 1/2/4/8                  same
 * BOOLEAN (bit)                  BITN                          same
 * REAL / DOUBLE, DECFLOAT        FLTN 4 / 8                    same
 * DECIMAL/NUMERIC(p,s)           DECIMALN(min(p,38), s)        same
 * CHAR/VARCHAR(n), CLOB          NVARCHAR(n), n &gt; 4000: MAX  NTEXT when &gt; 4000 (7.1 only: no PLP)
 * BINARY/VARBINARY(n), BLOB      BIGVARBIN(n), n &gt; 8000: MAX IMAGE when &gt; 8000 (7.1 only)
 * DATE / TIME(s)                 DATEN / TIMEN(s)              NVARCHAR text
 * TIMESTAMP(3) (datetime)        DATETIMN 8                    same
 * TIMESTAMP(s) (datetime2)       DATETIME2N(s)                 NVARCHAR text
 * TIMESTAMP WITH TIME ZONE       DATETIMEOFFSETN(s)            NVARCHAR text
 * UUID                           GUID                          same
 * anything else (ARRAY, JSON..)  NVARCHAR(MAX) of getString    NTEXT
 * </pre>
 * H2 does not keep varchar and nvarchar apart (both are CHARACTER VARYING), so every character
 * column goes out as nvarchar; a datetime2(3) column is indistinguishable from datetime and goes out
 * as datetime.
 */
public final class ColumnMapper {
    private static final int NVARCHAR_MAX_CHARS = 4000;
    private static final int VARBINARY_MAX_BYTES = 8000;
    private static final TypeInfo NTEXT = new TypeInfo(TdsType.NTEXT, 0x7FFFFFFE, 0, 0, Collation.DEFAULT);
    private static final TypeInfo IMAGE = new TypeInfo(TdsType.IMAGE, 0x7FFFFFFF, 0, 0, null);

    private ColumnMapper() {
    }

    /** The TDS columns of a result. */
    public static List<MappedColumn> map(ResultSetMetaData md, ProtocolLevel level) throws SQLException {
        List<MappedColumn> out = new ArrayList<>(md.getColumnCount());
        for (int i = 1; i <= md.getColumnCount(); i++) {
            out.add(map(md, i, level));
        }
        return out;
    }

    private static MappedColumn map(ResultSetMetaData md, int i, ProtocolLevel level) throws SQLException {
        int flags = md.isNullable(i) == ResultSetMetaData.columnNoNulls ? 0 : Column.NULLABLE;
        if (md.isAutoIncrement(i)) {
            flags |= Column.IDENTITY;
        }
        String name = md.getColumnLabel(i);
        Mapping m = mapType(md, i, level);
        List<String> table = isText(m.type) ? List.of(nonNull(md.getTableName(i))) : List.of();
        return new MappedColumn(new Column(name, m.type, flags, 0, table), m.fetcher);
    }

    private record Mapping(TypeInfo type, ValueFetcher fetcher) {
    }

    private static Mapping mapType(ResultSetMetaData md, int i, ProtocolLevel level) throws SQLException {
        int jdbc = md.getColumnType(i);
        long precision = md.getPrecision(i);
        int scale = md.getScale(i);
        if ("UUID".equalsIgnoreCase(md.getColumnTypeName(i))) {
            // H2 reports UUID as Types.BINARY
            return new Mapping(TypeInfo.guid(), (rs, c) -> rs.getObject(c, UUID.class));
        }
        switch (jdbc) {
            case Types.TINYINT:
                return new Mapping(TypeInfo.intN(1), (rs, c) -> nullable(rs.getShort(c), rs.wasNull()));
            case Types.SMALLINT:
                return new Mapping(TypeInfo.intN(2), (rs, c) -> nullable(rs.getShort(c), rs.wasNull()));
            case Types.INTEGER:
                return new Mapping(TypeInfo.intN(4), (rs, c) -> nullable(rs.getInt(c), rs.wasNull()));
            case Types.BIGINT:
                return new Mapping(TypeInfo.intN(8), (rs, c) -> nullable(rs.getLong(c), rs.wasNull()));
            case Types.BOOLEAN:
            case Types.BIT:
                return new Mapping(TypeInfo.bitN(), (rs, c) -> nullable(rs.getBoolean(c), rs.wasNull()));
            case Types.REAL:
                return new Mapping(TypeInfo.floatN(4), (rs, c) -> nullable(rs.getFloat(c), rs.wasNull()));
            case Types.FLOAT:
            case Types.DOUBLE:
                return new Mapping(TypeInfo.floatN(8), (rs, c) -> nullable(rs.getDouble(c), rs.wasNull()));
            case Types.DECIMAL:
            case Types.NUMERIC:
                if ("DECFLOAT".equalsIgnoreCase(md.getColumnTypeName(i))) {
                    return new Mapping(TypeInfo.floatN(8), (rs, c) -> nullable(rs.getDouble(c), rs.wasNull()));
                }
                return decimal(precision, scale);
            case Types.CHAR:
            case Types.VARCHAR:
            case Types.NCHAR:
            case Types.NVARCHAR:
            case Types.LONGVARCHAR:
            case Types.LONGNVARCHAR:
            case Types.CLOB:
            case Types.NCLOB:
                return text(precision, level, (rs, c) -> rs.getString(c));
            case Types.BINARY:
            case Types.VARBINARY:
            case Types.LONGVARBINARY:
            case Types.BLOB:
                return binary(precision, level);
            case Types.DATE:
                return date(level);
            case Types.TIME:
                return time(Math.min(scale, 7), level);
            case Types.TIMESTAMP:
                return timestamp(scale, level);
            case Types.TIMESTAMP_WITH_TIMEZONE:
                return offsetTimestamp(Math.min(scale, 7), level);
            case Types.NULL:
                return new Mapping(TypeInfo.intN(4), (rs, c) -> null);
            default:
                return text(Long.MAX_VALUE, level, (rs, c) -> rs.getString(c));
        }
    }

    private static Mapping decimal(long precision, int scale) {
        int p = (int) Math.max(1, Math.min(precision, 38));
        int s = Math.max(0, Math.min(scale, p));
        return new Mapping(TypeInfo.decimalN(p, s), (rs, c) -> {
            BigDecimal v = rs.getBigDecimal(c);
            return v == null ? null : v.setScale(s, RoundingMode.HALF_UP);
        });
    }

    private static Mapping text(long maxChars, ProtocolLevel level, ValueFetcher fetcher) {
        if (maxChars >= 1 && maxChars <= NVARCHAR_MAX_CHARS) {
            return new Mapping(TypeInfo.nvarchar((int) maxChars), fetcher);
        }
        return new Mapping(level.atLeast72() ? TypeInfo.nvarcharMax() : NTEXT, fetcher);
    }

    private static Mapping binary(long maxBytes, ProtocolLevel level) {
        ValueFetcher fetcher = (rs, c) -> rs.getBytes(c);
        if (maxBytes >= 1 && maxBytes <= VARBINARY_MAX_BYTES) {
            return new Mapping(TypeInfo.varbinary((int) maxBytes), fetcher);
        }
        return new Mapping(level.atLeast72() ? TypeInfo.varbinaryMax() : IMAGE, fetcher);
    }

    private static Mapping date(ProtocolLevel level) {
        if (level.hasDateTimeTypes()) {
            return new Mapping(TypeInfo.date(), (rs, c) -> rs.getObject(c, LocalDate.class));
        }
        return new Mapping(TypeInfo.nvarchar(10), (rs, c) -> format(rs.getObject(c, LocalDate.class), DateTimeFormatter.ISO_LOCAL_DATE));
    }

    private static Mapping time(int scale, ProtocolLevel level) {
        if (level.hasDateTimeTypes()) {
            return new Mapping(TypeInfo.time(scale), (rs, c) -> rs.getObject(c, LocalTime.class));
        }
        DateTimeFormatter f = fraction(DateTimeFormatter.ofPattern("HH:mm:ss"), scale);
        return new Mapping(TypeInfo.nvarchar(16), (rs, c) -> format(rs.getObject(c, LocalTime.class), f));
    }

    private static Mapping timestamp(int scale, ProtocolLevel level) {
        if (scale == 3) {
            // datetime, smalldatetime's neighbour and what GETDATE() returns
            return new Mapping(TypeInfo.datetimeN(), (rs, c) -> rs.getObject(c, LocalDateTime.class));
        }
        int s = Math.min(scale, 7);
        if (level.hasDateTimeTypes()) {
            return new Mapping(TypeInfo.datetime2(s), (rs, c) -> rs.getObject(c, LocalDateTime.class));
        }
        DateTimeFormatter f = fraction(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"), s);
        return new Mapping(TypeInfo.nvarchar(27), (rs, c) -> format(rs.getObject(c, LocalDateTime.class), f));
    }

    private static Mapping offsetTimestamp(int scale, ProtocolLevel level) {
        if (level.hasDateTimeTypes()) {
            return new Mapping(TypeInfo.datetimeOffset(scale), (rs, c) -> rs.getObject(c, OffsetDateTime.class));
        }
        DateTimeFormatter f = new DateTimeFormatterBuilder()
                .append(fraction(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"), scale))
                .appendPattern(" xxx").toFormatter();
        return new Mapping(TypeInfo.nvarchar(34), (rs, c) -> format(rs.getObject(c, OffsetDateTime.class), f));
    }

    private static DateTimeFormatter fraction(DateTimeFormatter base, int scale) {
        DateTimeFormatterBuilder b = new DateTimeFormatterBuilder().append(base);
        if (scale > 0) {
            b.appendFraction(ChronoField.NANO_OF_SECOND, scale, scale, true);
        }
        return b.toFormatter();
    }

    private static String format(java.time.temporal.TemporalAccessor value, DateTimeFormatter f) {
        return value == null ? null : f.format(value);
    }

    private static Object nullable(Object value, boolean wasNull) {
        return wasNull ? null : value;
    }

    private static boolean isText(TypeInfo type) {
        return type.type() == TdsType.NTEXT || type.type() == TdsType.IMAGE || type.type() == TdsType.TEXT;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
