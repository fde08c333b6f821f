package io.tdsproxy.server.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.tdsproxy.tds.ProtocolException;
import io.tdsproxy.tds.packet.PacketHeader;
import io.tdsproxy.tds.prelogin.PreloginMessage;

/**
 * Joins the payloads of a small multi-packet message (a PRELOGIN, in practice always one packet)
 * until EOM, with a size cap.
 *
 * <p>Ownership: {@link #add} always releases the packet it is given (keeping a retained slice of its
 * payload); {@link #decodePrelogin} and {@link #release} release what is held. Not thread-safe; used
 * on one event loop.
 */
final class PacketAccumulator {
    private final ByteBufAllocator alloc;
    private final int maxBytes;
    private final String what;
    private CompositeByteBuf payload;

    PacketAccumulator(ByteBufAllocator alloc, int maxBytes, String what) {
        this.alloc = alloc;
        this.maxBytes = maxBytes;
        this.what = what;
    }

    /**
     * Adds {@code packet}'s payload and releases {@code packet}.
     *
     * @return whether the packet ended the message (EOM)
     * @throws ProtocolException when the message grows beyond the cap
     */
    boolean add(PacketHeader header, ByteBuf packet) {
        try {
            if (payload == null) {
                payload = alloc.compositeBuffer();
            }
            if (payload.readableBytes() + header.payloadLength() > maxBytes) {
                throw new ProtocolException(what + " longer than " + maxBytes + " bytes");
            }
            payload.addComponent(true, packet.retainedSlice(packet.readerIndex() + PacketHeader.SIZE,
                    header.payloadLength()));
            return header.isEndOfMessage();
        } finally {
            packet.release();
        }
    }

    /** Decodes the joined payloads as a PRELOGIN message and releases them. */
    PreloginMessage decodePrelogin() {
        try {
            return PreloginMessage.decode(payload == null ? alloc.buffer(0) : payload);
        } finally {
            release();
        }
    }

    void release() {
        if (payload != null) {
            payload.release();
            payload = null;
        }
    }
}
