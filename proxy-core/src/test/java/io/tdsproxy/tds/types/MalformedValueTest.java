package io.tdsproxy.tds.types;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.tdsproxy.tds.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.LocalDate;

import static io.tdsproxy.tds.types.TestBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Malformed TYPE_INFO and values from the wire are ProtocolExceptions; values a caller hands the
 * writer that do not fit are IllegalArgumentExceptions and leave the output buffer unchanged.
 */
class MalformedValueTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "00", "f1 00", "62 00 00 00 00", "f0", "26 03", "68 02", "6d 05", "6e 02", "6f 01", "24 08",
        "29 08", "2a 09", "2b ff", "6a 11 27 00", "6a 11 05 06", "6a 00 05 02", "6c 12 26 00", "6a 11 00 00"})
    void badTypeInfoIsAProtocolException(String wire) {
        assertThatThrownBy(() -> TestBytes.decodeAll(hex(wire), TypeInfo::decode)).isInstanceOf(ProtocolException.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "26 04 03 01 02 03",                         // INTN value of 3 bytes
        "68 01 02 01 01",                            // BITN value of 2 bytes
        "6d 08 05 00 00 00 00 00",                   // FLTN value of 5 bytes
        "24 10 08 00 00 00 00 00 00 00 00",          // GUID value of 8 bytes
        "28 02 00 00",                               // DATEN value of 2 bytes
        "28 03 ff ff ff",                            // DATEN past 9999-12-31
        "29 07 03 00 00 00",                         // TIMEN(7) value of 3 bytes
        "29 00 03 80 51 01",                         // TIMEN(0) 86400 s: not within a day
        "2b 00 08 00 00 00 00 00 00 00 04",          // DATETIMEOFFSET offset 1024 minutes
        "3d 00 00 00 00 00 82 8b 01",                // DATETIME ticks 25920000: not within a day
        "3a 00 00 a0 05",                            // SMALLDATETIME minute 1440
        "6a 11 26 00 05 02 00 00 00 00",             // decimal sign byte 2
        "6a 11 26 00 01 01",                         // decimal value of 1 byte
        "6a 11 26 00 12 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00",    // decimal value of 18 bytes
        "e7 40 1f 09 04 d0 00 34 03 00 61 00 62",    // NVARCHAR odd byte length
        "e7 ff ff 09 04 d0 00 34 02 00 00 00 00 00 00 00 01 00 00 00 61 00 00 00 00",        // PLP shorter than declared
        "e7 ff ff 09 04 d0 00 34 01 00 00 00 00 00 00 00 02 00 00 00 61 00 00 00 00 00",     // PLP longer than declared
        "a5 ff ff 00 00 00 80 00 00 00 00",          // PLP length 2^31
        "22 10 00 00 00 fe ff ff ff",                // IMAGE negative length
    })
    void badValueIsAProtocolException(String wire) {
        assertThatThrownBy(() -> TestBytes.decodeAll(hex(wire), in -> ValueCodec.read(in, TypeInfo.decode(in))))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void rejectedValuesLeaveTheBufferAsItWas() {
        ByteBuf out = PooledByteBufAllocator.DEFAULT.directBuffer();
        try {
            out.writeByte(0x77);
            assertRejected(out, TypeInfo.intN(1), (short) 256);
            assertRejected(out, TypeInfo.intN(1), -1);
            assertRejected(out, TypeInfo.intN(2), 40_000);
            assertRejected(out, TypeInfo.intN(4), 1.5d);
            assertRejected(out, TypeInfo.intN(4), "1");
            assertRejected(out, TypeInfo.fixed(TdsType.INT4), null);
            assertRejected(out, TypeInfo.decimalN(3, 1), new BigDecimal("100"));
            assertRejected(out, TypeInfo.decimalN(38, 0), new BigDecimal("1e38"));
            assertRejected(out, TypeInfo.decimalN(5, 0), Double.NaN);
            assertRejected(out, TypeInfo.moneyN(4), new BigDecimal("214748.3648"));
            assertRejected(out, TypeInfo.nvarchar(2), "abc");
            assertRejected(out, TypeInfo.varbinary(2), new byte[3]);
            assertRejected(out, TypeInfo.varbinary(2), "not bytes");
            assertRejected(out, TypeInfo.date(), LocalDate.of(10000, 1, 1));
            assertRejected(out, TypeInfo.datetimeN(), java.time.LocalDateTime.of(1752, 12, 31, 0, 0));
            assertRejected(out, TypeInfo.guid(), "6F9619FF-8B86-D011-B42D-00C04FC964FF");
            assertThat(out.readableBytes()).isEqualTo(1);
        } finally {
            out.release();
        }
    }

    private static void assertRejected(ByteBuf out, TypeInfo type, Object value) {
        assertThatThrownBy(() -> ValueCodec.write(out, type, value))
                .as("%s <- %s", type, value).isInstanceOf(IllegalArgumentException.class);
        assertThat(out.writerIndex()).isEqualTo(1);
    }
}
