package io.tdsproxy.tds.types;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.UUID;
import java.util.stream.Stream;

import static io.tdsproxy.tds.types.TestBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exact encodings worked out from the layouts in MS-TDS 2.2.5.4-2.2.5.5 (byte order, sign byte,
 * day epochs, scales), so that a codec that merely agrees with itself cannot pass.
 */
class ValueCodecKnownBytesTest {

    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of(TypeInfo.fixed(TdsType.INT4), 1, "01 00 00 00"),
                Arguments.of(TypeInfo.intN(4), 1, "04 01 00 00 00"),
                Arguments.of(TypeInfo.intN(4), null, "00"),
                Arguments.of(TypeInfo.intN(1), (short) 255, "01 ff"),
                Arguments.of(TypeInfo.intN(2), (short) -2, "02 fe ff"),
                Arguments.of(TypeInfo.intN(8), -1L, "08 ff ff ff ff ff ff ff ff"),
                Arguments.of(TypeInfo.bitN(), true, "01 01"),
                Arguments.of(TypeInfo.floatN(8), 1.0d, "08 00 00 00 00 00 00 f0 3f"),
                Arguments.of(TypeInfo.floatN(4), 1.0f, "04 00 00 80 3f"),
                Arguments.of(TypeInfo.decimalN(5, 2), new BigDecimal("-1.23"), "05 00 7b 00 00 00"),
                Arguments.of(TypeInfo.decimalN(5, 2), new BigDecimal("1.23"), "05 01 7b 00 00 00"),
                Arguments.of(TypeInfo.decimalN(38, 0), new BigDecimal("99999999999999999999999999999999999999"),
                        "11 01 ff ff ff ff 3f 22 8a 09 7a c4 86 5a a8 4c 3b 4b"),
                Arguments.of(TypeInfo.decimalN(38, 0), new BigDecimal("-99999999999999999999999999999999999999"),
                        "11 00 ff ff ff ff 3f 22 8a 09 7a c4 86 5a a8 4c 3b 4b"),
                Arguments.of(TypeInfo.moneyN(8), new BigDecimal("1.0001"), "08 00 00 00 00 11 27 00 00"),
                Arguments.of(TypeInfo.moneyN(4), new BigDecimal("-1.0000"), "04 f0 d8 ff ff"),
                Arguments.of(TypeInfo.guid(), UUID.fromString("6F9619FF-8B86-D011-B42D-00C04FC964FF"),
                        "10 ff 19 96 6f 86 8b 11 d0 b4 2d 00 c0 4f c9 64 ff"),
                Arguments.of(TypeInfo.date(), LocalDate.of(1, 1, 1), "03 00 00 00"),
                Arguments.of(TypeInfo.date(), LocalDate.of(1900, 1, 1), "03 5b 95 0a"),
                Arguments.of(TypeInfo.time(7), LocalTime.of(12, 34, 56, 123_456_700), "05 87 ee 97 76 69"),
                Arguments.of(TypeInfo.time(0), LocalTime.of(23, 0), "03 70 43 01"),
                Arguments.of(TypeInfo.datetime2(3), LocalDateTime.of(2000, 1, 1, 0, 0, 0, 1_000_000), "07 01 00 00 00 07 24 0b"),
                Arguments.of(TypeInfo.datetimeOffset(0), OffsetDateTime.of(2020, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(1)),
                        "08 70 43 01 8f 40 0b 3c 00"),
                Arguments.of(TypeInfo.datetimeN(), LocalDateTime.of(1900, 1, 1, 0, 0), "08 00 00 00 00 00 00 00 00"),
                Arguments.of(TypeInfo.datetimeN(), LocalDateTime.of(2000, 1, 1, 12, 0), "08 ac 8e 00 00 00 c1 c5 00"),
                Arguments.of(TypeInfo.datetimeN(4), LocalDateTime.of(1900, 1, 2, 0, 1), "04 01 00 01 00"),
                Arguments.of(TypeInfo.nvarchar(10), "ab", "04 00 61 00 62 00"),
                Arguments.of(TypeInfo.nvarchar(10), null, "ff ff"),
                Arguments.of(TypeInfo.varchar(10), "\u00e9", "01 00 e9"),
                Arguments.of(TypeInfo.nvarcharMax(), "ab", "04 00 00 00 00 00 00 00 04 00 00 00 61 00 62 00 00 00 00 00"),
                Arguments.of(TypeInfo.nvarcharMax(), "", "00 00 00 00 00 00 00 00 00 00 00 00"),
                Arguments.of(TypeInfo.varbinaryMax(), null, "ff ff ff ff ff ff ff ff"),
                Arguments.of(new TypeInfo(TdsType.NTEXT, 100, 0, 0, Collation.DEFAULT), "a", "02 00 00 00 61 00"),
                Arguments.of(new TypeInfo(TdsType.IMAGE, 100, 0, 0, null), null, "ff ff ff ff"));
    }

    @ParameterizedTest(name = "{0} {1} = {2}")
    @MethodSource("values")
    void writesAndReadsTheSpecifiedBytes(TypeInfo type, Object value, String expected) {
        assertThat(hex(TestBytes.encode(out -> ValueCodec.write(out, type, value)))).isEqualTo(expected.replace(" ", ""));
        Object read = TestBytes.decodeAll(hex(expected), in -> Collections.singletonList(ValueCodec.read(in, type))).get(0);
        if (value instanceof OffsetDateTime) {
            assertThat(((OffsetDateTime) read).isEqual((OffsetDateTime) value)).isTrue();
        } else {
            assertThat(read).isEqualTo(value);
        }
    }

    @Test
    void datetimeRoundsToThreeHundredthsAndReadsBackToTheMillisecond() {
        // 2 ms is 0.6 ticks: it rounds to 1 tick, which reads back as 3 ms (SQL Server shows .003).
        TypeInfo type = TypeInfo.datetimeN();
        byte[] wire = TestBytes.encode(out -> ValueCodec.write(out, type, LocalDateTime.of(1900, 1, 1, 0, 0, 0, 2_000_000)));
        assertThat(hex(wire)).isEqualTo("080000000001000000");
        assertThat(TestBytes.<Object>decodeAll(wire, in -> ValueCodec.read(in, type)))
                .isEqualTo(LocalDateTime.of(1900, 1, 1, 0, 0, 0, 3_000_000));
    }

    @Test
    void datetimeCarriesIntoTheNextDayWhenTicksRoundUp() {
        TypeInfo type = TypeInfo.datetimeN();
        byte[] wire = TestBytes.encode(out -> ValueCodec.write(out, type, LocalDateTime.of(1900, 1, 1, 23, 59, 59, 999_000_000)));
        assertThat(hex(wire)).isEqualTo("080100000000000000");
    }

    @Test
    void timeTruncatesDigitsBeyondItsScale() {
        TypeInfo type = TypeInfo.time(1);
        byte[] wire = TestBytes.encode(out -> ValueCodec.write(out, type, LocalTime.of(0, 0, 0, 199_999_999)));
        assertThat(hex(wire)).isEqualTo("03010000");
    }

    @Test
    void decimalRoundsHalfUpToTheScale() {
        TypeInfo type = TypeInfo.decimalN(5, 1);
        byte[] wire = TestBytes.encode(out -> ValueCodec.write(out, type, new BigDecimal("-0.05")));
        assertThat(TestBytes.<Object>decodeAll(wire, in -> ValueCodec.read(in, type))).isEqualTo(new BigDecimal("-0.1"));
    }

    @Test
    void textInARowCarriesAPointerAndTimestamp() {
        TypeInfo type = new TypeInfo(TdsType.TEXT, 0x7FFFFFFF, 0, 0, Collation.DEFAULT);
        byte[] wire = TestBytes.encode(out -> ValueCodec.writeInRow(out, type, "hi"));
        assertThat(hex(wire)).isEqualTo("10" + "00".repeat(16) + "00".repeat(8) + "02000000" + "6869");
        assertThat(hex(TestBytes.encode(out -> ValueCodec.writeInRow(out, type, null)))).isEqualTo("00");
    }
}
