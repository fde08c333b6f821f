package io.tdsproxy.server.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.tdsproxy.tds.ProtocolException;
import io.tdsproxy.tds.login.Login7;
import io.tdsproxy.tds.packet.PacketHeader;

/**
 * Keeps a view of the LOGIN7 packets the session forwards, so that the audit fields can be decoded
 * once the message is complete, without copying: each packet's payload is held as a retained slice
 * of the very buffer that goes to the backend (the relay path never copies for this).
 *
 * <p>Ownership: {@link #add} never takes the packet (the caller still forwards it); the slices it
 * retains are released by {@link #summarize} or {@link #release}, whichever comes first. Beyond
 * {@value #MAX_BYTES} bytes the capture gives up (the login is still forwarded, only not decoded).
 * Not thread-safe; used on one event loop.
 */
final class LoginCapture {
    /** A LOGIN7's offsets are 16-bit; anything much larger is not worth holding for the audit. */
    static final int MAX_BYTES = 128 * 1024;

    private final ByteBufAllocator alloc;
    private CompositeByteBuf payload;
    private boolean tooLarge;

    LoginCapture(ByteBufAllocator alloc) {
        this.alloc = alloc;
    }

    /** Remembers {@code packet}'s payload (a retained slice); the caller keeps ownership of {@code packet}. */
    void add(PacketHeader header, ByteBuf packet) {
        if (tooLarge) {
            return;
        }
        if (payload == null) {
            payload = alloc.compositeBuffer();
        }
        if (payload.readableBytes() + header.payloadLength() > MAX_BYTES) {
            tooLarge = true;
            release();
            return;
        }
        payload.addComponent(true, packet.retainedSlice(packet.readerIndex() + PacketHeader.SIZE,
                header.payloadLength()));
    }

    /**
     * Decodes the joined payloads and releases them.
     *
     * @throws ProtocolException when the message is malformed or was too large to hold
     */
    LoginSummary summarize() {
        try {
            if (tooLarge) {
                throw new ProtocolException("LOGIN7 longer than " + MAX_BYTES + " bytes, not decoded");
            }
            if (payload == null) {
                throw new ProtocolException("LOGIN7 without payload");
            }
            return LoginSummary.of(Login7.decode(payload));
        } finally {
            release();
        }
    }

    /** Releases what is held; idempotent. */
    void release() {
        if (payload != null) {
            payload.release();
            payload = null;
        }
    }
}
