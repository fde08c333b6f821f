package io.tdsproxy.tds.login;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.tdsproxy.tds.packet.PacketHeader;
import io.tdsproxy.tds.packet.PacketType;
import io.tdsproxy.tds.packet.TdsMessageWriter;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Builder to decoder round trips, and that no secret reaches a string. */
class Login7BuilderTest {
    private static final String SECRET = "S3cr3t-Pässwörd";

    @Test
    void everyFieldSurvivesARoundTrip() {
        byte[] features = {0x0a, 1, 0, 0, 0, 1, (byte) 0xff};
        Login7Builder builder = new Login7Builder().tdsVersion(Login7.TDS_7_4).packetSize(8000)
                .clientProgVersion(0x0c000000).clientPid(4242).connectionId(7).optionFlags1(0xE0).optionFlags2(0x03)
                .optionFlags3(0x08).typeFlags(0).readOnlyIntent(true).clientTimeZone(120).clientLcid(0x0407)
                .hostName("wörkstation-1").userName("app_user").password(SECRET).appName("bench ✓")
                .serverName("db.example.test").clientLibrary("tdsproxy-bench").language("us_english")
                .database("orders").clientId(new byte[] {1, 2, 3, 4, 5, 6}).attachDbFile("C:\\data\\x.mdf")
                .changePassword("N3w-S3cret").featureExtension(features);
        Login7 login = roundTrip(builder);
        assertThat(login).isEqualTo(builder.toLogin7());
        assertThat(login.readOnlyIntent()).isTrue();
        assertThat(login.integratedSecurity()).isFalse();
        assertThat(login.typeFlags()).isEqualTo(Login7.TYPE_READ_ONLY_INTENT);
        assertThat(login.optionFlags3()).isEqualTo(0x08 | Login7.OPTION3_EXTENSION);
        assertThat(login.featureExtension()).isEqualTo(features);
        assertThat(login.hostName()).isEqualTo("wörkstation-1");
        assertThat(login.appName()).isEqualTo("bench ✓");
        assertThat(login.password().matches(SECRET)).isTrue();
        assertThat(login.changePassword().matches("N3w-S3cret")).isTrue();
        assertThat(login.changePassword().matches(SECRET)).isFalse();
        assertThat(login.attachDbFile()).isEqualTo("C:\\data\\x.mdf");
        assertThat(login.clientId()).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void integratedSecurityWithShortAndLongSspi() {
        byte[] token = new byte[300];
        Arrays.fill(token, (byte) 0x4e);
        Login7 shortSspi = roundTrip(new Login7Builder().hostName("h").sspi(token).database("db"));
        assertThat(shortSspi.integratedSecurity()).isTrue();
        assertThat(shortSspi.sspi()).isEqualTo(token);
        assertThat(shortSspi.database()).isEqualTo("db");

        byte[] big = new byte[70_000];
        big[69_999] = 9;
        Login7 longSspi = roundTrip(new Login7Builder().userName("u").sspi(big).attachDbFile("f")
                .featureExtension(new byte[] {(byte) 0xff}));
        assertThat(longSspi.sspi()).isEqualTo(big);
        assertThat(longSspi.attachDbFile()).isEqualTo("f");
        assertThat(longSspi.featureExtension()).containsExactly(0xff);
        assertThat(new Login7Builder().integratedSecurity(true).integratedSecurity(false).toLogin7()
                .integratedSecurity()).isFalse();
    }

    @Test
    void tds71UsesThe86ByteFixedPart() {
        Login7Builder builder = new Login7Builder().tdsVersion(Login7.TDS_7_1).hostName("old").userName("sa")
                .password("pw");
        ByteBuf body = builder.build(PooledByteBufAllocator.DEFAULT);
        try {
            assertThat(body.getUnsignedShortLE(Login7Reader.HOST_NAME)).isEqualTo(Login7.FIXED_LENGTH_TDS71);
            Login7 login = Login7.decode(body);
            assertThat(login.hostName()).isEqualTo("old");
            assertThat(login.password().matches("pw")).isTrue();
        } finally {
            body.release();
        }
        assertThatThrownBy(() -> roundTrip(Login7Builder.from(builder.toLogin7()).changePassword("x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMultiPacketLoginReassemblesToTheSameValue() {
        Login7Builder builder = new Login7Builder().userName("sa").password(SECRET).appName("x".repeat(600));
        ByteBuf body = builder.build(PooledByteBufAllocator.DEFAULT);
        ByteBuf wire = Unpooled.buffer();
        ByteBuf joined = Unpooled.buffer();
        try {
            TdsMessageWriter.writeMessage(wire, PacketType.LOGIN7, 0, 512, body);
            int packets = 0;
            while (wire.isReadable()) {
                PacketHeader header = PacketHeader.decode(wire);
                assertThat(header.type()).isEqualTo(PacketType.LOGIN7);
                joined.writeBytes(wire, header.payloadLength());
                packets++;
            }
            assertThat(packets).isGreaterThan(2);
            assertThat(Login7.decode(joined)).isEqualTo(builder.toLogin7());
        } finally {
            body.release();
            wire.release();
            joined.release();
        }
    }

    @Test
    void thePasswordNeverAppearsInAString() {
        Login7 login = new Login7Builder().userName("sa").password(SECRET).changePassword(SECRET).toLogin7();
        String text = login.toString();
        String obfuscatedHex = ByteBufUtil.hexDump(obfuscatedBytes(login));
        assertThat(text).doesNotContain(SECRET).doesNotContain(obfuscatedHex)
                .contains("password=****").contains("changePassword=****").contains("userName=sa");
        assertThat(login.password().toString()).isEqualTo("****");
        assertThat(String.valueOf(ObfuscatedPassword.obfuscate(SECRET))).isEqualTo("****");
        assertThat(new Login7Builder().password(SECRET).toString()).doesNotContain(SECRET);
        assertThat(obfuscatedHex).isNotEmpty();
    }

    @Test
    void obfuscationMatchesTheSpecifiedScramble() {
        ByteBuf out = Unpooled.buffer();
        try {
            ObfuscatedPassword.obfuscate("testpwd").writeTo(out);
            // protocol.md 8.6: "testpwd" -> e2 a5 f3 a5 92 a5 e2 a5 a2 a5 d2 a5 e3 a5
            assertThat(ByteBufUtil.hexDump(out)).isEqualTo("e2a5f3a592a5e2a5a2a5d2a5e3a5");
        } finally {
            out.release();
        }
        assertThat(ObfuscatedPassword.fromWire("x".getBytes(StandardCharsets.UTF_16LE)).matches("x")).isFalse();
    }

    @Test
    void rejectsWhatTheWireCannotCarry() {
        assertThatThrownBy(() -> new Login7Builder().clientId(new byte[5])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Login7Builder().featureExtension(new byte[] {1, 0, 0, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class);
        Login7Builder tooLong = new Login7Builder().appName("a".repeat(20_000)).database("d".repeat(20_000));
        ByteBuf out = Unpooled.buffer();
        try {
            assertThatThrownBy(() -> tooLong.encode(out)).isInstanceOf(IllegalArgumentException.class);
            assertThat(out.writerIndex()).as("nothing half-written").isZero();
        } finally {
            out.release();
        }
    }

    private static byte[] obfuscatedBytes(Login7 login) {
        ByteBuf out = Unpooled.buffer();
        try {
            login.password().writeTo(out);
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    private static Login7 roundTrip(Login7Builder builder) {
        ByteBuf body = builder.build(PooledByteBufAllocator.DEFAULT);
        try {
            return Login7.decode(body);
        } finally {
            body.release();
        }
    }
}
