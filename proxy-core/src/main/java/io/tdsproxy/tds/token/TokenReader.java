package io.tdsproxy.tds.token;

import io.netty.buffer.ByteBuf;
import io.tdsproxy.tds.ProtocolException;
import io.tdsproxy.tds.types.Column;
import io.tdsproxy.tds.types.Wire;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a tabular result (the payload of a 0x04 message, packet headers removed) one token at a
 * time, for tests and the bench client. It remembers the last COLMETADATA so that it can decode
 * the ROW and NBCROW tokens that follow it.
 *
 * <p>Tokens it does not interpret are skipped by the length rule of MS-TDS 2.2.4.2: bits
 * {@code xx01xxxx} zero length, {@code xx11xxxx} fixed length of {@code 1 << ((token >> 2) & 3)}
 * bytes, {@code xx10xxxx} a USHORT length (a DWORD for SESSIONSTATE 0xE4 and FEDAUTHINFO 0xEE).
 * Variable-count tokens ({@code xx00xxxx}, e.g. ALTMETADATA), ALTROW and DATACLASSIFICATION cannot be
 * skipped without parsing them and raise a {@link ProtocolException}, as does any truncated token.
 *
 * <p>Not thread-safe; one instance per response stream. Never retains or releases {@code in}.
 */
public final class TokenReader {
    private final TokenFormat format;
    private List<Column> columns = List.of();

    /** A reader for the TDS 7.2+ layout. */
    public TokenReader() {
        this(TokenFormat.TDS_7_2);
    }

    /** A reader for the layout of the negotiated TDS version. */
    public TokenReader(TokenFormat format) {
        this.format = format;
    }

    /** The columns of the last COLMETADATA read, empty before the first. */
    public List<Column> columns() {
        return columns;
    }

    /** Reads every token left in {@code in} (TDS 7.2+ layout). */
    public static List<Token> readAll(ByteBuf in) {
        return readAll(in, TokenFormat.TDS_7_2);
    }

    /** Reads every token left in {@code in} in {@code format}. */
    public static List<Token> readAll(ByteBuf in, TokenFormat format) {
        TokenReader reader = new TokenReader(format);
        List<Token> tokens = new ArrayList<>();
        for (Token t = reader.next(in); t != null; t = reader.next(in)) {
            tokens.add(t);
        }
        return tokens;
    }

    /** Reads the next token, skipping those it does not interpret; {@code null} when {@code in} is empty. */
    public Token next(ByteBuf in) {
        while (in.isReadable()) {
            int code = in.getUnsignedByte(in.readerIndex());
            TokenType type = TokenType.of(code);
            Object value = read(in, type, code);
            if (value != null) {
                return new Token(type, value);
            }
        }
        return null;
    }

    private Object read(ByteBuf in, TokenType type, int code) {
        switch (type) {
            case ERROR:
            case INFO:
                return ServerMessage.decode(in, format);
            case LOGINACK:
                return LoginAck.decode(in);
            case ENVCHANGE:
                return EnvChange.decode(in);
            case DONE:
            case DONEPROC:
            case DONEINPROC:
                return Done.decode(in, format);
            case RETURNSTATUS:
                return ReturnStatus.decode(in);
            case RETURNVALUE:
                return ReturnValue.decode(in, format);
            case FEATUREEXTACK:
                return FeatureExtAck.decode(in);
            case COLMETADATA:
                columns = ColumnMetadata.decode(in, format);
                return columns;
            case ROW:
            case NBCROW:
                if (columns.isEmpty()) {
                    throw new ProtocolException(type + " without a preceding COLMETADATA");
                }
                return RowToken.decode(in, columns);
            case ORDER:
                return readOrder(in);
            default:
                skip(in, code);
                return null;
        }
    }

    private static List<Integer> readOrder(ByteBuf in) {
        in.skipBytes(1);
        int length = Wire.readU16(in, "ORDER length");
        if ((length & 1) != 0) {
            throw new ProtocolException("ORDER length " + length + " is odd");
        }
        ByteBuf body = Wire.body(in, length, "ORDER body");
        List<Integer> order = new ArrayList<>(length / 2);
        while (body.isReadable()) {
            order.add(Wire.readU16(body, "ORDER column"));
        }
        return List.copyOf(order);
    }

    private static void skip(ByteBuf in, int code) {
        if (code == TokenType.DATACLASSIFICATION.code() || code == TokenType.ALTROW.code()) {
            throw new ProtocolException(String.format("token 0x%02X cannot be skipped without its metadata", code));
        }
        in.skipBytes(1);
        switch (code & 0x30) {
            case 0x10:
                return;
            case 0x30:
                Wire.skip(in, 1 << ((code >> 2) & 3), String.format("token 0x%02X", code));
                return;
            case 0x20:
                long length = code == TokenType.SESSIONSTATE.code() || code == TokenType.FEDAUTHINFO.code()
                        ? Wire.readU32(in, String.format("token 0x%02X length", code))
                        : Wire.readU16(in, String.format("token 0x%02X length", code));
                Wire.skip(in, length, String.format("token 0x%02X body", code));
                return;
            default:
                throw new ProtocolException(String.format("variable-count token 0x%02X cannot be skipped", code));
        }
    }
}
