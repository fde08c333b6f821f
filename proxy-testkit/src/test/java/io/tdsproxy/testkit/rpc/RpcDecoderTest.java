package io.tdsproxy.testkit.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tdsproxy.tds.ProtocolException;
import io.tdsproxy.tds.types.TypeInfo;
import io.tdsproxy.tds.types.ValueCodec;
import io.tdsproxy.tds.types.Wire;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RpcDecoderTest {

    private static ByteBuf request() {
        ByteBuf b = Unpooled.buffer();
        b.writeShortLE(0xFFFF).writeShortLE(RpcCall.SP_EXECUTESQL).writeShortLE(0);
        param(b, "", 0, TypeInfo.nvarcharMax(), "SELECT @P0");
        param(b, "", 0, TypeInfo.nvarchar(4000), "@P0 int");
        param(b, "@P0", 1, TypeInfo.intN(4), 7);
        b.writeByte(0xFF);
        b.writeShortLE("sp_unprepare".length());
        Wire.writeUcs2(b, "sp_unprepare");
        b.writeShortLE(0);
        param(b, "", 0, TypeInfo.intN(4), 3);
        return b;
    }

    private static void param(ByteBuf b, String name, int status, TypeInfo type, Object value) {
        Wire.writeBVarchar(b, name);
        b.writeByte(status);
        type.encode(b);
        ValueCodec.write(b, type, value);
    }

    @Test
    void decodesCallsByIdAndByNameWithTheirParameters() {
        ByteBuf b = request();
        try {
            List<RpcCall> calls = RpcDecoder.decode(b);
            assertThat(calls).hasSize(2);
            RpcCall first = calls.get(0);
            assertThat(first.procName()).isNull();
            assertThat(first.resolvedId()).isEqualTo(RpcCall.SP_EXECUTESQL);
            assertThat(first.parameters()).extracting(RpcParameter::value).containsExactly("SELECT @P0", "@P0 int", 7);
            assertThat(first.parameters().get(2).name()).isEqualTo("@P0");
            assertThat(first.parameters().get(2).output()).isTrue();
            assertThat(calls.get(1).procName()).isEqualTo("sp_unprepare");
            assertThat(calls.get(1).resolvedId()).isEqualTo(RpcCall.SP_UNPREPARE);
        } finally {
            b.release();
        }
    }

    @Test
    void everyTruncationIsAProtocolExceptionExceptAtCallAndParameterBoundaries() {
        ByteBuf whole = request();
        int successes = 0;
        try {
            for (int cut = 0; cut < whole.readableBytes(); cut++) {
                ByteBuf part = whole.retainedSlice(0, cut);
                try {
                    RpcDecoder.decode(part);
                    successes++;
                } catch (ProtocolException expected) {
                    // the only acceptable failure; anything else propagates and fails the test
                } finally {
                    part.release();
                }
            }
        } finally {
            whole.release();
        }
        // boundaries: after call 1's header, after each of its 3 parameters, after the separator,
        // after call 2's header
        assertThat(successes).isEqualTo(6);
    }

    @Test
    void namesResolveWithSchemaAndBrackets() {
        assertThat(new RpcCall("master.dbo.sp_executesql", -1, 0, List.of()).resolvedId()).isEqualTo(RpcCall.SP_EXECUTESQL);
        assertThat(new RpcCall("[sys].[SP_PREPEXEC]", -1, 0, List.of()).resolvedId()).isEqualTo(RpcCall.SP_PREPEXEC);
        assertThat(new RpcCall("my_proc", -1, 0, List.of()).resolvedId()).isEqualTo(-1);
        assertThat(new RpcCall(null, 12, 0, List.of()).displayName()).isEqualTo("sp_execute");
    }
}
