package io.tdsproxy.tds.prelogin;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.tdsproxy.tds.ProtocolException;
import io.tdsproxy.tds.packet.PacketHeader;
import io.tdsproxy.tds.packet.PacketType;
import io.tdsproxy.testsupport.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Every PRELOGIN request and response vector decodes to the values its source line names,
 * re-encodes byte for byte, and fails cleanly when cut short at any byte.
 */
class PreloginVectorsTest {

    /** name, has packet header, version, encryption byte, option tokens in table order. */
    static Stream<Arguments> vectors() {
        return Stream.of(
                Arguments.of("constructed_prelogin_response_encrypt_off", true, "16.0.1000.0", 0x00, "0,1,2,3,4"),
                Arguments.of("constructed_prelogin_response_encrypt_on", true, "16.0.1000.0", 0x01, "0,1,2,3,4"),
                Arguments.of("constructed_prelogin_response_encrypt_not_sup", true, "16.0.1000.0", 0x02, "0,1,2,3,4"),
                Arguments.of("constructed_prelogin_response_encrypt_req", true, "16.0.1000.0", 0x03, "0,1,2,3,4"),
                Arguments.of("freetds11_log_prelogin_request_tds74", true, "9.0.0.0", 0x02, "0,1,2,3,4"),
                Arguments.of("freetds11_log_real_sql2016_prelogin_response_notsup", true, "13.0.5149.0", 0x02, "0,1,2,3,4"),
                Arguments.of("freetds_doc_prelogin_request_tds71", true, "8.0.341.0", 0x01, "0,1,2,3"),
                Arguments.of("freetds_doc_prelogin_response_sql2000", true, "8.0.760.0", 0x01, "0,1,2,3"),
                Arguments.of("gomssqldb_fuzzseed_prelogin_response_body", false, "16.0.2000.0", 0x02, "0,1,2,3,4"),
                Arguments.of("mssstds_4.1_prelogin_request", true, "8.0.341.0", 0x00, "0,1,2,3"),
                // the source line says ENCRYPTION=0x00, but the sample's data byte (offset 0x20) is 0x01
                Arguments.of("mstds_4.1_prelogin_request", true, "9.0.0.0", 0x01, "0,1,2,3,4"),
                Arguments.of("pytds_prelogin_response_fedauthrequired", true, "12.0.5349.0", 0x02, "0,1,2,3,4,6"),
                Arguments.of("pytds_real_prelogin_response_sql2008", true, "10.0.5512.0", 0x02, "0,1,2,3,4"),
                Arguments.of("tedious_issue610_prelogin_request_encrypt_on", true, "0.0.1.1", 0x01, "0,1,2,3,4"),
                Arguments.of("tedious_issue610_real_sql2008sp2_prelogin_response_encrypt_on", true, "10.0.4000.0", 0x01,
                        "0,1,2,3,4"));
    }

    @Test
    void everyPreloginMessageVectorIsListed() {
        List<String> listed = vectors().map(a -> (String) a.get()[0]).collect(Collectors.toList());
        List<String> present = Vectors.names().stream()
                .filter(n -> n.contains("prelogin_request") || n.contains("prelogin_response"))
                .collect(Collectors.toList());
        assertThat(listed).containsExactlyInAnyOrderElementsOf(present);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void decodesTheNamedValuesAndReencodesByteForByte(String name, boolean header, String version, int encryption,
                                                      String tokens) {
        byte[] body = body(name, header);
        ByteBuf in = Unpooled.wrappedBuffer(body);
        ByteBuf out = Unpooled.buffer();
        try {
            PreloginMessage message = PreloginMessage.decode(in);
            assertThat(in.isReadable()).as("whole body consumed").isFalse();
            assertThat(message.version()).map(PreloginVersion::toString).contains(version);
            assertThat(message.encryption()).contains(EncryptionValue.of(encryption));
            assertThat(message.options().stream().map(o -> String.valueOf(o.token())).collect(Collectors.joining(",")))
                    .isEqualTo(tokens);
            assertThat(message.canonical()).isTrue();
            message.encode(out);
            assertThat(ByteBufUtil.hexDump(out)).isEqualTo(ByteBufUtil.hexDump(body));
            assertThat(message.encodedLength()).isEqualTo(body.length);
            assertThat(PreloginMessage.of(message.options().toArray(new PreloginOption[0]))).isEqualTo(message);
        } finally {
            in.release();
            out.release();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void everyTruncationRaisesProtocolException(String name, boolean header) {
        byte[] body = body(name, header);
        for (int length = 0; length < body.length; length++) {
            ByteBuf prefix = Unpooled.wrappedBuffer(Arrays.copyOf(body, length));
            try {
                Throwable thrown = catchThrowable(() -> PreloginMessage.decode(prefix));
                assertThat(thrown).as("prefix of %d bytes", length).isInstanceOf(ProtocolException.class);
            } finally {
                prefix.release();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void everyCorruptedOffsetOrLengthRaisesProtocolException(String name, boolean header) {
        byte[] body = body(name, header);
        int entries = countEntries(body);
        for (int entry = 0; entry < entries; entry++) {
            int at = entry * 5;
            int length = ((body[at + 3] & 0xFF) << 8) | (body[at + 4] & 0xFF);
            // offset one past the end, length beyond the end, data moved into the option table
            if (length > 0) {
                assertRejected(body, at + 1, body.length, "entry " + entry + " offset past end");
                assertRejected(body, at + 1, 0, "entry " + entry + " offset into the table");
            }
            assertRejected(body, at + 3, 0xFFFF, "entry " + entry + " length 65535");
            assertRejected(body, at + 3, body.length + 1, "entry " + entry + " length past end");
        }
    }

    @Test
    void readsInstanceNameThreadIdAndMarsOfTheSpecSample() {
        ByteBuf in = Unpooled.wrappedBuffer(body("mstds_4.1_prelogin_request", true));
        try {
            PreloginMessage message = PreloginMessage.decode(in);
            assertThat(message.find(PreloginOptionToken.INSTOPT).orElseThrow().data()).containsExactly(0x00);
            assertThat(message.find(PreloginOptionToken.THREADID).orElseThrow().data())
                    .containsExactly(0xb8, 0x0d, 0x00, 0x00);
            assertThat(message.find(PreloginOptionToken.MARS).orElseThrow().data()).containsExactly(0x01);
            assertThat(message.find(PreloginOptionToken.TRACEID)).isEmpty();
        } finally {
            in.release();
        }
    }

    @Test
    void readsFreeTdsInstanceNameAndZeroLengthThreadIdReply() {
        ByteBuf request = Unpooled.wrappedBuffer(body("freetds11_log_prelogin_request_tds74", true));
        ByteBuf reply = Unpooled.wrappedBuffer(body("pytds_prelogin_response_fedauthrequired", true));
        try {
            PreloginMessage sent = PreloginMessage.decode(request);
            assertThat(new String(sent.find(PreloginOptionToken.INSTOPT).orElseThrow().data(), StandardCharsets.US_ASCII))
                    .isEqualTo("MSSQLServer\0");
            PreloginMessage received = PreloginMessage.decode(reply);
            assertThat(received.find(PreloginOptionToken.THREADID).orElseThrow().length()).isZero();
            assertThat(received.find(PreloginOptionToken.FEDAUTHREQUIRED).orElseThrow().data()).containsExactly(0x01);
        } finally {
            request.release();
            reply.release();
        }
    }

    /** The body after the packet header, checking that the header frames exactly one PRELOGIN message. */
    static byte[] body(String name, boolean header) {
        byte[] bytes = Vectors.bytes(name);
        if (!header) {
            return bytes;
        }
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        try {
            PacketHeader h = PacketHeader.decode(buf);
            assertThat(h.type()).isIn(PacketType.PRELOGIN, PacketType.TABULAR_RESULT);
            assertThat(h.isEndOfMessage()).isTrue();
            assertThat(h.length()).isEqualTo(bytes.length);
            return Arrays.copyOfRange(bytes, PacketHeader.SIZE, bytes.length);
        } finally {
            buf.release();
        }
    }

    private static int countEntries(byte[] body) {
        int entries = 0;
        while ((body[entries * 5] & 0xFF) != 0xFF) {
            entries++;
        }
        return entries;
    }

    private static void assertRejected(byte[] body, int at, int value, String what) {
        byte[] corrupt = body.clone();
        corrupt[at] = (byte) (value >> 8);
        corrupt[at + 1] = (byte) value;
        ByteBuf in = Unpooled.wrappedBuffer(corrupt);
        try {
            assertThatThrownBy(() -> PreloginMessage.decode(in)).as(what).isInstanceOf(ProtocolException.class);
        } finally {
            in.release();
        }
    }
}
