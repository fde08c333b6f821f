package io.tdsproxy.tds.token;

import io.netty.buffer.ByteBuf;
import io.tdsproxy.tds.ProtocolException;
import io.tdsproxy.tds.types.Wire;

/**
 * RETURNSTATUS 0x79 (MS-TDS 2.2.7.18): {@code 79 | Value LONG}, the return status of a stored
 * procedure; sent before the DONEPROC of the procedure.
 *
 * @param value the status (0 = success by convention)
 */
public record ReturnStatus(int value) {
    /** Size on the wire, token byte included. */
    public static final int SIZE = 5;

    /** Writes the 5-byte token. */
    public void encode(ByteBuf out) {
        out.writeByte(TokenType.RETURNSTATUS.code()).writeIntLE(value);
    }

    /** Reads a RETURNSTATUS token, the token byte included. */
    public static ReturnStatus decode(ByteBuf in) {
        int token = Wire.readU8(in, "RETURNSTATUS token");
        if (token != TokenType.RETURNSTATUS.code()) {
            throw new ProtocolException(String.format("expected RETURNSTATUS, got token 0x%02X", token));
        }
        return new ReturnStatus(Wire.readI32(in, "RETURNSTATUS value"));
    }
}
