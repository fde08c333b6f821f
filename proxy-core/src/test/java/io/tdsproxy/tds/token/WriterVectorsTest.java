package io.tdsproxy.tds.token;

import io.tdsproxy.tds.types.Collation;
import io.tdsproxy.tds.types.Column;
import io.tdsproxy.tds.types.TdsType;
import io.tdsproxy.tds.types.TestBytes;
import io.tdsproxy.tds.types.TypeInfo;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tdsproxy.tds.types.TestBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replies the embedded server sends, built from the writers alone, equal the saved vectors
 * byte for byte (packet header stripped): the writers do not merely agree with the readers.
 */
class WriterVectorsTest {

    private static String payload(String vector) {
        return hex(VectorTokensTest.tokens(vector));
    }

    @Test
    void loginOkResponse() {
        byte[] built = TestBytes.encode(out -> {
            new EnvChange.Database("master", "master").encode(out);
            new ServerMessage(5701, 2, 0, "Changed database context to 'master'.", "TDSPROXY", "", 1).encodeInfo(out);
            new EnvChange.SqlCollation(Collation.DEFAULT).encode(out);
            new EnvChange.Language("us_english", "").encode(out);
            new ServerMessage(5703, 1, 0, "Changed language setting to us_english.", "TDSPROXY", "", 1).encodeInfo(out);
            LoginAck.sqlServer(LoginAck.TDS_7_4, 16, 0, 1000).encode(out);
            new EnvChange.PacketSize(4096, 4096).encode(out);
            Done.done(DoneStatus.FINAL).encode(out);
        });
        assertThat(hex(built)).isEqualTo(payload("constructed_login_ok_response_tds74"));
    }

    @Test
    void minimalLoginOk() {
        byte[] built = TestBytes.encode(out -> {
            LoginAck.sqlServer(LoginAck.TDS_7_4, 16, 0, 1000).encode(out);
            Done.done(0).encode(out);
        });
        assertThat(hex(built)).isEqualTo(payload("constructed_minimal_login_ok_loginack_done"));
    }

    @Test
    void loginFailed() {
        byte[] built = TestBytes.encode(out -> {
            new ServerMessage(18456, 1, 14, "Login failed for user 'sa'.", "TDSPROXY", "", 1).encodeError(out);
            Done.done(DoneStatus.ERROR).encode(out);
        });
        assertThat(hex(built)).isEqualTo(payload("constructed_login_failed_error_done"));
    }

    @Test
    void selectOne() {
        List<Column> columns = List.of(new Column("", TypeInfo.fixed(TdsType.INT4), Column.COMPUTED));
        byte[] built = TestBytes.encode(out -> {
            ColumnMetadata.encode(out, columns);
            RowToken.encode(out, columns, new Object[] {1});
            Done.selectCount(DoneStatus.FINAL, 1).encode(out);
        });
        assertThat(hex(built)).isEqualTo(payload("gomssqldb_select1_response_tokens"))
                .isEqualTo(payload("constructed_select1_response_packet"));
    }

    @Test
    void tediousLoginAck() {
        byte[] built = TestBytes.encode(new LoginAck(LoginAck.SQL_DFLT, LoginAck.TDS_7_4, "Tedious SQL Server", 0, 0, 0, 0)::encode);
        assertThat(hex(built)).isEqualTo(payload("tedious_test_loginack_token"));
    }
}
