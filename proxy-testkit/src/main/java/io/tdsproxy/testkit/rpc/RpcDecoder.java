package io.tdsproxy.testkit.rpc;

import io.netty.buffer.ByteBuf;
import io.tdsproxy.tds.ProtocolException;
import io.tdsproxy.tds.types.TypeInfo;
import io.tdsproxy.tds.types.ValueCodec;
import io.tdsproxy.tds.types.Wire;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the body of an RPC request message (MS-TDS 2.2.6.6) after ALL_HEADERS:
 *
 * <pre>
 * RPCReqBatch = NameLenProcID (US_VARCHAR name, or 0xFFFF + USHORT ProcID) | OptionFlags USHORT | *ParameterData
 * ParameterData = ParamName B_VARCHAR | StatusFlags BYTE | TYPE_INFO | value
 * batches are separated by BatchFlag 0x80 (TDS 7.1), 0xFF or NoExecFlag 0xFE (TDS 7.2+)
 * </pre>
 * Every length is checked against the message; a malformed request is a {@link ProtocolException}.
 * Reads only; never retains or releases {@code in}.
 */
public final class RpcDecoder {
    private static final int PROC_ID_MARKER = 0xFFFF;

    private RpcDecoder() {
    }

    /**
     * Decodes every call in {@code in} (ALL_HEADERS already skipped), consuming it.
     *
     * @throws ProtocolException for a truncated or malformed request, or one without any call
     */
    public static List<RpcCall> decode(ByteBuf in) {
        List<RpcCall> calls = new ArrayList<>();
        while (in.isReadable()) {
            calls.add(call(in));
            if (in.isReadable()) {
                int separator = in.readUnsignedByte();
                if (separator != 0x80 && separator != 0xFF && separator != 0xFE) {
                    throw new ProtocolException(String.format("RPC batch separator 0x%02X", separator));
                }
            }
        }
        if (calls.isEmpty()) {
            throw new ProtocolException("RPC request without a procedure");
        }
        return calls;
    }

    private static RpcCall call(ByteBuf in) {
        int nameLength = Wire.readU16(in, "RPC NameLenProcID");
        String name = null;
        int procId = -1;
        if (nameLength == PROC_ID_MARKER) {
            procId = Wire.readU16(in, "RPC ProcID");
        } else {
            name = Wire.readUcs2(in, nameLength, "RPC procedure name");
        }
        int options = Wire.readU16(in, "RPC OptionFlags");
        List<RpcParameter> params = new ArrayList<>();
        while (in.isReadable() && !isSeparator(in.getUnsignedByte(in.readerIndex()))) {
            params.add(parameter(in));
        }
        return new RpcCall(name, procId, options, params);
    }

    private static RpcParameter parameter(ByteBuf in) {
        String name = Wire.readBVarchar(in, "RPC parameter name");
        int status = Wire.readU8(in, "RPC parameter status");
        if ((status & RpcParameter.ENCRYPTED) != 0) {
            throw new ProtocolException("encrypted RPC parameters (Always Encrypted) are not supported");
        }
        TypeInfo type = TypeInfo.decode(in);
        Object value = ValueCodec.read(in, type);
        return new RpcParameter(name, status, type, value);
    }

    private static boolean isSeparator(int b) {
        return b == 0x80 || b == 0xFF || b == 0xFE;
    }
}
