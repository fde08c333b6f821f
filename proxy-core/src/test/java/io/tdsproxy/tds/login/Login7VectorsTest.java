package io.tdsproxy.tds.login;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.tdsproxy.tds.ProtocolException;
import io.tdsproxy.tds.packet.PacketHeader;
import io.tdsproxy.tds.packet.PacketType;
import io.tdsproxy.testsupport.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The LOGIN7 vectors decode to the values their sources name; the builder reproduces go-mssqldb's bytes. */
class Login7VectorsTest {
    static final String MSTDS = "mstds_4.2_login7_request";
    static final String GO_TDS73 = "gomssqldb_testsendlogin_login7_tds73";
    static final String GO_FEATURES = "gomssqldb_testsendloginwithfeatureext_login7_tds74_ref1";

    @Test
    void decodesTheSpecSample() {
        Login7 login = decode(body(MSTDS));
        assertThat(login.tdsVersion()).isEqualTo(Login7.TDS_7_2);
        assertThat(login.packetSize()).isEqualTo(4096);
        assertThat(login.clientProgVersion()).isEqualTo(0x07000000);
        assertThat(login.clientPid()).isEqualTo(0x100);
        assertThat(login.connectionId()).isZero();
        assertThat(login.optionFlags1()).isEqualTo(0xE0);
        assertThat(login.optionFlags2()).isEqualTo(0x03);
        assertThat(login.typeFlags()).isZero();
        assertThat(login.optionFlags3()).isZero();
        assertThat(login.clientLcid()).isEqualTo(0x409);
        assertThat(login.hostName()).isEqualTo("skostov1");
        assertThat(login.userName()).isEqualTo("sa");
        assertThat(login.password().isEmpty()).isTrue();
        assertThat(login.password().matches("")).isTrue();
        assertThat(login.appName()).isEqualTo("OSQL-32");
        assertThat(login.serverName()).isEmpty();
        assertThat(login.clientLibrary()).isEqualTo("ODBC");
        assertThat(login.language()).isEmpty();
        assertThat(login.database()).isEmpty();
        assertThat(login.clientId()).containsExactly(0x00, 0x50, 0x8b, 0xe2, 0xb7, 0x8f);
        assertThat(login.readOnlyIntent()).isFalse();
        assertThat(login.integratedSecurity()).isFalse();
        assertThat(login.featureExtension()).isEmpty();
    }

    @Test
    void decodesGoMssqldbTds73WithItsPassword() {
        Login7 login = decode(body(GO_TDS73));
        assertThat(login.tdsVersion()).isEqualTo(Login7.TDS_7_3A);
        assertThat(login.packetSize()).isEqualTo(0x1000);
        assertThat(login.clientTimeZone()).isEqualTo(-240);
        assertThat(login.clientLcid()).isEqualTo(0x204);
        assertThat(login.hostName()).isEqualTo("subdev1");
        assertThat(login.userName()).isEqualTo("test");
        assertThat(login.appName()).isEqualTo("appname");
        assertThat(login.serverName()).isEqualTo("servername");
        assertThat(login.clientLibrary()).isEqualTo("library");
        assertThat(login.language()).isEqualTo("en");
        assertThat(login.database()).isEqualTo("database");
        assertThat(login.attachDbFile()).isEqualTo("filepath");
        assertThat(login.password().lengthInChars()).isEqualTo(7);
        assertThat(login.password().matches("testpwd")).isTrue();
        assertThat(login.password().matches("testpwD")).isFalse();
        assertThat(login.password().matches("testpw")).isFalse();
        assertThat(login.password().matches("")).isFalse();
        assertThat(login.password()).isEqualTo(ObfuscatedPassword.obfuscate("testpwd"));
        assertThat(login.featureExtension()).isEmpty();
    }

    @Test
    void decodesTheFeatureExtensionBlockOfGoMssqldbTds74() {
        byte[] body = body(GO_FEATURES);
        Login7 login = decode(body);
        assertThat(login.tdsVersion()).isEqualTo(Login7.TDS_7_4);
        assertThat(login.optionFlags3()).isEqualTo(0x18);
        assertThat(login.hasFeatureExtension()).isTrue();
        assertThat(login.userName()).isEmpty();
        assertThat(login.password().isEmpty()).isTrue();
        byte[] features = login.featureExtension();
        // ibExtension (0xb0) -> DWORD 0xb4 -> FEDAUTH 0x02 (29 bytes), COLUMNENCRYPTION 0x04 (1 byte), 0xFF
        assertThat(features).hasSize(5 + 0x1d + 5 + 1 + 1);
        assertThat(features).isEqualTo(Arrays.copyOfRange(body, 0xb4, body.length));
        assertThat(features[0]).isEqualTo((byte) 0x02);
        assertThat(features[5 + 0x1d]).isEqualTo((byte) 0x04);
        assertThat(features[features.length - 1]).isEqualTo((byte) 0xFF);
    }

    @Test
    void theBuilderReproducesGoMssqldbBytesExactly() {
        Login7Builder common = new Login7Builder().packetSize(0x1000).clientProgVersion(0x01060100).clientPid(100)
                .optionFlags2(0).optionFlags3(0x08).clientTimeZone(-240).clientLcid(0x204).hostName("subdev1")
                .appName("appname").serverName("servername").clientLibrary("library").language("en")
                .database("database").clientId(new byte[] {0x12, 0x34, 0x56, 0x78, (byte) 0x90, (byte) 0xab});
        Login7Builder tds73 = Login7Builder.from(common.toLogin7()).tdsVersion(Login7.TDS_7_3A).userName("test")
                .password("testpwd").attachDbFile("filepath");
        assertThat(encode(tds73)).isEqualTo(ByteBufUtil.hexDump(body(GO_TDS73)));

        byte[] features = Arrays.copyOfRange(body(GO_FEATURES), 0xb4, body(GO_FEATURES).length);
        Login7Builder tds74 = Login7Builder.from(common.toLogin7()).featureExtension(features);
        assertThat(encode(tds74)).isEqualTo(ByteBufUtil.hexDump(body(GO_FEATURES)));
    }

    @ParameterizedTest
    @ValueSource(strings = {MSTDS, GO_TDS73, GO_FEATURES})
    void reencodingADecodedLoginDecodesToTheSameValue(String name) {
        Login7 login = decode(body(name));
        Login7Builder builder = Login7Builder.from(login);
        assertThat(builder.toLogin7()).isEqualTo(login);
        ByteBuf rebuilt = builder.build(UnpooledByteBufAllocator.DEFAULT);
        try {
            assertThat(Login7.decode(rebuilt)).isEqualTo(login);
        } finally {
            rebuilt.release();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {MSTDS, GO_TDS73, GO_FEATURES})
    void everyTruncationRaisesProtocolException(String name) {
        byte[] body = body(name);
        for (int length = 0; length < body.length; length++) {
            assertRejected(Arrays.copyOf(body, length), "prefix of " + length + " bytes");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {MSTDS, GO_TDS73, GO_FEATURES})
    void corruptedOffsetsAndLengthsRaiseProtocolException(String name) {
        byte[] body = body(name);
        int[] fields = {Login7Reader.HOST_NAME, Login7Reader.USER_NAME, Login7Reader.PASSWORD, Login7Reader.APP_NAME,
            Login7Reader.SERVER_NAME, Login7Reader.CLIENT_LIBRARY, Login7Reader.LANGUAGE, Login7Reader.DATABASE,
            Login7Reader.ATTACH_DB_FILE, Login7Reader.CHANGE_PASSWORD};
        for (int field : fields) {
            assertRejected(withShort(body, field + 2, 0x7FFF), "field " + field + " huge length");
            assertRejected(withShort(withShort(body, field + 2, 1), field, body.length), "field " + field + " at end");
            assertRejected(withShort(withShort(body, field + 2, 1), field, 40), "field " + field + " in fixed part");
        }
        assertRejected(withShort(body, Login7Reader.SSPI + 2, 1000), "SSPI length");
        assertRejected(withInt(withShort(body, Login7Reader.SSPI + 2, 0xFFFF), Login7Reader.SSPI_LONG, 0x7FFFFFFF),
                "cbSSPILong");
        assertRejected(withInt(body, 0, body.length + 1), "Length field too big");
        assertRejected(withInt(body, 0, body.length - 1), "Length field too small");
    }

    @Test
    void corruptedFeatureExtensionsRaiseProtocolException() {
        byte[] body = body(GO_FEATURES);
        int ib = 0xb0;
        assertRejected(withShort(body, Login7Reader.EXTENSION + 2, 0), "cbExtension 0");
        assertRejected(withShort(body, Login7Reader.EXTENSION, body.length - 2), "ibExtension past end");
        assertRejected(withInt(body, ib, body.length), "ibFeatureExtLong at end");
        assertRejected(withInt(body, ib, 10), "ibFeatureExtLong in fixed part");
        assertRejected(withInt(body, 0xb4 + 1, 0x7FFFFFFF), "FeatureDataLen huge");
        byte[] unterminated = body.clone();
        unterminated[body.length - 1] = 0x00;
        assertRejected(unterminated, "terminator missing");
        // without fExtension the same bytes are just unused data
        byte[] noFlag = body.clone();
        noFlag[27] = 0x08;
        assertThat(decode(noFlag).featureExtension()).isEmpty();
    }

    /** Body of a one-packet LOGIN7 vector, checking its header. */
    static byte[] body(String name) {
        byte[] bytes = Vectors.bytes(name);
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        try {
            PacketHeader header = PacketHeader.decode(buf);
            assertThat(header.type()).isEqualTo(PacketType.LOGIN7);
            assertThat(header.isEndOfMessage()).isTrue();
            assertThat(header.length()).isEqualTo(bytes.length);
        } finally {
            buf.release();
        }
        return Arrays.copyOfRange(bytes, PacketHeader.SIZE, bytes.length);
    }

    static Login7 decode(byte[] body) {
        ByteBuf in = Unpooled.wrappedBuffer(body);
        try {
            Login7 login = Login7.decode(in);
            assertThat(in.isReadable()).isFalse();
            return login;
        } finally {
            in.release();
        }
    }

    static String encode(Login7Builder builder) {
        ByteBuf out = Unpooled.buffer();
        try {
            builder.encode(out);
            return ByteBufUtil.hexDump(out);
        } finally {
            out.release();
        }
    }

    private static void assertRejected(byte[] body, String what) {
        ByteBuf in = Unpooled.wrappedBuffer(body);
        try {
            Throwable thrown = catchThrowable(() -> Login7.decode(in));
            assertThat(thrown).as(what).isInstanceOf(ProtocolException.class);
        } finally {
            in.release();
        }
    }

    private static byte[] withShort(byte[] body, int at, int value) {
        byte[] copy = body.clone();
        copy[at] = (byte) value;
        copy[at + 1] = (byte) (value >> 8);
        return copy;
    }

    private static byte[] withInt(byte[] body, int at, int value) {
        byte[] copy = withShort(body, at, value);
        copy[at + 2] = (byte) (value >> 16);
        copy[at + 3] = (byte) (value >> 24);
        return copy;
    }
}
