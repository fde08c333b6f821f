package io.tdsproxy.testkit.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tdsproxy.tds.login.Login7;
import io.tdsproxy.tds.packet.PacketType;
import io.tdsproxy.tds.prelogin.EncryptionValue;
import io.tdsproxy.tds.prelogin.PreloginMessage;
import io.tdsproxy.tds.prelogin.PreloginOption;
import io.tdsproxy.tds.prelogin.PreloginOptionToken;
import io.tdsproxy.tds.prelogin.PreloginVersion;
import io.tdsproxy.tds.token.Done;
import io.tdsproxy.tds.token.DoneStatus;
import io.tdsproxy.tds.token.EnvChange;
import io.tdsproxy.tds.token.LoginAck;
import io.tdsproxy.tds.token.ServerMessage;
import io.tdsproxy.tds.token.Token;
import io.tdsproxy.tds.token.TokenFormat;
import io.tdsproxy.tds.token.TokenType;
import io.tdsproxy.tds.types.Collation;
import io.tdsproxy.tds.types.Column;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class TdsConnectionTest {

    private static PreloginMessage clientPrelogin(EncryptionValue encryption, boolean fedAuth) {
        PreloginMessage m = PreloginMessage.of(
                PreloginOption.of(PreloginOptionToken.VERSION, new PreloginVersion(12, 2, 0, 0).encode()),
                PreloginOption.of(PreloginOptionToken.ENCRYPTION, new byte[] {(byte) encryption.raw()}),
                PreloginOption.of(PreloginOptionToken.TRACEID, new byte[36]));
        return fedAuth ? m.with(PreloginOptionToken.FEDAUTHREQUIRED.code(), new byte[] {1}) : m;
    }

    @Test
    void preloginReplyIsOneTabularPacketShapedLikeSqlServer() throws Exception {
        try (ConnectionHarness h = new ConnectionHarness()) {
            h.prelogin(clientPrelogin(EncryptionValue.OFF, false));
            ConnectionHarness.Message reply = h.next();
            assertThat(reply.headers()).hasSize(1);
            assertThat(reply.headers().get(0).type()).isEqualTo(PacketType.TABULAR_RESULT);
            assertThat(reply.headers().get(0).isEndOfMessage()).isTrue();
            PreloginMessage m;
            try {
                m = PreloginMessage.decode(reply.payload());
            } finally {
                reply.payload().release();
            }
            assertThat(m.options().stream().map(PreloginOption::tokenType).collect(Collectors.toList()))
                    .containsExactly(PreloginOptionToken.VERSION, PreloginOptionToken.ENCRYPTION,
                            PreloginOptionToken.INSTOPT, PreloginOptionToken.THREADID, PreloginOptionToken.MARS);
            assertThat(m.version()).contains(new PreloginVersion(16, 0, 1000, 6));
            assertThat(m.encryption()).contains(EncryptionValue.NOT_SUP);
            assertThat(m.find(PreloginOptionToken.INSTOPT).orElseThrow().data()).containsExactly(0);
            assertThat(m.find(PreloginOptionToken.THREADID).orElseThrow().data()).isEmpty();
            assertThat(m.find(PreloginOptionToken.MARS).orElseThrow().data()).containsExactly(0);
            assertThat(h.channel.isOpen()).isTrue();
        }
    }

    @Test
    void fedAuthRequiredIsEchoedAsZero() throws Exception {
        try (ConnectionHarness h = new ConnectionHarness()) {
            h.prelogin(clientPrelogin(EncryptionValue.OFF, true));
            ConnectionHarness.Message reply = h.next();
            try {
                PreloginMessage m = PreloginMessage.decode(reply.payload());
                assertThat(m.find(PreloginOptionToken.FEDAUTHREQUIRED).orElseThrow().data()).containsExactly(0);
            } finally {
                reply.payload().release();
            }
        }
    }

    @Test
    void clientThatRequiresEncryptionGetsNotSupAndTheConnectionEnds() throws Exception {
        try (ConnectionHarness h = new ConnectionHarness()) {
            h.prelogin(clientPrelogin(EncryptionValue.ON, false));
            ConnectionHarness.Message reply = h.next();
            try {
                assertThat(PreloginMessage.decode(reply.payload()).encryption()).contains(EncryptionValue.NOT_SUP);
            } finally {
                reply.payload().release();
            }
            h.channel.runPendingTasks();
            assertThat(h.channel.isOpen()).isFalse();
        }
    }

    @Test
    void loginReplyHasTheRealServerTokenOrder() throws Exception {
        try (ConnectionHarness h = new ConnectionHarness()) {
            h.prelogin(clientPrelogin(EncryptionValue.OFF, false));
            h.next().payload().release();
            h.login(ConnectionHarness.login74(ConnectionHarness.USER, ConnectionHarness.PASSWORD));
            ConnectionHarness.Message reply = h.next();
            assertThat(reply.headers()).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(4096));
            assertThat(reply.headers().get(0).spid()).isEqualTo(51);
            List<Token> tokens = reply.tokens(TokenFormat.TDS_7_2);
            assertThat(tokens.stream().map(Token::type).collect(Collectors.toList())).containsExactly(
                    TokenType.ENVCHANGE, TokenType.INFO, TokenType.ENVCHANGE, TokenType.ENVCHANGE,
                    TokenType.LOGINACK, TokenType.ENVCHANGE, TokenType.DONE);
            assertThat(tokens.get(0).value()).isEqualTo(new EnvChange.Database("master", "master"));
            assertThat(tokens.get(1).as(ServerMessage.class).number()).isEqualTo(5701);
            assertThat(tokens.get(2).value()).isEqualTo(new EnvChange.SqlCollation(Collation.DEFAULT));
            assertThat(tokens.get(3).value()).isEqualTo(new EnvChange.Language("us_english", ""));
            LoginAck ack = tokens.get(4).as(LoginAck.class);
            assertThat(ack.interfaceType()).isEqualTo(LoginAck.SQL_TSQL);
            assertThat(ack.tdsVersion()).isEqualTo(LoginAck.TDS_7_4);
            assertThat(ack.programName()).isEqualTo("Microsoft SQL Server");
            assertThat(ack.major()).isEqualTo(16);
            assertThat(tokens.get(5).value()).isEqualTo(new EnvChange.PacketSize(8000, 4096));
            assertThat(tokens.get(6).as(Done.class).status()).isEqualTo(DoneStatus.FINAL);
        }
    }

    @ParameterizedTest
    @CsvSource({"0, 4096", "100, 512", "512, 512", "8000, 8000", "32767, 32767", "40000, 32767", "-1, 4096"})
    void packetSizeIsClampedAndZeroMeansDefault(int requested, int negotiated) throws Exception {
        try (ConnectionHarness h = new ConnectionHarness()) {
            h.login(ConnectionHarness.login74(ConnectionHarness.USER, ConnectionHarness.PASSWORD).packetSize(requested));
            List<Token> tokens = h.next().tokens(TokenFormat.TDS_7_2);
            assertThat(tokens).anySatisfy(t -> assertThat(t.value()).isEqualTo(new EnvChange.PacketSize(negotiated, 4096)));
        }
    }

    @ParameterizedTest
    @CsvSource({"0x74000004, 0x74000004", "0x730B0003, 0x730B0003", "0x730A0003, 0x730A0003",
            "0x72090002, 0x72090002", "0x71000001, 0x71000001", "0x08000000, 0x74000004", "0x75000000, 0x74000004"})
    void loginAckVersionIsTheLowerOfTheClientsAnd74(String client, String acked) throws Exception {
        long clientVersion = Long.decode(client);
        try (ConnectionHarness h = new ConnectionHarness()) {
            h.login(ConnectionHarness.login74(ConnectionHarness.USER, ConnectionHarness.PASSWORD).tdsVersion(clientVersion));
            List<Token> tokens = h.next().tokens(TokenFormat.of(Long.decode(acked)));
            assertThat(tokens).filteredOn(t -> t.type() == TokenType.LOGINACK).singleElement()
                    .satisfies(t -> assertThat(t.as(LoginAck.class).tdsVersion()).isEqualTo(Long.decode(acked)));
        }
    }

    @Test
    void login7WithoutPreloginIsAPlaintextLoginInTds71Layouts() throws Exception {
        try (ConnectionHarness h = new ConnectionHarness()) {
            h.login(ConnectionHarness.login74(ConnectionHarness.USER, ConnectionHarness.PASSWORD)
                    .tdsVersion(Login7.TDS_7_1).packetSize(0));
            List<Token> tokens = h.next().tokens(TokenFormat.TDS_7_1);
            assertThat(tokens).filteredOn(t -> t.type() == TokenType.LOGINACK).singleElement()
                    .satisfies(t -> assertThat(t.as(LoginAck.class).tdsVersion()).isEqualTo(LoginAck.TDS_7_1));
            h.batch("SELECT CAST('2024-01-02' AS DATE) AS d", false);
            List<Token> result = h.next().tokens(TokenFormat.TDS_7_1);
            @SuppressWarnings("unchecked")
            List<Column> columns = (List<Column>) result.get(0).value();
            assertThat(columns.get(0).type().type().name()).isEqualTo("NVARCHAR");
            assertThat(((Object[]) result.get(1).value())[0]).isEqualTo("2024-01-02");
            assertThat(result.get(2).as(Done.class).rowCount()).isEqualTo(1);
        }
    }

    @Test
    void wrongPasswordIs18456ThenDoneErrorThenClose() throws Exception {
        try (ConnectionHarness h = new ConnectionHarness()) {
            h.login(ConnectionHarness.login74(ConnectionHarness.USER, "nope"));
            List<Token> tokens = h.next().tokens(TokenFormat.TDS_7_2);
            assertThat(tokens).hasSize(2);
            ServerMessage error = tokens.get(0).as(ServerMessage.class);
            assertThat(tokens.get(0).type()).isEqualTo(TokenType.ERROR);
            assertThat(error.number()).isEqualTo(18456);
            assertThat(error.severity()).isEqualTo(14);
            assertThat(error.text()).isEqualTo("Login failed for user 'sa'.");
            assertThat(tokens.get(1).as(Done.class).has(DoneStatus.ERROR)).isTrue();
            h.channel.runPendingTasks();
            assertThat(h.channel.isOpen()).isFalse();
        }
    }

    @Test
    void unknownDatabaseIs4060Then18456() throws Exception {
        try (ConnectionHarness h = new ConnectionHarness()) {
            h.login(ConnectionHarness.login74(ConnectionHarness.USER, ConnectionHarness.PASSWORD).database("nosuch"));
            List<Token> tokens = h.next().tokens(TokenFormat.TDS_7_2);
            assertThat(tokens.stream().filter(t -> t.type() == TokenType.ERROR)
                    .map(t -> t.as(ServerMessage.class).number()).collect(Collectors.toList())).containsExactly(4060L, 18456L);
        }
    }

    @Test
    void batchOfTwoSelectsGivesTwoResultsAndFinalDone() throws Exception {
        try (ConnectionHarness h = new ConnectionHarness()) {
            h.loggedIn();
            h.batch("SELECT 1 AS one; SELECT N'x' AS two", true);
            List<Token> tokens = h.next().tokens(TokenFormat.TDS_7_2);
            assertThat(tokens.stream().map(Token::type).collect(Collectors.toList())).containsExactly(
                    TokenType.COLMETADATA, TokenType.ROW, TokenType.DONE,
                    TokenType.COLMETADATA, TokenType.ROW, TokenType.DONE);
            Done first = tokens.get(2).as(Done.class);
            assertThat(first.status()).isEqualTo(DoneStatus.MORE | DoneStatus.COUNT);
            assertThat(first.rowCount()).isEqualTo(1);
            assertThat(tokens.get(5).as(Done.class).status()).isEqualTo(DoneStatus.COUNT);
            assertThat(((Object[]) tokens.get(4).value())[0]).isEqualTo("x");
        }
    }

    @Test
    void sqlErrorIsClass16ErrorAndDoneError() throws Exception {
        try (ConnectionHarness h = new ConnectionHarness()) {
            h.loggedIn();
            h.batch("SELECT * FROM missing_table", true);
            List<Token> tokens = h.next().tokens(TokenFormat.TDS_7_2);
            assertThat(tokens).hasSize(2);
            ServerMessage error = tokens.get(0).as(ServerMessage.class);
            assertThat(error.severity()).isEqualTo(16);
            assertThat(error.text()).contains("Table \"missing_table\" not found");
            assertThat(tokens.get(1).as(Done.class).status()).isEqualTo(DoneStatus.ERROR);
            assertThat(h.channel.isOpen()).isTrue();
        }
    }

    @Test
    void attentionWhileIdleIsAcknowledgedByItsOwnMessage() throws Exception {
        try (ConnectionHarness h = new ConnectionHarness()) {
            h.loggedIn();
            h.send(PacketType.ATTENTION, Unpooled.EMPTY_BUFFER);
            List<Token> tokens = h.next().tokens(TokenFormat.TDS_7_2);
            assertThat(tokens).singleElement().satisfies(t -> assertThat(t.as(Done.class).status()).isEqualTo(DoneStatus.ATTN));
        }
    }

    @Test
    void resultLargerThanAPacketUsesTheNegotiatedSize() throws Exception {
        try (ConnectionHarness h = new ConnectionHarness()) {
            h.loggedIn(); // negotiated 8000
            h.batch("SELECT X, REPEAT('y', 100) FROM SYSTEM_RANGE(1, 2000)", true);
            ConnectionHarness.Message m = h.next();
            assertThat(m.headers()).hasSizeGreaterThan(10);
            assertThat(m.headers().subList(0, m.headers().size() - 1)).allSatisfy(p -> {
                assertThat(p.length()).isEqualTo(8000);
                assertThat(p.isEndOfMessage()).isFalse();
            });
            assertThat(m.headers().get(0).packetId()).isEqualTo(1);
            assertThat(m.headers().get(1).packetId()).isEqualTo(2);
            List<Token> tokens = m.tokens(TokenFormat.TDS_7_2);
            assertThat(tokens).hasSize(2002);
            assertThat(tokens.get(2001).as(Done.class).rowCount()).isEqualTo(2000);
        }
    }

    @Test
    void multiPacketRequestIsReassembled() throws Exception {
        try (ConnectionHarness h = new ConnectionHarness()) {
            h.loggedIn();
            String literal = "z".repeat(6000);
            ByteBuf body = Unpooled.buffer();
            body.writeIntLE(22).writeIntLE(18).writeShortLE(2).writeLongLE(0).writeIntLE(1);
            body.writeCharSequence("SELECT LEN('" + literal + "')", java.nio.charset.StandardCharsets.UTF_16LE);
            h.send(PacketType.SQL_BATCH, body, 512);
            List<Token> tokens = h.next().tokens(TokenFormat.TDS_7_2);
            assertThat(((Object[]) tokens.get(1).value())[0]).isEqualTo(6000L);
        }
    }

    @Test
    void clientSetupBatchesAreAnsweredWithOneDonePerStatement() throws Exception {
        String tedious = "set textsize 2147483647\nset quoted_identifier on\nset arithabort off\n"
                + "set numeric_roundabort off\nset ansi_warnings on\nset ansi_padding on\nset ansi_nulls on\n"
                + "set concat_null_yields_null on\nset cursor_close_on_commit off\nset implicit_transactions off\n"
                + "set language us_english\nset dateformat mdy\nset datefirst 7\n"
                + "set transaction isolation level read committed";
        String pymssql = "SET ARITHABORT ON;SET CONCAT_NULL_YIELDS_NULL ON;SET ANSI_NULLS ON;SET ANSI_NULL_DFLT_ON ON;"
                + "SET ANSI_PADDING ON;SET ANSI_WARNINGS ON;SET CURSOR_CLOSE_ON_COMMIT ON;SET QUOTED_IDENTIFIER ON;"
                + "SET TEXTSIZE 2147483647;";
        try (ConnectionHarness h = new ConnectionHarness()) {
            h.loggedIn();
            for (String batch : List.of(tedious, pymssql)) {
                h.batch(batch, true);
                List<Token> tokens = h.next().tokens(TokenFormat.TDS_7_2);
                int statements = batch.split("(?i)set ", -1).length - 1;
                assertThat(tokens).hasSize(statements).allMatch(t -> t.type() == TokenType.DONE);
                assertThat(tokens.subList(0, statements - 1)).allMatch(t -> t.as(Done.class).has(DoneStatus.MORE));
                assertThat(tokens.get(statements - 1).as(Done.class).status()).isEqualTo(DoneStatus.FINAL);
            }
        }
    }

    @Test
    void jtdsSetupBatchAnswersMaxPrecisionThenDones() throws Exception {
        try (ConnectionHarness h = new ConnectionHarness()) {
            h.loggedIn();
            h.batch("SELECT @@MAX_PRECISION\r\nSET TRANSACTION ISOLATION LEVEL READ COMMITTED\r\n"
                    + "SET IMPLICIT_TRANSACTIONS OFF\r\nSET QUOTED_IDENTIFIER ON\r\nSET TEXTSIZE 2147483647", true);
            List<Token> tokens = h.next().tokens(TokenFormat.TDS_7_2);
            assertThat(tokens.stream().map(Token::type).collect(Collectors.toList())).containsExactly(
                    TokenType.COLMETADATA, TokenType.ROW, TokenType.DONE, TokenType.DONE, TokenType.DONE,
                    TokenType.DONE, TokenType.DONE);
            assertThat(((Object[]) tokens.get(1).value())[0]).isEqualTo(38);
        }
    }

    @Test
    void resetConnectionIsAcknowledgedAndRestoresSessionDefaults() throws Exception {
        try (ConnectionHarness h = new ConnectionHarness()) {
            h.loggedIn();
            h.batch("SET NOCOUNT ON", true);
            h.next().payload().release();
            ByteBuf body = Unpooled.buffer();
            body.writeIntLE(22).writeIntLE(18).writeShortLE(2).writeLongLE(0).writeIntLE(1);
            body.writeCharSequence("CREATE TABLE r (v int); INSERT INTO r VALUES (1)", java.nio.charset.StandardCharsets.UTF_16LE);
            ByteBuf wire = Unpooled.buffer();
            try {
                io.tdsproxy.tds.packet.TdsMessageWriter.writeMessage(wire, PacketType.SQL_BATCH, 0, 4096, body);
            } finally {
                body.release();
            }
            wire.setByte(1, wire.getByte(1) | io.tdsproxy.tds.packet.PacketStatus.RESET_CONNECTION);
            h.channel.writeInbound(wire);
            List<Token> tokens = h.next().tokens(TokenFormat.TDS_7_2);
            assertThat(tokens.get(0).type()).isEqualTo(TokenType.ENVCHANGE);
            assertThat(tokens.get(0).as(EnvChange.class).type()).isEqualTo(18);
            Done insert = tokens.get(tokens.size() - 1).as(Done.class);
            assertThat(insert.status()).as("NOCOUNT is off again after the reset").isEqualTo(DoneStatus.COUNT);
            assertThat(insert.rowCount()).isEqualTo(1);
        }
    }
}
