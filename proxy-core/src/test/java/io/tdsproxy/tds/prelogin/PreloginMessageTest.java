package io.tdsproxy.tds.prelogin;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.tdsproxy.tds.ProtocolException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Layout preservation, unknown options and the editing methods of {@link PreloginMessage}. */
class PreloginMessageTest {

    @Test
    void unknownOptionsArePassedThroughByteForByte() {
        // VERSION, an unnamed token 0x42 with 3 bytes, ENCRYPTION; canonical layout
        String hex = "0000100006" + "4200160003" + "0100190001" + "ff" + "0f0000000000" + "abcdef" + "00";
        PreloginMessage message = decode(hex);
        assertThat(message.canonical()).isTrue();
        PreloginOption unknown = message.find(0x42).orElseThrow();
        assertThat(unknown.tokenType()).isEqualTo(PreloginOptionToken.UNKNOWN);
        assertThat(unknown.data()).containsExactly(0xab, 0xcd, 0xef);
        assertThat(encode(message)).isEqualTo(hex);
        assertThat(encode(message.withEncryption(EncryptionValue.ON)))
                .isEqualTo("0000100006" + "4200160003" + "0100190001" + "ff" + "0f0000000000" + "abcdef" + "01");
    }

    @Test
    void nonCanonicalLayoutIsReproducedExactly() {
        // ENCRYPTION data stored before VERSION data, then two padding bytes
        String hex = "00000c0006" + "01000b0001" + "ff" + "03" + "0a0015880000" + "eeee";
        PreloginMessage message = decode(hex);
        assertThat(message.canonical()).isFalse();
        assertThat(message.version()).contains(new PreloginVersion(10, 0, 5512, 0));
        assertThat(message.encryption()).contains(EncryptionValue.REQ);
        assertThat(encode(message)).isEqualTo(hex);
        assertThat(message).isNotEqualTo(new PreloginMessage(message.options()));

        PreloginMessage edited = message.withEncryption(EncryptionValue.NOT_SUP);
        assertThat(edited.canonical()).isTrue();
        assertThat(encode(edited)).isEqualTo("00000b0006" + "0100110001" + "ff" + "0a0015880000" + "02");
    }

    @Test
    void zeroLengthOptionsAndAnEmptyTableAreValid() {
        assertThat(decode("ff").options()).isEmpty();
        PreloginMessage message = decode("0300060000" + "ff");
        assertThat(message.find(PreloginOptionToken.THREADID).orElseThrow().length()).isZero();
        assertThat(message.canonical()).isTrue();
    }

    @Test
    void withReplacesInPlaceDropsDuplicatesAndPutsANewVersionFirst() {
        PreloginMessage message = PreloginMessage.of(
                PreloginOption.of(PreloginOptionToken.ENCRYPTION, new byte[] {0}),
                PreloginOption.of(PreloginOptionToken.MARS, new byte[] {1}),
                PreloginOption.of(PreloginOptionToken.ENCRYPTION, new byte[] {2}));
        PreloginMessage edited = message.withEncryption(EncryptionValue.REQ)
                .with(PreloginOptionToken.VERSION, new PreloginVersion(16, 0, 1000, 0).encode())
                .with(0x07, new byte[32]);
        assertThat(tokens(edited)).containsExactly(0x00, 0x01, 0x04, 0x07);
        assertThat(edited.encryption()).contains(EncryptionValue.REQ);
        assertThat(edited.version()).contains(new PreloginVersion(16, 0, 1000, 0));
        assertThat(tokens(edited.without(PreloginOptionToken.MARS).without(0x07))).containsExactly(0x00, 0x01);
        assertThat(tokens(message.without(PreloginOptionToken.ENCRYPTION))).containsExactly(0x04);
    }

    @Test
    void optionsAreImmutableValues() {
        byte[] data = {1, 2};
        PreloginOption option = new PreloginOption(0x33, data);
        data[0] = 9;
        option.data()[1] = 9;
        assertThat(option.data()).containsExactly(1, 2);
        assertThat(option).isEqualTo(new PreloginOption(0x33, new byte[] {1, 2})).hasSameHashCodeAs(
                new PreloginOption(0x33, new byte[] {1, 2}));
        assertThat(option.toString()).isEqualTo("0x33[0102]");
        assertThatThrownBy(() -> new PreloginOption(0xFF, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PreloginOption(1, new byte[0x10000])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedKnownOptionsAreReportedWhenRead() {
        PreloginMessage message = decode("00000b0002" + "01000d0002" + "ff" + "0900" + "0000");
        assertThatThrownBy(message::version).isInstanceOf(ProtocolException.class).hasMessageContaining("VERSION");
        assertThatThrownBy(message::encryption).isInstanceOf(ProtocolException.class).hasMessageContaining("ENCRYPTION");
    }

    @Test
    void rejectsAMissingTerminatorAndDataInsideTheTable() {
        assertThatThrownBy(() -> decode("")).isInstanceOf(ProtocolException.class).hasMessageContaining("terminated");
        assertThatThrownBy(() -> decode("0100050001" + "00")).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> decode("0100020001" + "ff" + "00")).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("inside the option table");
    }

    @Test
    void verbatimBytesMustMatchTheOptions() {
        byte[] bytes = ByteBufUtil.decodeHexDump("0100070001" + "ff" + "ee" + "01");
        List<PreloginOption> wrong = List.of(PreloginOption.of(PreloginOptionToken.ENCRYPTION, new byte[] {0}));
        assertThatThrownBy(() -> new PreloginMessage(wrong, bytes)).isInstanceOf(IllegalArgumentException.class);
        List<PreloginOption> right = List.of(PreloginOption.of(PreloginOptionToken.ENCRYPTION, new byte[] {1}));
        assertThat(new PreloginMessage(right, bytes).encodedLength()).isEqualTo(bytes.length);
    }

    @Test
    void findRejectsTheUnknownPlaceholder() {
        assertThatThrownBy(() -> decode("ff").find(PreloginOptionToken.UNKNOWN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tokenCodesRoundTrip() {
        for (PreloginOptionToken token : PreloginOptionToken.values()) {
            if (token != PreloginOptionToken.UNKNOWN) {
                assertThat(PreloginOptionToken.of(token.code())).isSameAs(token);
            }
        }
        assertThat(PreloginOptionToken.of(0x08)).isSameAs(PreloginOptionToken.UNKNOWN);
        assertThat(PreloginOptionToken.of(0xFF)).isSameAs(PreloginOptionToken.UNKNOWN);
        assertThat(PreloginOptionToken.NONCEOPT.code()).isEqualTo(0x07);
    }

    @Test
    void versionCodecIsBigEndian() {
        PreloginVersion version = new PreloginVersion(16, 0, 0x1234, 0xABCD);
        assertThat(version.encode()).containsExactly(0x10, 0x00, 0x12, 0x34, 0xab, 0xcd);
        ByteBuf buf = Unpooled.buffer();
        try {
            version.encode(buf);
            assertThat(PreloginVersion.decode(buf)).isEqualTo(version);
            assertThatThrownBy(() -> PreloginVersion.decode(buf)).isInstanceOf(ProtocolException.class);
        } finally {
            buf.release();
        }
    }

    private static List<Integer> tokens(PreloginMessage message) {
        return message.options().stream().map(PreloginOption::token).collect(Collectors.toList());
    }

    private static PreloginMessage decode(String hex) {
        ByteBuf in = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex));
        try {
            return PreloginMessage.decode(in);
        } finally {
            in.release();
        }
    }

    private static String encode(PreloginMessage message) {
        ByteBuf out = Unpooled.buffer();
        try {
            message.encode(out);
            return ByteBufUtil.hexDump(out);
        } finally {
            out.release();
        }
    }
}
