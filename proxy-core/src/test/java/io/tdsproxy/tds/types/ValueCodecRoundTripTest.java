package io.tdsproxy.tds.types;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every TypeInfo the codec writes, with representative values and NULL: TYPE_INFO and value
 * round trip, in both the parameter and the ROW layout, and every truncation is a ProtocolException.
 */
class ValueCodecRoundTripTest {

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        add(all, TypeInfo.intN(1), (short) 0, (short) 255, (short) 7);
        add(all, TypeInfo.intN(2), Short.MIN_VALUE, Short.MAX_VALUE, (short) -1);
        add(all, TypeInfo.intN(4), Integer.MIN_VALUE, Integer.MAX_VALUE, 1);
        add(all, TypeInfo.intN(8), Long.MIN_VALUE, Long.MAX_VALUE, 0L);
        add(all, TypeInfo.bitN(), true, false);
        add(all, TypeInfo.floatN(4), 1.5f, -0.0f, Float.MAX_VALUE, Float.NaN);
        add(all, TypeInfo.floatN(8), Math.PI, -1e300, Double.MIN_VALUE, Double.NEGATIVE_INFINITY);
        add(all, TypeInfo.decimalN(38, 0), new BigDecimal("99999999999999999999999999999999999999"),
                new BigDecimal("-99999999999999999999999999999999999999"), BigDecimal.ZERO);
        add(all, TypeInfo.decimalN(38, 38), new BigDecimal("0.99999999999999999999999999999999999999"),
                new BigDecimal("-0.00000000000000000000000000000000000001"));
        add(all, TypeInfo.decimalN(9, 2), new BigDecimal("-1234567.89"), new BigDecimal("0.05"));
        add(all, TypeInfo.decimalN(19, 4), new BigDecimal("-922337203685477.5808"));
        add(all, TypeInfo.decimalN(28, 10), new BigDecimal("-123456789012345678.0123456789"));
        add(all, TypeInfo.numericN(18, 3), new BigDecimal("-0.001"), new BigDecimal("123456789012345.678"));
        add(all, TypeInfo.moneyN(8), new BigDecimal("-922337203685477.5808"), new BigDecimal("922337203685477.5807"));
        add(all, TypeInfo.moneyN(4), new BigDecimal("-214748.3648"), new BigDecimal("214748.3647"));
        add(all, TypeInfo.nvarchar(10), "", "héllo", "\uD83D\uDE00 emoji");
        add(all, TypeInfo.nvarchar(4000), "x".repeat(4000));
        add(all, TypeInfo.nvarcharMax(), "", "short", "long ".repeat(3400));
        add(all, TypeInfo.nchar(3), "abc");
        add(all, TypeInfo.varchar(20), "", "caf\u00e9 latin-1");
        add(all, TypeInfo.varcharMax(), "", "x".repeat(20000));
        add(all, TypeInfo.varbinary(8), new byte[0], new byte[] {0, (byte) 0xFF, 1});
        add(all, TypeInfo.varbinaryMax(), new byte[0], bytes(17_000));
        add(all, TypeInfo.binary(4), new byte[] {1, 2, 3, 4});
        add(all, TypeInfo.date(), LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31), LocalDate.of(2026, 2, 29 - 1));
        for (int scale = 0; scale <= 7; scale++) {
            long unit = (long) Math.pow(10, 9 - scale);
            LocalTime fine = LocalTime.ofNanoOfDay((86_399_999_999_999L / unit) * unit);
            add(all, TypeInfo.time(scale), LocalTime.MIDNIGHT, fine, LocalTime.of(12, 34, 56));
            add(all, TypeInfo.datetime2(scale), LocalDateTime.of(1, 1, 1, 0, 0),
                    LocalDateTime.of(LocalDate.of(9999, 12, 31), fine));
            add(all, TypeInfo.datetimeOffset(scale),
                    OffsetDateTime.of(LocalDateTime.of(LocalDate.of(2020, 1, 1), fine), ZoneOffset.ofHoursMinutes(-14, 0)),
                    OffsetDateTime.of(2020, 6, 30, 23, 0, 0, 0, ZoneOffset.ofHoursMinutes(5, 30)));
        }
        add(all, TypeInfo.datetimeN(), LocalDateTime.of(1753, 1, 1, 0, 0), LocalDateTime.of(9999, 12, 31, 23, 59, 59, 997_000_000),
                LocalDateTime.of(2000, 1, 1, 12, 0, 0, 3_000_000), LocalDateTime.of(1899, 12, 31, 0, 0, 0, 7_000_000));
        add(all, TypeInfo.datetimeN(4), LocalDateTime.of(1900, 1, 1, 0, 0), LocalDateTime.of(2079, 6, 6, 23, 59));
        add(all, TypeInfo.guid(), UUID.fromString("6F9619FF-8B86-D011-B42D-00C04FC964FF"), new UUID(-1L, 1L));
        add(all, new TypeInfo(TdsType.NTEXT, 0x7FFFFFFF, 0, 0, Collation.DEFAULT), "", "ntext value");
        add(all, new TypeInfo(TdsType.TEXT, 0x7FFFFFFF, 0, 0, Collation.DEFAULT), "", "text value");
        add(all, new TypeInfo(TdsType.IMAGE, 0x7FFFFFFF, 0, 0, null), new byte[0], bytes(300));
        add(all, new TypeInfo(TdsType.VARCHAR, 255, 0, 0, null), "legacy");
        add(all, new TypeInfo(TdsType.VARBINARY, 255, 0, 0, null), new byte[] {9});
        addNotNull(all, TypeInfo.fixed(TdsType.INT1), (short) 200);
        addNotNull(all, TypeInfo.fixed(TdsType.INT2), (short) -2);
        addNotNull(all, TypeInfo.fixed(TdsType.INT4), 1);
        addNotNull(all, TypeInfo.fixed(TdsType.INT8), -3L);
        addNotNull(all, TypeInfo.fixed(TdsType.BIT), true);
        addNotNull(all, TypeInfo.fixed(TdsType.FLT4), 2.5f);
        addNotNull(all, TypeInfo.fixed(TdsType.FLT8), 2.25d);
        addNotNull(all, TypeInfo.fixed(TdsType.MONEY), new BigDecimal("-1.0001"));
        addNotNull(all, TypeInfo.fixed(TdsType.MONEY4), new BigDecimal("1.5000"));
        addNotNull(all, TypeInfo.fixed(TdsType.DATETIME), LocalDateTime.of(2024, 2, 29, 23, 59, 59, 997_000_000));
        addNotNull(all, TypeInfo.fixed(TdsType.DATETIM4), LocalDateTime.of(2024, 2, 29, 23, 59));
        all.add(Arguments.of(TypeInfo.fixed(TdsType.NULL), null));
        return all.stream();
    }

    private static void add(List<Arguments> all, TypeInfo type, Object... values) {
        addNotNull(all, type, values);
        all.add(Arguments.of(type, null));
    }

    private static void addNotNull(List<Arguments> all, TypeInfo type, Object... values) {
        for (Object v : values) {
            all.add(Arguments.of(type, v));
        }
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    @ParameterizedTest(name = "{0} <- {1}")
    @MethodSource("cases")
    void typeInfoRoundTrips(TypeInfo type, Object ignored) {
        byte[] wire = TestBytes.encode(type::encode);
        assertThat(TestBytes.decodeAll(wire, TypeInfo::decode)).isEqualTo(type);
        TestBytes.assertEveryTruncationFails(wire, TypeInfo::decode);
    }

    @ParameterizedTest(name = "{0} <- {1}")
    @MethodSource("cases")
    void parameterLayoutRoundTrips(TypeInfo type, Object value) {
        byte[] wire = TestBytes.encode(out -> ValueCodec.write(out, type, value));
        assertSameValue(TestBytes.decodeAll(wire, in -> Collections.singletonList(ValueCodec.read(in, type))).get(0), value);
        if (wire.length > 0) {
            TestBytes.assertEveryTruncationFails(wire, in -> ValueCodec.read(in, type));
        }
    }

    @ParameterizedTest(name = "{0} <- {1}")
    @MethodSource("cases")
    void rowLayoutRoundTrips(TypeInfo type, Object value) {
        byte[] wire = TestBytes.encode(out -> ValueCodec.writeInRow(out, type, value));
        assertSameValue(TestBytes.decodeAll(wire, in -> Collections.singletonList(ValueCodec.readInRow(in, type))).get(0), value);
        if (wire.length > 0) {
            TestBytes.assertEveryTruncationFails(wire, in -> ValueCodec.readInRow(in, type));
        }
    }

    @ParameterizedTest(name = "{0} <- {1}")
    @MethodSource("cases")
    void multiChunkPlpRoundTrips(TypeInfo type, Object value) {
        byte[] wire = TestBytes.encode(out -> ValueCodec.write(out, type, value, 3));
        assertSameValue(TestBytes.decodeAll(wire, in -> Collections.singletonList(ValueCodec.read(in, type))).get(0), value);
    }

    private static void assertSameValue(Object read, Object written) {
        if (written instanceof OffsetDateTime) {
            assertThat(read).isInstanceOf(OffsetDateTime.class);
            assertThat(((OffsetDateTime) read).toInstant()).isEqualTo(((OffsetDateTime) written).toInstant());
            assertThat(((OffsetDateTime) read).getOffset()).isEqualTo(((OffsetDateTime) written).getOffset());
        } else {
            assertThat(read).isEqualTo(written);
        }
    }
}
