package io.tdsproxy.tds.token;

import io.netty.buffer.ByteBuf;
import io.tdsproxy.tds.ProtocolException;
import io.tdsproxy.tds.types.Wire;

/**
 * DONE 0xFD, DONEPROC 0xFE, DONEINPROC 0xFF (MS-TDS 2.2.7.6-8), TDS 7.2+ layout:
 * {@code token | Status USHORT | CurCmd USHORT | DoneRowCount ULONGLONG} (a LONG before 7.2, see
 * {@link TokenFormat}). A DONE "MUST be the last
 * thing sent in response to a client login request" (MS-TDS 2.2.2.2).
 *
 * @param kind           {@link TokenType#DONE}, {@link TokenType#DONEPROC} or {@link TokenType#DONEINPROC}
 * @param status         {@link DoneStatus} bits
 * @param currentCommand CurCmd, the command token of the statement (e.g. {@link #CMD_SELECT})
 * @param rowCount       DoneRowCount, valid when {@link DoneStatus#COUNT} is set
 */
public record Done(TokenType kind, int status, int currentCommand, long rowCount) {
    /** Size on the wire in the TDS 7.2+ layout, token byte included (9 before 7.2). */
    public static final int SIZE = 13;
    /** CurCmd SQL Server sends for SELECT. */
    public static final int CMD_SELECT = 0xC1;
    /** CurCmd SQL Server sends for INSERT. */
    public static final int CMD_INSERT = 0xC3;
    /** CurCmd SQL Server sends for DELETE. */
    public static final int CMD_DELETE = 0xC4;
    /** CurCmd SQL Server sends for UPDATE. */
    public static final int CMD_UPDATE = 0xC5;
    /** CurCmd SQL Server sends for EXECUTE. */
    public static final int CMD_EXECUTE = 0xE0;

    public Done {
        if (kind == null || !kind.isDone()) {
            throw new IllegalArgumentException("kind must be DONE, DONEPROC or DONEINPROC: " + kind);
        }
        if (status < 0 || status > 0xFFFF || currentCommand < 0 || currentCommand > 0xFFFF) {
            throw new IllegalArgumentException("status and currentCommand are USHORTs");
        }
    }

    /** A DONE with these fields. */
    public static Done done(int status, int currentCommand, long rowCount) {
        return new Done(TokenType.DONE, status, currentCommand, rowCount);
    }

    /** The final DONE with no count, status {@code status} (e.g. {@link DoneStatus#ERROR}). */
    public static Done done(int status) {
        return done(status, 0, 0);
    }

    /** The DONE after a result set of {@code rows} rows (DONE_COUNT, CurCmd SELECT). */
    public static Done selectCount(int extraStatus, long rows) {
        return done(DoneStatus.COUNT | extraStatus, CMD_SELECT, rows);
    }

    /** Whether all bits of {@code flag} are set. */
    public boolean has(int flag) {
        return (status & flag) == flag;
    }

    /** Writes the token in the TDS 7.2+ layout. */
    public void encode(ByteBuf out) {
        encode(out, TokenFormat.TDS_7_2);
    }

    /** Writes the token; before TDS 7.2 the row count is 4 bytes (and must fit them). */
    public void encode(ByteBuf out, TokenFormat format) {
        if (format == TokenFormat.TDS_7_1 && (rowCount < 0 || rowCount > 0xFFFFFFFFL)) {
            throw new IllegalArgumentException("row count " + rowCount + " does not fit the TDS 7.1 DONE");
        }
        out.writeByte(kind.code()).writeShortLE(status).writeShortLE(currentCommand);
        if (format == TokenFormat.TDS_7_1) {
            out.writeIntLE((int) rowCount);
        } else {
            out.writeLongLE(rowCount);
        }
    }

    /** Reads a DONE, DONEPROC or DONEINPROC token in the TDS 7.2+ layout, the token byte included. */
    public static Done decode(ByteBuf in) {
        return decode(in, TokenFormat.TDS_7_2);
    }

    /** Reads a DONE, DONEPROC or DONEINPROC token in {@code format}, the token byte included. */
    public static Done decode(ByteBuf in, TokenFormat format) {
        int token = Wire.readU8(in, "DONE token");
        TokenType kind = TokenType.of(token);
        if (!kind.isDone()) {
            throw new ProtocolException(String.format("expected DONE, DONEPROC or DONEINPROC, got token 0x%02X", token));
        }
        int status = Wire.readU16(in, "DONE status");
        int command = Wire.readU16(in, "DONE command");
        long rows = format == TokenFormat.TDS_7_1 ? Wire.readU32(in, "DONE row count") : Wire.readI64(in, "DONE row count");
        return new Done(kind, status, command, rows);
    }
}
