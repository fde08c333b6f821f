package io.tdsproxy.tds.packet;

import io.netty.buffer.ByteBuf;
import io.tdsproxy.tds.ProtocolException;

/**
 * The 8-byte header in front of every TDS packet (MS-TDS 2.2.3.1).
 *
 * <pre>
 * 0 Type  1 Status  2-3 Length (big-endian, header included)  4-5 SPID (big-endian)  6 PacketID  7 Window
 * </pre>
 *
 * All fields are read unsigned. PacketID and Window are kept but never validated: receivers ignore
 * them and real clients disagree on PacketID (protocol.md 1.1).
 *
 * @param rawType  the type byte as sent, kept so that unknown types pass through
 * @param status   the status bits, see {@link PacketStatus}
 * @param length   the whole packet length including this header, 8..65535
 * @param spid     server process id
 * @param packetId sequence number modulo 256
 * @param window   reserved, normally 0
 */
public record PacketHeader(int rawType, int status, int length, int spid, int packetId, int window) {
    /** Size of the header on the wire. */
    public static final int SIZE = 8;
    /** Largest packet length the 16-bit field can express. */
    public static final int MAX_LENGTH = 0xFFFF;

    public PacketHeader {
        if (length < SIZE || length > MAX_LENGTH) {
            throw new ProtocolException("packet length " + length + " outside " + SIZE + ".." + MAX_LENGTH);
        }
        checkByte(rawType, "type");
        checkByte(status, "status");
        checkByte(packetId, "packet id");
        checkByte(window, "window");
        if (spid < 0 || spid > 0xFFFF) {
            throw new ProtocolException("spid " + spid + " outside 0..65535");
        }
    }

    /** A header with window 0. */
    public static PacketHeader of(PacketType type, int status, int length, int spid, int packetId) {
        if (type == PacketType.UNKNOWN) {
            throw new IllegalArgumentException("UNKNOWN has no wire code; use the canonical constructor");
        }
        return new PacketHeader(type.code(), status, length, spid, packetId & 0xFF, 0);
    }

    /** Reads a header at the reader index and advances past it. */
    public static PacketHeader decode(ByteBuf in) {
        PacketHeader header = peek(in, in.readerIndex());
        in.skipBytes(SIZE);
        return header;
    }

    /** Reads a header at absolute {@code index} without moving the reader index. */
    public static PacketHeader peek(ByteBuf in, int index) {
        ProtocolException.requireReadable(in.writerIndex() - index, SIZE, "packet header");
        return new PacketHeader(
                in.getUnsignedByte(index),
                in.getUnsignedByte(index + 1),
                in.getUnsignedShort(index + 2),
                in.getUnsignedShort(index + 4),
                in.getUnsignedByte(index + 6),
                in.getUnsignedByte(index + 7));
    }

    /** Writes the 8 header bytes. */
    public void encode(ByteBuf out) {
        out.writeByte(rawType).writeByte(status).writeShort(length).writeShort(spid)
                .writeByte(packetId).writeByte(window);
    }

    public PacketType type() {
        return PacketType.of(rawType);
    }

    public boolean isEndOfMessage() {
        return PacketStatus.isEndOfMessage(status);
    }

    /** Bytes after the header. */
    public int payloadLength() {
        return length - SIZE;
    }

    private static void checkByte(int value, String field) {
        if (value < 0 || value > 0xFF) {
            throw new ProtocolException(field + " " + value + " outside 0..255");
        }
    }
}
