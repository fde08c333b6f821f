package io.tdsproxy.testkit.session;

import io.tdsproxy.tds.packet.PacketType;
import io.tdsproxy.tds.token.Done;
import io.tdsproxy.tds.token.DoneStatus;
import io.tdsproxy.tds.token.ReturnStatus;
import io.tdsproxy.tds.token.ReturnValue;
import io.tdsproxy.tds.token.ServerMessage;
import io.tdsproxy.tds.token.Token;
import io.tdsproxy.tds.token.TokenFormat;
import io.tdsproxy.tds.token.TokenType;
import io.tdsproxy.tds.types.TypeInfo;
import io.tdsproxy.testkit.rpc.RpcCall;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** RPC responses in SQL Server's token order (MS-TDS 2.2.6.6, 2.2.7.18/19). */
class ProcedureCallTest {

    private static List<TokenType> types(List<Token> tokens) {
        return tokens.stream().map(Token::type).collect(Collectors.toList());
    }

    @Test
    void executeSqlBindsDeclaredParametersPositionally() throws Exception {
        try (ConnectionHarness h = new ConnectionHarness()) {
            h.loggedIn();
            h.send(PacketType.RPC, new RpcRequests(true).call(RpcCall.SP_EXECUTESQL)
                    .text("SELECT @P1 + 1, @P0, @P1")
                    .text("@P0 nvarchar(4000),@P1 int")
                    .param("", false, TypeInfo.nvarchar(4000), "abc")
                    .param("", false, TypeInfo.intN(4), 41)
                    .build());
            List<Token> tokens = h.next().tokens(TokenFormat.TDS_7_2);
            assertThat(types(tokens)).containsExactly(TokenType.COLMETADATA, TokenType.ROW, TokenType.DONEINPROC,
                    TokenType.RETURNSTATUS, TokenType.DONEPROC);
            assertThat((Object[]) tokens.get(1).value()).containsExactly(42, "abc", 41);
            Done inProc = tokens.get(2).as(Done.class);
            assertThat(inProc.status()).isEqualTo(DoneStatus.MORE | DoneStatus.COUNT);
            assertThat(tokens.get(3).as(ReturnStatus.class).value()).isZero();
            Done proc = tokens.get(4).as(Done.class);
            assertThat(proc.status()).isEqualTo(DoneStatus.FINAL);
            assertThat(proc.currentCommand()).isEqualTo(Done.CMD_EXECUTE);
        }
    }

    @Test
    void prepExecReturnsTheHandleAndExecuteReusesIt() throws Exception {
        try (ConnectionHarness h = new ConnectionHarness()) {
            h.loggedIn();
            h.send(PacketType.RPC, new RpcRequests(true).call(RpcCall.SP_PREPEXEC)
                    .param("@handle", true, TypeInfo.intN(4), null)
                    .text("@P0 bigint")
                    .text("SELECT X * 10 FROM SYSTEM_RANGE(1, 3) WHERE X = @P0")
                    .param("", false, TypeInfo.intN(8), 2L)
                    .build());
            List<Token> tokens = h.next().tokens(TokenFormat.TDS_7_2);
            assertThat(types(tokens)).containsExactly(TokenType.COLMETADATA, TokenType.ROW, TokenType.DONEINPROC,
                    TokenType.RETURNSTATUS, TokenType.RETURNVALUE, TokenType.DONEPROC);
            ReturnValue handle = tokens.get(4).as(ReturnValue.class);
            assertThat(handle.name()).isEqualTo("@handle");
            assertThat(handle.status()).isEqualTo(ReturnValue.OUTPUT_PARAMETER);
            assertThat(handle.type()).isEqualTo(TypeInfo.intN(4));
            int id = (Integer) handle.value();

            h.send(PacketType.RPC, new RpcRequests(true).call("sp_execute")
                    .param("", false, TypeInfo.intN(4), id)
                    .param("", false, TypeInfo.intN(8), 3L)
                    .build());
            List<Token> again = h.next().tokens(TokenFormat.TDS_7_2);
            assertThat(types(again)).containsExactly(TokenType.COLMETADATA, TokenType.ROW, TokenType.DONEINPROC,
                    TokenType.RETURNSTATUS, TokenType.DONEPROC);
            assertThat((Object[]) again.get(1).value()).containsExactly(30L);

            h.send(PacketType.RPC, new RpcRequests(true).call(RpcCall.SP_UNPREPARE)
                    .param("", false, TypeInfo.intN(4), id).build());
            assertThat(types(h.next().tokens(TokenFormat.TDS_7_2))).containsExactly(TokenType.RETURNSTATUS, TokenType.DONEPROC);

            h.send(PacketType.RPC, new RpcRequests(true).call(RpcCall.SP_EXECUTE)
                    .param("", false, TypeInfo.intN(4), id).param("", false, TypeInfo.intN(8), 3L).build());
            List<Token> gone = h.next().tokens(TokenFormat.TDS_7_2);
            assertThat(gone.get(0).as(ServerMessage.class).number()).isEqualTo(8179);
            assertThat(gone.get(gone.size() - 1).as(Done.class).has(DoneStatus.ERROR)).isTrue();
        }
    }

    @Test
    void prepareAloneReturnsAHandleInTds71Layout() throws Exception {
        try (ConnectionHarness h = new ConnectionHarness()) {
            h.login(ConnectionHarness.login74(ConnectionHarness.USER, ConnectionHarness.PASSWORD)
                    .tdsVersion(io.tdsproxy.tds.login.Login7.TDS_7_1));
            h.next().payload().release();
            h.send(PacketType.RPC, new RpcRequests(false).call(RpcCall.SP_PREPARE)
                    .param("", true, TypeInfo.intN(4), null)
                    .param("", false, TypeInfo.nvarchar(4000), "@P0 int")
                    .param("", false, TypeInfo.nvarchar(4000), "SELECT @P0")
                    .param("", false, TypeInfo.intN(4), 1)
                    .build());
            List<Token> tokens = h.next().tokens(TokenFormat.TDS_7_1);
            assertThat(types(tokens)).containsExactly(TokenType.RETURNSTATUS, TokenType.RETURNVALUE, TokenType.DONEPROC);
            assertThat(tokens.get(1).as(ReturnValue.class).value()).isEqualTo(1);
        }
    }

    @Test
    void severalCallsInOneRequestEndWithMoreExceptTheLast() throws Exception {
        try (ConnectionHarness h = new ConnectionHarness()) {
            h.loggedIn();
            h.send(PacketType.RPC, new RpcRequests(true)
                    .call(RpcCall.SP_EXECUTESQL).text("SELECT 1")
                    .call(RpcCall.SP_EXECUTESQL).text("SELECT 2")
                    .build());
            List<Token> tokens = h.next().tokens(TokenFormat.TDS_7_2);
            List<Done> procs = tokens.stream().filter(t -> t.type() == TokenType.DONEPROC)
                    .map(t -> t.as(Done.class)).collect(Collectors.toList());
            assertThat(procs).hasSize(2);
            assertThat(procs.get(0).has(DoneStatus.MORE)).isTrue();
            assertThat(procs.get(1).has(DoneStatus.MORE)).isFalse();
        }
    }

    @Test
    void unknownProcedureIs2812() throws Exception {
        try (ConnectionHarness h = new ConnectionHarness()) {
            h.loggedIn();
            h.send(PacketType.RPC, new RpcRequests(true).call("dbo.my_proc").build());
            List<Token> tokens = h.next().tokens(TokenFormat.TDS_7_2);
            assertThat(tokens.get(0).as(ServerMessage.class).number()).isEqualTo(2812);
            assertThat(tokens.get(0).as(ServerMessage.class).text()).isEqualTo("Could not find stored procedure 'dbo.my_proc'.");
        }
    }

    @Test
    void statementErrorInsideExecuteSql() throws Exception {
        try (ConnectionHarness h = new ConnectionHarness()) {
            h.loggedIn();
            h.send(PacketType.RPC, new RpcRequests(true).call(RpcCall.SP_EXECUTESQL).text("SELECT * FROM nope").build());
            List<Token> tokens = h.next().tokens(TokenFormat.TDS_7_2);
            assertThat(types(tokens)).containsExactly(TokenType.ERROR, TokenType.DONEINPROC, TokenType.RETURNSTATUS,
                    TokenType.DONEPROC);
            assertThat(tokens.get(3).as(Done.class).has(DoneStatus.ERROR)).isTrue();
            assertThat(tokens.get(2).as(ReturnStatus.class).value()).isNotZero();
        }
    }
}
