package io.tdsproxy.tds.types;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.tdsproxy.tds.types.TestBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;

/** PLP chunking (MS-TDS 2.2.5.2.3): any chunking reads back the same bytes. */
class PlpTest {

    @Test
    void writesOneChunkPerChunkSizeAndATerminator() {
        byte[] wire = TestBytes.encode(out -> Plp.write(out, new byte[] {1, 2, 3, 4, 5}, 2));
        assertThat(hex(wire)).isEqualTo("0500000000000000" + "020000000102" + "020000000304" + "0100000005" + "00000000");
    }

    @Test
    void readsChunksThatSplitAUtf16CodeUnit() {
        TypeInfo type = TypeInfo.nvarcharMax();
        String text = "\u00e9t\u00e9 \uD83D\uDE00";
        byte[] utf16 = text.getBytes(StandardCharsets.UTF_16LE);
        for (int chunk = 1; chunk <= utf16.length; chunk++) {
            int size = chunk;
            byte[] wire = TestBytes.encode(out -> Plp.write(out, utf16, size));
            assertThat(TestBytes.<Object>decodeAll(wire, in -> ValueCodec.read(in, type))).as("chunk %d", chunk).isEqualTo(text);
            TestBytes.assertEveryTruncationFails(wire, in -> ValueCodec.read(in, type));
        }
    }

    @Test
    void readsUnknownLengthWithManyChunks() {
        StringBuilder wire = new StringBuilder("feffffffffffffff");
        byte[] expected = new byte[300];
        for (int i = 0; i < 300; i++) {
            expected[i] = (byte) i;
            wire.append("01000000").append(String.format("%02x", i & 0xFF));
        }
        wire.append("00000000");
        assertThat(TestBytes.<byte[]>decodeAll(hex(wire.toString()), in -> Plp.read(in, "test"))).isEqualTo(expected);
    }

    @Test
    void nullAndEmptyAreDistinct() {
        assertThat(TestBytes.<byte[]>decodeAll(hex("ffffffffffffffff"), in -> Plp.read(in, "test"))).isNull();
        assertThat(TestBytes.<byte[]>decodeAll(hex("0000000000000000 00000000"), in -> Plp.read(in, "test"))).isEmpty();
        assertThat(hex(TestBytes.encode(Plp::writeNull))).isEqualTo("ffffffffffffffff");
    }
}
