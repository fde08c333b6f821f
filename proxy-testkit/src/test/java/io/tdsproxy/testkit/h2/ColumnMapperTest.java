package io.tdsproxy.testkit.h2;

import io.tdsproxy.tds.types.Collation;
import io.tdsproxy.tds.types.Column;
import io.tdsproxy.tds.types.TdsType;
import io.tdsproxy.tds.types.TypeInfo;
import io.tdsproxy.testkit.wire.ProtocolLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ColumnMapperTest {
    private static final String COLUMNS = "i int, b bigint, sm smallint, ti tinyint, bt bit, f float, r real, "
            + "d decimal(12,3), nv nvarchar(50), nvm nvarchar(max), vb varbinary(10), vbm varbinary(max), dt date, "
            + "tm time(7), dt2 datetime2(7), dtm datetime, u uniqueidentifier, n int not null";
    private static H2Database db;
    private static Connection c;

    @BeforeAll
    static void open() throws SQLException {
        db = H2Database.create("mapper");
        c = db.open();
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (" + COLUMNS + ")");
            s.execute("INSERT INTO t VALUES (1, 2, 3, 4, 1, 1.5, 2.5, 1.2345, N'x', N'y', 0x01, 0x02, '2024-02-29', "
                    + "'01:02:03.1234567', '2024-02-29 01:02:03.1234567', '2024-02-29 01:02:03.123', "
                    + "'6F9619FF-8B86-D011-B42D-00C04FC964FF', 9)");
        }
    }

    @AfterAll
    static void close() throws SQLException {
        c.close();
        db.close();
    }

    private static List<MappedColumn> map(ProtocolLevel level) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM t")) {
            return ColumnMapper.map(rs.getMetaData(), level);
        }
    }

    private static List<TypeInfo> types(List<MappedColumn> columns) {
        return columns.stream().map(m -> m.column().type()).collect(Collectors.toList());
    }

    @Test
    void tds74TypesMatchWhatSqlServerSends() throws SQLException {
        assertThat(types(map(ProtocolLevel.V7_4))).containsExactly(
                TypeInfo.intN(4), TypeInfo.intN(8), TypeInfo.intN(2), TypeInfo.intN(1), TypeInfo.bitN(),
                TypeInfo.floatN(8), TypeInfo.floatN(4), TypeInfo.decimalN(12, 3), TypeInfo.nvarchar(50),
                TypeInfo.nvarcharMax(), TypeInfo.varbinary(10), TypeInfo.varbinaryMax(), TypeInfo.date(),
                TypeInfo.time(7), TypeInfo.datetime2(7), TypeInfo.datetimeN(), TypeInfo.guid(), TypeInfo.intN(4));
    }

    @Test
    void tds71HasNoPlpAndNoNewDateTypes() throws SQLException {
        List<TypeInfo> t = types(map(ProtocolLevel.V7_1));
        assertThat(t.get(9).type()).isEqualTo(TdsType.NTEXT);
        assertThat(t.get(9).collation()).isEqualTo(Collation.DEFAULT);
        assertThat(t.get(11).type()).isEqualTo(TdsType.IMAGE);
        assertThat(t.subList(12, 15)).allMatch(x -> x.type() == TdsType.NVARCHAR);
        assertThat(t.get(15)).isEqualTo(TypeInfo.datetimeN());
    }

    @Test
    void tds72HasPlpButNoNewDateTypes() throws SQLException {
        List<TypeInfo> t = types(map(ProtocolLevel.V7_2));
        assertThat(t.get(9)).isEqualTo(TypeInfo.nvarcharMax());
        assertThat(t.get(11)).isEqualTo(TypeInfo.varbinaryMax());
        assertThat(t.subList(12, 15)).allMatch(x -> x.type() == TdsType.NVARCHAR);
    }

    @Test
    void nullabilityNamesAndFetchedValues() throws SQLException {
        List<MappedColumn> m = map(ProtocolLevel.V7_4);
        assertThat(m.get(0).column().name()).isEqualTo("i");
        assertThat(m.get(0).column().flags() & Column.NULLABLE).isEqualTo(Column.NULLABLE);
        assertThat(m.get(17).column().flags() & Column.NULLABLE).isZero();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM t")) {
            assertThat(rs.next()).isTrue();
            assertThat(m.get(3).fetcher().fetch(rs, 4)).isEqualTo((short) 4);
            assertThat(m.get(7).fetcher().fetch(rs, 8)).isEqualTo(new BigDecimal("1.235"));
            assertThat(m.get(12).fetcher().fetch(rs, 13)).isEqualTo(LocalDate.of(2024, 2, 29));
            assertThat(m.get(16).fetcher().fetch(rs, 17)).isEqualTo(UUID.fromString("6F9619FF-8B86-D011-B42D-00C04FC964FF"));
        }
        List<MappedColumn> legacy = map(ProtocolLevel.V7_1);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM t")) {
            assertThat(rs.next()).isTrue();
            assertThat(legacy.get(13).fetcher().fetch(rs, 14)).isEqualTo("01:02:03.1234567");
            assertThat(legacy.get(14).fetcher().fetch(rs, 15)).isEqualTo("2024-02-29 01:02:03.1234567");
        }
    }

    @Test
    void expressionsGetUnnamedColumnsAndSensibleTypes() throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1, 'abc', 1.5, 1e0, NULL, SUM(i), GETDATE(), CAST(1 AS NVARCHAR(MAX)) FROM t")) {
            List<MappedColumn> m = ColumnMapper.map(rs.getMetaData(), ProtocolLevel.V7_4);
            assertThat(m).allMatch(x -> x.column().name().isEmpty());
            assertThat(types(m)).containsExactly(TypeInfo.intN(4), TypeInfo.nvarchar(3), TypeInfo.decimalN(2, 1),
                    TypeInfo.floatN(8), TypeInfo.intN(4), m.get(5).column().type(), TypeInfo.datetimeN(),
                    TypeInfo.nvarcharMax());
            assertThat(m.get(5).column().type().type()).isEqualTo(TdsType.INTN);
        }
    }
}
