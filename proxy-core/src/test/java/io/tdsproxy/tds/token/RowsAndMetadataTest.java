package io.tdsproxy.tds.token;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.tdsproxy.tds.ProtocolException;
import io.tdsproxy.tds.types.Collation;
import io.tdsproxy.tds.types.Column;
import io.tdsproxy.tds.types.TdsType;
import io.tdsproxy.tds.types.TestBytes;
import io.tdsproxy.tds.types.TypeInfo;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import static io.tdsproxy.tds.types.TestBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** COLMETADATA, ROW and NBCROW over a wide row of every supported type, and row-at-a-time streaming. */
class RowsAndMetadataTest {
    private static final List<Column> COLUMNS = List.of(
            Column.nullable("i", TypeInfo.intN(4)),
            Column.nullable("big", TypeInfo.intN(8)),
            Column.nullable("t", TypeInfo.intN(1)),
            Column.nullable("b", TypeInfo.bitN()),
            Column.nullable("f", TypeInfo.floatN(8)),
            Column.nullable("d", TypeInfo.decimalN(38, 6)),
            Column.nullable("s", TypeInfo.nvarchar(50)),
            Column.nullable("smax", TypeInfo.nvarcharMax()),
            Column.nullable("v", TypeInfo.varchar(30)),
            Column.nullable("bin", TypeInfo.varbinaryMax()),
            Column.nullable("dt", TypeInfo.date()),
            Column.nullable("tm", TypeInfo.time(3)),
            Column.nullable("dt2", TypeInfo.datetime2(7)),
            Column.nullable("old", TypeInfo.datetimeN()),
            Column.nullable("g", TypeInfo.guid()),
            new Column("n", TypeInfo.fixed(TdsType.INT4), 0),
            new Column("txt", new TypeInfo(TdsType.NTEXT, 0x7FFFFFFE, 0, 0, Collation.DEFAULT), Column.NULLABLE, 0,
                    List.of("db", "dbo", "tbl")));

    private static final Object[] ROW = {
        -7, 1L << 40, (short) 250, true, -2.5d, new BigDecimal("-12345678901234567890123456789012.123456"),
        "n\u00e4me", "big ".repeat(1200), "plain", new byte[] {1, 2, 3}, LocalDate.of(2026, 1, 31),
        LocalTime.of(1, 2, 3, 4_000_000), LocalDateTime.of(2026, 1, 31, 23, 59, 59, 999_999_900),
        LocalDateTime.of(2026, 1, 31, 8, 0), UUID.randomUUID(), 9, "ntext in a row"};

    @Test
    void metadataRoundTripsIncludingTextTableNames() {
        byte[] wire = TestBytes.encode(out -> ColumnMetadata.encode(out, COLUMNS));
        assertThat(TestBytes.<List<Column>>decodeAll(wire, in -> ColumnMetadata.decode(in))).isEqualTo(COLUMNS);
        TestBytes.assertEveryTruncationFails(wire, ColumnMetadata::decode);
    }

    @Test
    void noMetadata() {
        byte[] wire = TestBytes.encode(out -> ColumnMetadata.encode(out, List.of()));
        assertThat(hex(wire)).isEqualTo("81ffff");
        assertThat(TestBytes.<List<Column>>decodeAll(wire, in -> ColumnMetadata.decode(in))).isEmpty();
    }

    @Test
    void rowAndNbcRowRoundTrip() {
        Object[] nulls = ROW.clone();
        for (int i = 0; i < nulls.length; i += 2) {
            if (COLUMNS.get(i).isNullable()) {
                nulls[i] = null;
            }
        }
        for (Object[] values : List.of(ROW, nulls)) {
            byte[] row = TestBytes.encode(out -> RowToken.encode(out, COLUMNS, values));
            byte[] nbc = TestBytes.encode(out -> RowToken.encodeNbc(out, COLUMNS, values));
            assertThat(TestBytes.<Object[]>decodeAll(row, in -> RowToken.decode(in, COLUMNS))).containsExactly(values);
            assertThat(TestBytes.<Object[]>decodeAll(nbc, in -> RowToken.decode(in, COLUMNS))).containsExactly(values);
            TestBytes.assertEveryTruncationFails(row, in -> RowToken.decode(in, COLUMNS));
            TestBytes.assertEveryTruncationFails(nbc, in -> RowToken.decode(in, COLUMNS));
        }
    }

    @Test
    void nbcRowBitmapMarksNullsLeastSignificantBitFirst() {
        List<Column> cols = List.of(Column.nullable("a", TypeInfo.intN(4)), Column.nullable("b", TypeInfo.intN(4)));
        assertThat(hex(TestBytes.encode(out -> RowToken.encodeNbc(out, cols, new Object[] {null, 5}))))
                .isEqualTo("d2" + "01" + "0405000000");
        assertThat(hex(TestBytes.encode(out -> RowToken.encode(out, cols, new Object[] {null, 5}))))
                .isEqualTo("d1" + "00" + "0405000000");
    }

    @Test
    void rowsStreamOneAtATimeThroughOneBuffer() {
        List<Column> cols = List.of(new Column("n", TypeInfo.fixed(TdsType.INT4), 0), Column.nullable("s", TypeInfo.nvarchar(20)));
        ByteBuf out = PooledByteBufAllocator.DEFAULT.directBuffer();
        try {
            ColumnMetadata.encode(out, cols);
            int rows = 0;
            for (int i = 0; i < 2000; i++) {
                RowToken.encode(out, cols, new Object[] {i, i % 3 == 0 ? null : "row " + i});
                rows++;
                if (out.readableBytes() > 4096) {
                    // What a streaming server does: hand off what it has, keep writing.
                    out.discardReadBytes();
                }
            }
            Done.selectCount(0, rows).encode(out);
            TokenReader reader = new TokenReader();
            assertThat(reader.next(out).type()).isEqualTo(TokenType.COLMETADATA);
            for (int i = 0; i < 2000; i++) {
                assertThat(reader.next(out).as(Object[].class)).containsExactly(i, i % 3 == 0 ? null : "row " + i);
            }
            assertThat(reader.next(out).as(Done.class).rowCount()).isEqualTo(2000);
            assertThat(reader.next(out)).isNull();
        } finally {
            out.release();
        }
    }

    @Test
    void rejectedRowLeavesTheBufferAsItWas() {
        byte[] wire = TestBytes.encode(out -> {
            out.writeByte(0x42);
            Object[] bad = ROW.clone();
            bad[15] = null;
            assertThatThrownBy(() -> RowToken.encode(out, COLUMNS, bad)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> RowToken.encode(out, COLUMNS, new Object[1])).isInstanceOf(IllegalArgumentException.class);
        });
        assertThat(hex(wire)).isEqualTo("42");
    }

    @Test
    void encryptedColumnMetadataIsRefused() {
        assertThatThrownBy(() -> TestBytes.decodeAll(hex("810100" + "00000000" + "0008" + "3800"), ColumnMetadata::decode))
                .isInstanceOf(ProtocolException.class);
    }
}
