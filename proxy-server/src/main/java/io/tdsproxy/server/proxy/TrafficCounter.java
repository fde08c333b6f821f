package io.tdsproxy.server.proxy;

import io.netty.buffer.ByteBuf;

/**
 * Counts the bytes and TDS packets of one relay direction, cheaply enough for the hot path: per buffer
 * it reads only the length field of each packet header (MS-TDS 2.2.3.1) and skips the rest, so the
 * work is per packet, not per byte. The relay starts on a packet boundary in both directions (the
 * LOGIN7 and the PRELOGIN reply were framed whole), which is what makes the headers findable.
 *
 * <p>A length below the header size means the stream is not what it should be; packet counting then
 * stops for this direction (bytes are still counted) rather than report nonsense. Never reads or
 * keeps the payload. Not thread-safe; used on one event loop.
 */
final class TrafficCounter {
    private static final int HEADER_SIZE = 8;

    private final RelayDirection direction;
    private long bytes;
    private long packets;
    private long reportedBytes;
    private long reportedPackets;
    /** Payload bytes still to skip before the next header starts. */
    private int skip;
    /** How many bytes of the current header were seen (0..3; the length is bytes 2 and 3). */
    private int headerSeen;
    private int lengthHigh;
    private boolean lost;

    TrafficCounter(RelayDirection direction) {
        this.direction = direction;
    }

    /** Counts what {@code buf} holds between its reader and writer index; does not touch the indexes. */
    void count(ByteBuf buf) {
        int end = buf.writerIndex();
        int i = buf.readerIndex();
        bytes += end - i;
        while (i < end && !lost) {
            if (skip > 0) {
                int n = Math.min(skip, end - i);
                skip -= n;
                i += n;
                continue;
            }
            if (headerSeen == 2) {
                lengthHigh = buf.getUnsignedByte(i);
            } else if (headerSeen == 3) {
                int length = lengthHigh << 8 | buf.getUnsignedByte(i);
                if (length < HEADER_SIZE) {
                    lost = true;
                    return;
                }
                packets++;
                headerSeen = 0;
                skip = length - 4;
                i++;
                continue;
            }
            headerSeen++;
            i++;
        }
    }

    long bytes() {
        return bytes;
    }

    long packets() {
        return packets;
    }

    /** Whether a malformed header stopped the packet count. */
    boolean lost() {
        return lost;
    }

    /** Tells {@code listener} what was counted since the last report, if anything. */
    void report(long id, ConnectionListener listener) {
        long newBytes = bytes - reportedBytes;
        long newPackets = packets - reportedPackets;
        if (newBytes == 0 && newPackets == 0) {
            return;
        }
        reportedBytes = bytes;
        reportedPackets = packets;
        try {
            listener.trafficRelayed(direction, newBytes, newPackets);
        } catch (RuntimeException e) {
            ListenerCalls.failed(id, e);
        }
    }
}
