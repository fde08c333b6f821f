package io.tdsproxy.tds.packet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Packetizes a TDS message while it is being produced, so that a result of any size streams in
 * bounded memory (MS-TDS 2.2.3: packets of one message share a type; only the last has EOM).
 *
 * <p>Usage: write message bytes into {@link #payload()} (for example one row at a time), call
 * {@link #emitFullPackets()} after each piece, and {@link #finish(int)} at the end. The scratch
 * buffer then holds at most one packet's payload plus whatever was written since the last
 * {@code emitFullPackets()}: the caller decides the bound by how often it emits.
 *
 * <p>{@code emitFullPackets()} always keeps at least one byte back, so the EOM packet written by
 * {@code finish} is never an empty packet following a full one (clients are not known to accept
 * that everywhere), except for a message that is empty as a whole.
 *
 * <p>Ownership: every packet handed to the sink is a new buffer the sink owns and must release (or
 * write to a channel, which releases it). The scratch buffer belongs to this writer: it is released
 * by {@code finish} or {@code discard}, one of which the caller must call. Not thread-safe; use it on
 * one event loop.
 */
public final class PacketStreamWriter {
    private final ByteBufAllocator alloc;
    private final PacketType type;
    private final int spid;
    private final int packetSize;
    private final Consumer<ByteBuf> sink;
    private ByteBuf scratch;
    private int packetId = 1;

    /**
     * @param packetSize the negotiated packet size, header included (9..65535)
     * @param sink       receives each packet (header + payload); it owns the buffer
     * @throws IllegalArgumentException for a bad packet size or an UNKNOWN type
     */
    public PacketStreamWriter(ByteBufAllocator alloc, PacketType type, int spid, int packetSize,
                              Consumer<ByteBuf> sink) {
        TdsMessageWriter.checkPacketSize(packetSize);
        if (type == PacketType.UNKNOWN) {
            throw new IllegalArgumentException("UNKNOWN has no wire code");
        }
        this.alloc = Objects.requireNonNull(alloc, "alloc");
        this.type = type;
        this.spid = spid;
        this.packetSize = packetSize;
        this.sink = Objects.requireNonNull(sink, "sink");
        this.scratch = alloc.buffer(packetSize);
    }

    /**
     * The scratch buffer to append message bytes to. Do not release it and do not keep it after
     * {@code finish} or {@code discard}.
     *
     * @throws IllegalStateException after {@code finish} or {@code discard}
     */
    public ByteBuf payload() {
        if (scratch == null) {
            throw new IllegalStateException("message already finished or discarded");
        }
        return scratch;
    }

    /** Hands every complete packet (status NORMAL) to the sink, keeping the remainder buffered. */
    public void emitFullPackets() {
        ByteBuf buf = payload();
        int chunk = packetSize - PacketHeader.SIZE;
        if (buf.readableBytes() <= chunk) {
            return;
        }
        while (buf.readableBytes() > chunk) {
            emit(buf, chunk, PacketStatus.NORMAL);
        }
        // Compacting keeps the scratch buffer from growing with the message.
        buf.discardReadBytes();
    }

    /**
     * Emits everything still buffered, the last packet with {@code EOM | extraStatus}, and releases
     * the scratch buffer. An empty message yields one header-only packet.
     *
     * @param extraStatus status bits to add to the last packet (normally 0)
     */
    public void finish(int extraStatus) {
        ByteBuf buf = payload();
        int chunk = packetSize - PacketHeader.SIZE;
        try {
            while (buf.readableBytes() > chunk) {
                emit(buf, chunk, PacketStatus.NORMAL);
            }
            emit(buf, buf.readableBytes(), PacketStatus.EOM | extraStatus);
        } finally {
            discard();
        }
    }

    /** Releases the buffered bytes without emitting them; safe to call more than once. */
    public void discard() {
        if (scratch != null) {
            ByteBuf buf = scratch;
            scratch = null;
            buf.release();
        }
    }

    private void emit(ByteBuf buf, int size, int status) {
        ByteBuf packet = alloc.buffer(PacketHeader.SIZE + size);
        try {
            PacketHeader.of(type, status, PacketHeader.SIZE + size, spid, packetId).encode(packet);
            packet.writeBytes(buf, size);
        } catch (RuntimeException e) {
            packet.release();
            throw e;
        }
        packetId = (packetId + 1) & 0xFF;
        sink.accept(packet);
    }
}
