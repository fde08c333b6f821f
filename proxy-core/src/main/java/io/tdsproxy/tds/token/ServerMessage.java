package io.tdsproxy.tds.token;

import io.netty.buffer.ByteBuf;
import io.tdsproxy.tds.ProtocolException;
import io.tdsproxy.tds.types.Wire;

/**
 * The body shared by ERROR 0xAA and INFO 0xAB (MS-TDS 2.2.7.10, 2.2.7.13), TDS 7.2+ layout:
 *
 * <pre>
 * token | Length USHORT | Number LONG | State BYTE | Class BYTE
 *       | MsgText US_VARCHAR | ServerName B_VARCHAR | ProcName B_VARCHAR | LineNumber LONG
 * </pre>
 *
 * Before TDS 7.2 LineNumber is a USHORT ({@link TokenFormat#TDS_7_1}).
 *
 * A class (severity) of 20 or more is fatal: the server closes the connection after sending it.
 *
 * @param number     error number, e.g. 18456 for a failed login
 * @param state      0..255
 * @param severity   the Class byte, 0..255 (errors are 11 and above)
 * @param text       MsgText
 * @param serverName ServerName, may be empty
 * @param procName   ProcName, may be empty
 * @param lineNumber LineNumber (unsigned 32 bits)
 */
public record ServerMessage(long number, int state, int severity, String text, String serverName, String procName,
                            long lineNumber) {

    public ServerMessage {
        if (state < 0 || state > 0xFF || severity < 0 || severity > 0xFF) {
            throw new IllegalArgumentException("state and severity must be 0..255");
        }
        text = text == null ? "" : text;
        serverName = serverName == null ? "" : serverName;
        procName = procName == null ? "" : procName;
    }

    /** Whether the severity closes the connection (20 and above). */
    public boolean isFatal() {
        return severity >= 20;
    }

    /** Writes an ERROR 0xAA token (TDS 7.2+ layout). */
    public void encodeError(ByteBuf out) {
        encode(out, TokenType.ERROR, TokenFormat.TDS_7_2);
    }

    /** Writes an INFO 0xAB token (TDS 7.2+ layout). */
    public void encodeInfo(ByteBuf out) {
        encode(out, TokenType.INFO, TokenFormat.TDS_7_2);
    }

    /** Writes an ERROR 0xAA token; before TDS 7.2 LineNumber is a USHORT. */
    public void encodeError(ByteBuf out, TokenFormat format) {
        encode(out, TokenType.ERROR, format);
    }

    /** Writes an INFO 0xAB token; before TDS 7.2 LineNumber is a USHORT. */
    public void encodeInfo(ByteBuf out, TokenFormat format) {
        encode(out, TokenType.INFO, format);
    }

    private void encode(ByteBuf out, TokenType kind, TokenFormat format) {
        int mark = out.writerIndex();
        try {
            out.writeByte(kind.code());
            int length = Wire.reserveU16(out);
            out.writeIntLE((int) number).writeByte(state).writeByte(severity);
            Wire.writeUsVarchar(out, text);
            Wire.writeBVarchar(out, serverName);
            Wire.writeBVarchar(out, procName);
            if (format == TokenFormat.TDS_7_1) {
                // A USHORT cannot hold a larger line number; clamping beats failing the error report.
                out.writeShortLE((int) Math.min(lineNumber, 0xFFFF));
            } else {
                out.writeIntLE((int) lineNumber);
            }
            Wire.patchU16Length(out, length, kind.name());
        } catch (RuntimeException e) {
            out.writerIndex(mark);
            throw e;
        }
    }

    /** Reads an ERROR or INFO token in the TDS 7.2+ layout, the token byte included. */
    public static ServerMessage decode(ByteBuf in) {
        return decode(in, TokenFormat.TDS_7_2);
    }

    /** Reads an ERROR or INFO token in {@code format}, the token byte included. */
    public static ServerMessage decode(ByteBuf in, TokenFormat format) {
        int token = Wire.readU8(in, "ERROR/INFO token");
        if (token != TokenType.ERROR.code() && token != TokenType.INFO.code()) {
            throw new ProtocolException(String.format("expected ERROR or INFO, got token 0x%02X", token));
        }
        ByteBuf body = Wire.body(in, Wire.readU16(in, "ERROR/INFO length"), "ERROR/INFO body");
        long number = Wire.readI32(body, "message number");
        int state = Wire.readU8(body, "message state");
        int severity = Wire.readU8(body, "message class");
        String text = Wire.readUsVarchar(body, "message text");
        String server = Wire.readBVarchar(body, "server name");
        String proc = Wire.readBVarchar(body, "procedure name");
        long line = format == TokenFormat.TDS_7_1 ? Wire.readU16(body, "line number") : Wire.readU32(body, "line number");
        return new ServerMessage(number, state, severity, text, server, proc, line);
    }
}
