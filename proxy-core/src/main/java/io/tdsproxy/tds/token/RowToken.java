package io.tdsproxy.tds.token;

import io.netty.buffer.ByteBuf;
import io.tdsproxy.tds.ProtocolException;
import io.tdsproxy.tds.types.Column;
import io.tdsproxy.tds.types.ValueCodec;
import io.tdsproxy.tds.types.Wire;

import java.util.List;

/**
 * ROW 0xD1 and NBCROW 0xD2 (MS-TDS 2.2.7.19, 2.2.7.13): one row of the result set described by
 * the preceding COLMETADATA.
 *
 * <pre>
 * D1 | value_1 ... value_n                       (each TYPE_VARBYTE, text types with a text pointer)
 * D2 | NullBitmap ceil(n/8) bytes, bit i = column i is NULL (LSB first) | the non-NULL values
 * </pre>
 *
 * One call encodes one row into {@code out}, so a server streams a result of any size row by row
 * (e.g. into {@code PacketStreamWriter.payload()}, flushing full packets between rows) without
 * holding the result in memory.
 */
public final class RowToken {
    private RowToken() {
    }

    /**
     * Writes a ROW; {@code values[i]} is the value of {@code columns.get(i)} or {@code null}. On a
     * rejected value ({@link IllegalArgumentException}) {@code out} is left as it was.
     */
    public static void encode(ByteBuf out, List<Column> columns, Object[] values) {
        checkArity(columns, values);
        int mark = out.writerIndex();
        try {
            out.writeByte(TokenType.ROW.code());
            for (int i = 0; i < values.length; i++) {
                ValueCodec.writeInRow(out, columns.get(i).type(), values[i]);
            }
        } catch (RuntimeException e) {
            out.writerIndex(mark);
            throw e;
        }
    }

    /** Writes an NBCROW (null bitmap compressed row), which is shorter when many values are NULL. */
    public static void encodeNbc(ByteBuf out, List<Column> columns, Object[] values) {
        checkArity(columns, values);
        int mark = out.writerIndex();
        try {
            out.writeByte(TokenType.NBCROW.code());
            byte[] bitmap = new byte[(values.length + 7) / 8];
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    bitmap[i / 8] |= (byte) (1 << (i % 8));
                }
            }
            out.writeBytes(bitmap);
            for (int i = 0; i < values.length; i++) {
                if (values[i] != null) {
                    ValueCodec.writeInRow(out, columns.get(i).type(), values[i]);
                }
            }
        } catch (RuntimeException e) {
            out.writerIndex(mark);
            throw e;
        }
    }

    /** Reads a ROW or NBCROW token, the token byte included. */
    public static Object[] decode(ByteBuf in, List<Column> columns) {
        int token = Wire.readU8(in, "ROW token");
        Object[] values = new Object[columns.size()];
        if (token == TokenType.ROW.code()) {
            for (int i = 0; i < values.length; i++) {
                values[i] = ValueCodec.readInRow(in, columns.get(i).type());
            }
            return values;
        }
        if (token == TokenType.NBCROW.code()) {
            byte[] bitmap = Wire.readBytes(in, (values.length + 7) / 8, "NBCROW null bitmap");
            for (int i = 0; i < values.length; i++) {
                boolean isNull = (bitmap[i / 8] & (1 << (i % 8))) != 0;
                values[i] = isNull ? null : ValueCodec.readInRow(in, columns.get(i).type());
            }
            return values;
        }
        throw new ProtocolException(String.format("expected ROW or NBCROW, got token 0x%02X", token));
    }

    private static void checkArity(List<Column> columns, Object[] values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(values.length + " values for " + columns.size() + " columns");
        }
    }
}
