package io.tdsproxy.tds.packet;

import io.netty.buffer.ByteBuf;

/**
 * Splits one TDS message into packets (MS-TDS 2.2.3: a message is one or more packets of the same
 * type, the last one carrying {@link PacketStatus#EOM}).
 *
 * <p>Use it for messages that already sit in memory (PRELOGIN, login replies, small results); for
 * results too large to hold, use {@link PacketStreamWriter}.
 */
public final class TdsMessageWriter {
    private TdsMessageWriter() {
    }

    /**
     * Writes {@code payload} to {@code out} as packets of at most {@code packetSize} bytes (header
     * included), status {@link PacketStatus#NORMAL} except EOM on the last, packet ids 1, 2, ...
     * (modulo 256). An empty payload still yields one header-only EOM packet, because a receiver
     * waits for EOM.
     *
     * <p>Ownership: neither buffer is released; {@code payload}'s reader index is left unchanged so
     * the caller can still inspect or release it.
     *
     * @param packetSize the negotiated packet size (4096 before login, protocol.md 1.4), at least 9
     * @throws IllegalArgumentException if {@code packetSize} is outside 9..65535 or {@code type} is UNKNOWN
     */
    public static void writeMessage(ByteBuf out, PacketType type, int spid, int packetSize, ByteBuf payload) {
        checkPacketSize(packetSize);
        int chunk = packetSize - PacketHeader.SIZE;
        int index = payload.readerIndex();
        int remaining = payload.readableBytes();
        int packetId = 1;
        do {
            int size = Math.min(chunk, remaining);
            remaining -= size;
            int status = remaining == 0 ? PacketStatus.EOM : PacketStatus.NORMAL;
            PacketHeader.of(type, status, PacketHeader.SIZE + size, spid, packetId).encode(out);
            out.writeBytes(payload, index, size);
            index += size;
            packetId++;
        } while (remaining > 0);
    }

    static void checkPacketSize(int packetSize) {
        if (packetSize <= PacketHeader.SIZE || packetSize > PacketHeader.MAX_LENGTH) {
            throw new IllegalArgumentException("packet size " + packetSize + " outside "
                    + (PacketHeader.SIZE + 1) + ".." + PacketHeader.MAX_LENGTH);
        }
    }
}
