package io.tdsproxy.testkit.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tdsproxy.tds.types.TypeInfo;
import io.tdsproxy.tds.types.ValueCodec;
import io.tdsproxy.tds.types.Wire;

/** Builds RPC request payloads (MS-TDS 2.2.6.6) for tests; the caller owns the returned buffer. */
final class RpcRequests {
    private final ByteBuf out = Unpooled.buffer();
    private boolean first = true;

    /** Starts with ALL_HEADERS (TDS 7.2+) when {@code allHeaders}. */
    RpcRequests(boolean allHeaders) {
        if (allHeaders) {
            out.writeIntLE(22).writeIntLE(18).writeShortLE(2).writeLongLE(0).writeIntLE(1);
        }
    }

    RpcRequests call(int procId) {
        separator();
        out.writeShortLE(0xFFFF).writeShortLE(procId).writeShortLE(0);
        return this;
    }

    RpcRequests call(String name) {
        separator();
        out.writeShortLE(name.length());
        Wire.writeUcs2(out, name);
        out.writeShortLE(0);
        return this;
    }

    RpcRequests param(String name, boolean output, TypeInfo type, Object value) {
        Wire.writeBVarchar(out, name);
        out.writeByte(output ? 1 : 0);
        type.encode(out);
        ValueCodec.write(out, type, value);
        return this;
    }

    RpcRequests text(String value) {
        return param("", false, TypeInfo.nvarcharMax(), value);
    }

    ByteBuf build() {
        return out;
    }

    private void separator() {
        if (!first) {
            out.writeByte(0xFF);
        }
        first = false;
    }
}
