package io.tdsproxy.tds.token;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.tdsproxy.tds.ProtocolException;
import io.tdsproxy.tds.types.Collation;
import io.tdsproxy.tds.types.Column;
import io.tdsproxy.tds.types.TdsType;
import io.tdsproxy.tds.types.TestBytes;
import io.tdsproxy.tds.types.TypeInfo;
import io.tdsproxy.testsupport.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.tdsproxy.tds.types.TestBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The token vectors in {@code shared/vectors}: decoded with {@link TokenReader}, every token
 * re-encoded to exactly its original bytes, and every truncation either ends at a token boundary
 * (and yields exactly the tokens before it) or is a ProtocolException.
 */
class VectorTokensTest {
    private static final List<String> PACKETS = List.of(
            "constructed_login_ok_response_tds74", "constructed_minimal_login_ok_loginack_done",
            "constructed_login_failed_error_done", "constructed_proxy_reject_error_done",
            "pytds_real_login_response_sql2008", "pytds_real_use_db_response",
            "pytds_login_response_with_featureextack", "constructed_select1_response_packet");

    /** The token stream of a vector: 0x04 packets lose their 8-byte header. */
    static byte[] tokens(String vector) {
        byte[] raw = Vectors.bytes(vector);
        if (!PACKETS.contains(vector)) {
            return raw;
        }
        assertThat(raw[0]).as("packet type").isEqualTo((byte) 0x04);
        assertThat(((raw[2] & 0xFF) << 8) | (raw[3] & 0xFF)).as("packet length").isEqualTo(raw.length);
        return Arrays.copyOfRange(raw, 8, raw.length);
    }

    /** One decoded token with the byte range it came from. */
    record Read(Token token, List<Column> columns, int start, int end) {
    }

    static List<Read> readWithOffsets(byte[] stream) {
        ByteBuf in = PooledByteBufAllocator.DEFAULT.directBuffer(stream.length);
        try {
            in.writeBytes(stream);
            TokenReader reader = new TokenReader();
            List<Read> reads = new ArrayList<>();
            while (in.isReadable()) {
                int start = in.readerIndex();
                Token t = reader.next(in);
                reads.add(new Read(t, reader.columns(), start, in.readerIndex()));
            }
            return reads;
        } finally {
            in.release();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "tedious_test_loginack_token", "tedious_test_error_token_4060", "gomssqldb_select1_response_tokens",
        "constructed_login_ok_response_tds74", "constructed_minimal_login_ok_loginack_done",
        "constructed_login_failed_error_done", "constructed_proxy_reject_error_done",
        "pytds_real_login_response_sql2008", "pytds_real_use_db_response",
        "pytds_login_response_with_featureextack", "constructed_select1_response_packet"})
    void everyTokenReEncodesByteForByteAndTruncationIsClean(String vector) {
        byte[] stream = tokens(vector);
        List<Read> reads = readWithOffsets(stream);
        assertThat(reads).isNotEmpty();
        assertThat(reads.get(reads.size() - 1).end()).isEqualTo(stream.length);
        List<Integer> boundaries = new ArrayList<>(List.of(0));
        for (Read r : reads) {
            byte[] again = TestBytes.encode(out -> TokenCodecs.encode(out, r.token(), r.columns()));
            assertThat(hex(again)).as("%s re-encoded", r.token().type())
                    .isEqualTo(hex(Arrays.copyOfRange(stream, r.start(), r.end())));
            boundaries.add(r.end());
        }
        assertTruncations(stream, boundaries);
    }

    private static void assertTruncations(byte[] stream, List<Integer> boundaries) {
        ByteBuf whole = PooledByteBufAllocator.DEFAULT.directBuffer(stream.length);
        try {
            whole.writeBytes(stream);
            for (int cut = 0; cut < stream.length; cut++) {
                ByteBuf prefix = whole.slice(0, cut);
                int k = boundaries.indexOf(cut);
                if (k >= 0) {
                    assertThat(TokenReader.readAll(prefix)).as("tokens before byte %d", cut).hasSize(k);
                } else {
                    int at = cut;
                    assertThatThrownBy(() -> TokenReader.readAll(prefix))
                            .as("stream cut at %d", at).isInstanceOf(ProtocolException.class);
                }
            }
        } finally {
            whole.release();
        }
    }

    private static List<Token> all(String vector) {
        return TestBytes.decodeAll(tokens(vector), TokenReader::readAll);
    }

    @Test
    void realSql2008LoginResponse() {
        List<Token> t = all("pytds_real_login_response_sql2008");
        assertThat(t).extracting(Token::type).containsExactly(TokenType.ENVCHANGE, TokenType.INFO, TokenType.ENVCHANGE,
                TokenType.ENVCHANGE, TokenType.INFO, TokenType.LOGINACK, TokenType.ENVCHANGE, TokenType.DONE);
        assertThat(t.get(0).value()).isEqualTo(new EnvChange.Database("SubmissionPortal", "master"));
        ServerMessage info = t.get(1).as(ServerMessage.class);
        assertThat(info.number()).isEqualTo(5701);
        assertThat(info.state()).isEqualTo(2);
        assertThat(info.severity()).isZero();
        assertThat(info.text()).isEqualTo("Changed database context to 'SubmissionPortal'.");
        assertThat(info.serverName()).isEqualTo("MSSQLHV30");
        assertThat(info.procName()).isEmpty();
        assertThat(info.lineNumber()).isEqualTo(1);
        assertThat(t.get(2).value()).isEqualTo(new EnvChange.SqlCollation(Collation.of(hex("0904000100"))));
        assertThat(t.get(3).value()).isEqualTo(new EnvChange.Language("us_english", ""));
        assertThat(t.get(4).as(ServerMessage.class).number()).isEqualTo(5703);
        assertThat(t.get(5).value()).isEqualTo(
                new LoginAck(1, LoginAck.TDS_7_3B, "Microsoft SQL Server\0\0", 10, 0, 0x15, 0x88));
        assertThat(t.get(5).as(LoginAck.class).build()).isEqualTo(5512);
        assertThat(t.get(6).value()).isEqualTo(new EnvChange.PacketSize(4096, 4096));
        assertThat(t.get(7).value()).isEqualTo(Done.done(DoneStatus.FINAL));
    }

    @Test
    void featureExtAckBeforeDone() {
        List<Token> t = all("pytds_login_response_with_featureextack");
        FeatureExtAck ack = t.get(t.size() - 2).as(FeatureExtAck.class);
        assertThat(ack.features()).extracting(FeatureExtAck.Feature::id).containsExactly(0x02, FeatureExtAck.UTF8_SUPPORT);
        assertThat(new String(ack.features().get(0).data())).isEqualTo("abcdefghijklmnopqrstuvwxyzabcdef");
        assertThat(ack.features().get(1).data()).containsExactly(1);
        assertThat(t.get(t.size() - 1).type()).isEqualTo(TokenType.DONE);
    }

    @Test
    void beginTransactionAfterUseDb() {
        List<Token> t = all("pytds_real_use_db_response");
        assertThat(t.get(0).value()).isEqualTo(new EnvChange.BeginTransaction(hex("010000005a000000")));
        assertThat(t.get(1).value()).isEqualTo(Done.done(0, 0xFD, 0));
    }

    @Test
    void tediousLoginAckAndError() {
        assertThat(all("tedious_test_loginack_token")).singleElement().extracting(Token::value)
                .isEqualTo(new LoginAck(0, LoginAck.TDS_7_4, "Tedious SQL Server", 0, 0, 0, 0));
        ServerMessage error = all("tedious_test_error_token_4060").get(0).as(ServerMessage.class);
        assertThat(error).isEqualTo(new ServerMessage(4060, 0, 0, "Failure", "", "", 0));
    }

    @Test
    void selectOneVector() {
        List<Token> t = all("gomssqldb_select1_response_tokens");
        assertThat(t.get(0).value()).isEqualTo(List.of(new Column("", TypeInfo.fixed(TdsType.INT4), Column.COMPUTED)));
        assertThat(t.get(1).as(Object[].class)).containsExactly(1);
        assertThat(t.get(2).value()).isEqualTo(Done.selectCount(0, 1));
    }

    @Test
    void loginFailedAndProxyReject() {
        List<Token> failed = all("constructed_login_failed_error_done");
        assertThat(failed.get(0).value()).isEqualTo(
                new ServerMessage(18456, 1, 14, "Login failed for user 'sa'.", "TDSPROXY", "", 1));
        assertThat(failed.get(1).as(Done.class).has(DoneStatus.ERROR)).isTrue();
        ServerMessage reject = all("constructed_proxy_reject_error_done").get(0).as(ServerMessage.class);
        assertThat(reject.number()).isEqualTo(20);
        assertThat(reject.severity()).isEqualTo(16);
        assertThat(reject.isFatal()).isFalse();
    }
}
