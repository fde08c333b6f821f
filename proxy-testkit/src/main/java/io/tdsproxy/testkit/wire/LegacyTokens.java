package io.tdsproxy.testkit.wire;

import io.netty.buffer.ByteBuf;
import io.tdsproxy.tds.token.Done;
import io.tdsproxy.tds.token.ReturnValue;
import io.tdsproxy.tds.token.ServerMessage;
import io.tdsproxy.tds.token.TokenType;
import io.tdsproxy.tds.types.Column;
import io.tdsproxy.tds.types.TdsType;
import io.tdsproxy.tds.types.ValueCodec;
import io.tdsproxy.tds.types.Wire;

import java.util.List;

/**
 * The token layouts of TDS 7.0/7.1, which the proxy-core writers (7.2+ layouts) do not cover. Only
 * the fields that grew in 7.2 differ (MS-TDS 2.2.7.4 COLMETADATA, 2.2.7.6 DONE, 2.2.7.10 ERROR,
 * 2.2.7.18 RETURNVALUE): UserType USHORT instead of ULONG, DoneRowCount LONG instead of ULONGLONG,
 * LineNumber USHORT instead of LONG, and a text column's TableName is one US_VARCHAR instead of
 * NumParts + parts. jTDS 1.3.1 reads exactly these (it speaks TDS 7.1).
 */
final class LegacyTokens {
    private LegacyTokens() {
    }

    static void done(ByteBuf out, Done done) {
        out.writeByte(done.kind().code()).writeShortLE(done.status()).writeShortLE(done.currentCommand())
                .writeIntLE((int) Math.min(done.rowCount(), 0xFFFFFFFFL));
    }

    static void message(ByteBuf out, TokenType kind, ServerMessage m) {
        int mark = out.writerIndex();
        try {
            out.writeByte(kind.code());
            int length = Wire.reserveU16(out);
            out.writeIntLE((int) m.number()).writeByte(m.state()).writeByte(m.severity());
            Wire.writeUsVarchar(out, m.text());
            Wire.writeBVarchar(out, m.serverName());
            Wire.writeBVarchar(out, m.procName());
            out.writeShortLE((int) Math.min(m.lineNumber(), 0xFFFF));
            Wire.patchU16Length(out, length, kind.name());
        } catch (RuntimeException e) {
            out.writerIndex(mark);
            throw e;
        }
    }

    static void columnMetadata(ByteBuf out, List<Column> columns) {
        int mark = out.writerIndex();
        try {
            out.writeByte(TokenType.COLMETADATA.code()).writeShortLE(columns.size());
            for (Column c : columns) {
                out.writeShortLE((int) c.userType()).writeShortLE(c.flags());
                c.type().encode(out);
                TdsType t = c.type().type();
                if (t == TdsType.TEXT || t == TdsType.NTEXT || t == TdsType.IMAGE) {
                    Wire.writeUsVarchar(out, String.join(".", c.tableName()));
                }
                Wire.writeBVarchar(out, c.name());
            }
        } catch (RuntimeException e) {
            out.writerIndex(mark);
            throw e;
        }
    }

    static void returnValue(ByteBuf out, ReturnValue v) {
        int mark = out.writerIndex();
        try {
            out.writeByte(TokenType.RETURNVALUE.code()).writeShortLE(v.ordinal());
            Wire.writeBVarchar(out, v.name());
            out.writeByte(v.status()).writeShortLE((int) v.userType()).writeShortLE(v.flags());
            v.type().encode(out);
            ValueCodec.write(out, v.type(), v.value());
        } catch (RuntimeException e) {
            out.writerIndex(mark);
            throw e;
        }
    }
}
