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
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Stream;

import static io.tdsproxy.tds.types.TestBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * TYPE_INFO + value pairs in the shapes RPC clients send (mssql-jdbc: INTN/BITN/FLTN/DECIMALN with
 * length 17, NVARCHAR 8000 or PLP with unknown length and odd chunking, DATETIMEOFFSETN, GUID;
 * jTDS: NTEXT/TEXT/IMAGE with LONGLEN lengths, legacy DECIMAL; fixed types), built by hand from the
 * MS-TDS layouts, decoded in one pass as a server reads a parameter.
 */
class RpcParameterDecodeTest {
    private static final String COLL = " 09 04 d0 00 34 ";

    static Stream<Arguments> parameters() {
        return Stream.of(
                Arguments.of("38 2a 00 00 00", 42),
                Arguments.of("30 c8", (short) 200),
                Arguments.of("34 ff 7f", Short.MAX_VALUE),
                Arguments.of("7f 01 00 00 00 00 00 00 80", Long.MIN_VALUE + 1),
                Arguments.of("32 01", true),
                Arguments.of("3b 00 00 c0 3f", 1.5f),
                Arguments.of("3e 00 00 00 00 00 00 04 40", 2.5d),
                Arguments.of("3d ac 8e 00 00 00 c1 c5 00", LocalDateTime.of(2000, 1, 1, 12, 0)),
                Arguments.of("3a 01 00 3c 00", LocalDateTime.of(1900, 1, 2, 1, 0)),
                Arguments.of("3c 00 00 00 00 10 27 00 00", new BigDecimal("1.0000")),
                Arguments.of("7a 10 27 00 00", new BigDecimal("1.0000")),
                Arguments.of("1f", null),
                Arguments.of("26 04 04 2a 00 00 00", 42),
                Arguments.of("26 08 00", null),
                Arguments.of("68 01 01 00", false),
                Arguments.of("6d 08 04 00 00 c0 3f", 1.5f),
                Arguments.of("6e 08 08 00 00 00 00 10 27 00 00", new BigDecimal("1.0000")),
                Arguments.of("6f 08 04 01 00 3c 00", LocalDateTime.of(1900, 1, 2, 1, 0)),
                Arguments.of("6a 11 26 02 11 00 7b" + " 00".repeat(15), new BigDecimal("-1.23")),
                Arguments.of("6c 11 26 00 00", null),
                Arguments.of("37 05 09 02 05 01 7b 00 00 00", new BigDecimal("1.23")),
                Arguments.of("3f 05 09 02 00", null),
                Arguments.of("e7 40 1f" + COLL + "0a 00 68 00 65 00 6c 00 6c 00 6f 00", "hello"),
                Arguments.of("e7 40 1f" + COLL + "ff ff", null),
                Arguments.of("e7 ff ff" + COLL + "fe ff ff ff ff ff ff ff 02 00 00 00 41 00 01 00 00 00 42 01 00 00 00 00 00 00 00 00", "AB"),
                Arguments.of("e7 ff ff" + COLL + "ff ff ff ff ff ff ff ff", null),
                Arguments.of("a7 40 1f" + COLL + "03 00 61 62 63", "abc"),
                Arguments.of("a7 ff ff" + COLL + "03 00 00 00 00 00 00 00 01 00 00 00 61 02 00 00 00 62 63 00 00 00 00", "abc"),
                Arguments.of("af 0a 00" + COLL + "03 00 61 62 63", "abc"),
                Arguments.of("ef 14 00" + COLL + "02 00 61 00", "a"),
                Arguments.of("a5 40 1f 02 00 01 02", new byte[] {1, 2}),
                Arguments.of("a5 ff ff ff ff ff ff ff ff ff ff", null),
                Arguments.of("a5 ff ff fe ff ff ff ff ff ff ff 00 00 00 00", new byte[0]),
                Arguments.of("ad 04 00 02 00 01 02", new byte[] {1, 2}),
                Arguments.of("63 10 00 00 00" + COLL + "04 00 00 00 61 00 62 00", "ab"),
                Arguments.of("63 10 00 00 00" + COLL + "ff ff ff ff", null),
                Arguments.of("23 10 00 00 00" + COLL + "02 00 00 00 61 62", "ab"),
                Arguments.of("22 10 00 00 00 01 00 00 00 ff", new byte[] {(byte) 0xff}),
                Arguments.of("28 03 5b 95 0a", LocalDate.of(1900, 1, 1)),
                Arguments.of("28 00", null),
                Arguments.of("29 07 05 87 ee 97 76 69", LocalTime.of(12, 34, 56, 123_456_700)),
                Arguments.of("2a 03 07 01 00 00 00 07 24 0b", LocalDateTime.of(2000, 1, 1, 0, 0, 0, 1_000_000)),
                Arguments.of("2b 00 08 70 43 01 8f 40 0b 3c 00", OffsetDateTime.of(2020, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(1))),
                Arguments.of("24 10 10 ff 19 96 6f 86 8b 11 d0 b4 2d 00 c0 4f c9 64 ff",
                        UUID.fromString("6F9619FF-8B86-D011-B42D-00C04FC964FF")),
                Arguments.of("27 ff 02 68 69", "hi"),
                Arguments.of("2f 0a 00", null),
                Arguments.of("25 ff 01 07", new byte[] {7}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parameters")
    void decodesTheParameterAndConsumesExactlyItsBytes(String wire, Object expected) {
        byte[] bytes = hex(wire);
        Object value = TestBytes.decodeAll(bytes, in -> Arrays.asList(ValueCodec.read(in, TypeInfo.decode(in)))).get(0);
        if (expected instanceof OffsetDateTime) {
            assertThat(((OffsetDateTime) value).isEqual((OffsetDateTime) expected)).isTrue();
        } else {
            assertThat(value).isEqualTo(expected);
        }
        TestBytes.assertEveryTruncationFails(bytes, in -> ValueCodec.read(in, TypeInfo.decode(in)));
    }
}
