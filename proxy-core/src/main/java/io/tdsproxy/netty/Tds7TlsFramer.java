package io.tdsproxy.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.PromiseCombiner;
import io.tdsproxy.tds.ProtocolException;
import io.tdsproxy.tds.packet.PacketHeader;
import io.tdsproxy.tds.packet.PacketStatus;
import io.tdsproxy.tds.packet.PacketType;

import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Carries a TDS 7.x TLS handshake inside PRELOGIN packets (MS-TDS 2.2.6.5, 3.2.5.x, 3.3.5.2;
 * protocol.md 4.1, 4.4). Sits directly below (socket side of) the {@link SslHandler} it serves, on the
 * server side and on the client side alike:
 *
 * <pre>
 *   socket &lt;-&gt; [other handlers] &lt;-&gt; [TLS_FRAMER: this] &lt;-&gt; [TLS: SslHandler] &lt;-&gt; [FRAME_DECODER] &lt;-&gt; [session]
 *
 *   inbound   PACKETS --(byte 0x14..0x17 at a packet boundary, handshake succeeded)--&gt; RECORDS
 *             RECORDS --(non-TLS byte at a record boundary)--&gt; PLAINTEXT (held, PlaintextAfterTlsEvent)
 *   outbound  WRAPPING --(first write after the handshake future succeeded)--&gt; RAW
 * </pre>
 *
 * <p><b>Inbound.</b> In PACKETS, the stream is TDS packets of type 0x12 (0x04 is accepted too: SQL
 * Server 2000 and some old peers use it); their payloads, a byte stream independent of TLS record
 * boundaries, go to the SslHandler as they arrive, so records spanning packets and several records in
 * one packet need nothing special. A raw TLS record at a packet boundary means the peer finished its
 * handshake and switched; it is only accepted once our own handshake succeeded (it is the peer's first
 * application data, which TLS orders after our completion). In RECORDS, bytes pass unchanged, while
 * record headers are tracked so that plaintext following TLS (login-only) is caught exactly at a record
 * boundary instead of reaching the SslHandler.
 *
 * <p><b>Outbound, the switch rule.</b> A write is handshake data when it arrives while
 * {@code sslHandler.handshakeFuture().isSuccess()} is false, and raw otherwise. This is exact for
 * TLS 1.2 and below: SslHandler writes the bytes of the final flight (CCS + Finished) before it marks
 * the handshake successful (SslHandler.wrapNonAppData: {@code ctx.write(out)} precedes
 * {@code setHandshakeSuccess()}), and anything written afterwards (application data, the LOGIN7)
 * follows it. Handshake writes are collected and wrapped, one TDS message per flush (SslHandler
 * flushes once per flight: at handshake start and in channelReadComplete, as long as its delegated
 * tasks run inline, which is the default of {@code SslContext.newHandler}; do not pass an executor), in
 * 0x12 packets of at most
 * {@code packetSize} bytes, EOM on the last. When a raw write arrives while handshake bytes are still
 * collected, those are written first, as the message that ends the handshake. Alerts of a failed
 * handshake stay wrapped. TLS 1.3 is not supported here (its post-handshake NewSessionTicket would
 * travel raw): the TDS 7.x contexts never negotiate it.
 *
 * <p><b>Ownership.</b> Inbound buffers are released or passed on; outbound handshake buffers are copied
 * into packets and released. On removal every received byte not yet passed on is forwarded unchanged
 * to the next handler (then channelReadComplete), and collected handshake bytes are written (not
 * flushed). Not sharable.
 */
public final class Tds7TlsFramer extends ChannelDuplexHandler {
    /** Packet size of the PRELOGIN phase (MS-TDS: 4096 until LOGIN7 negotiates another). */
    public static final int DEFAULT_PACKET_SIZE = 4096;

    /** Which end of the connection this framer is on (only used in diagnostics: both behave alike). */
    public enum Side { SERVER, CLIENT }

    private enum Inbound { PACKETS, RECORDS, PLAINTEXT }

    private final Side side;
    private final SslHandler ssl;
    private final int packetSize;

    private Inbound inbound = Inbound.PACKETS;
    /** PACKETS: unparsed bytes; PLAINTEXT: held bytes. Null when empty. */
    private ByteBuf held;
    /** RECORDS: where the TLS record boundaries are. */
    private final TlsRecordTracker records = new TlsRecordTracker();

    private boolean outboundRaw;
    private CompositeByteBuf pending;
    private final List<ChannelPromise> pendingPromises = new ArrayList<>();

    private boolean reading;
    private boolean removed;
    private int handshakeMessages;

    private Tds7TlsFramer(Side side, SslHandler ssl, int packetSize) {
        if (packetSize <= PacketHeader.SIZE || packetSize > PacketHeader.MAX_LENGTH) {
            throw new IllegalArgumentException("packet size " + packetSize + " outside 9..65535");
        }
        this.side = side;
        this.ssl = Objects.requireNonNull(ssl, "ssl");
        this.packetSize = packetSize;
    }

    /** A server-side framer for {@code ssl}, 4096-byte packets. */
    public static Tds7TlsFramer forServer(SslHandler ssl) {
        return new Tds7TlsFramer(Side.SERVER, ssl, DEFAULT_PACKET_SIZE);
    }

    /** A client-side framer for {@code ssl}, 4096-byte packets. */
    public static Tds7TlsFramer forClient(SslHandler ssl) {
        return new Tds7TlsFramer(Side.CLIENT, ssl, DEFAULT_PACKET_SIZE);
    }

    /** A framer with another maximum packet length (header included). */
    public static Tds7TlsFramer of(Side side, SslHandler ssl, int packetSize) {
        return new Tds7TlsFramer(side, ssl, packetSize);
    }

    public Side side() {
        return side;
    }

    /** True once inbound bytes pass as raw TLS records (the peer finished its handshake). */
    public boolean inboundRaw() {
        return inbound != Inbound.PACKETS;
    }

    /** True once outbound bytes pass unwrapped (our handshake succeeded and something was written after). */
    public boolean outboundRaw() {
        return outboundRaw;
    }

    /** Number of PRELOGIN messages this framer has sent (one per wrapped flight). */
    public int handshakeMessagesSent() {
        return handshakeMessages;
    }

    /**
     * True when the inbound stream stands exactly at a TLS record boundary: no partial record went to
     * the SslHandler. Removing TLS for login-only is only exact then.
     */
    public boolean atRecordBoundary() {
        return inbound != Inbound.PACKETS && records.atBoundary();
    }

    // ---------------------------------------------------------------- inbound

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf) || removed) {
            ctx.fireChannelRead(msg);
            return;
        }
        ByteBuf in = (ByteBuf) msg;
        reading = true;
        try {
            switch (inbound) {
                case PACKETS:
                    held = append(ctx, held, in);
                    readPackets(ctx);
                    break;
                case RECORDS:
                    readRecords(ctx, in);
                    break;
                default:
                    held = append(ctx, held, in);
                    break;
            }
        } finally {
            reading = false;
            if (removed) {
                forwardHeld(ctx);
            }
        }
    }

    private void readPackets(ChannelHandlerContext ctx) {
        try {
            readWholePackets(ctx);
        } finally {
            if (held instanceof CompositeByteBuf) {
                ((CompositeByteBuf) held).discardReadComponents();
            }
        }
    }

    private void readWholePackets(ChannelHandlerContext ctx) {
        while (held != null && held.isReadable() && !removed) {
            int first = held.getUnsignedByte(held.readerIndex());
            if (first == PacketType.PRELOGIN.code() || first == PacketType.TABULAR_RESULT.code()) {
                if (held.readableBytes() < PacketHeader.SIZE) {
                    return;
                }
                PacketHeader header = PacketHeader.peek(held, held.readerIndex());
                if (held.readableBytes() < header.length()) {
                    return;
                }
                held.skipBytes(PacketHeader.SIZE);
                ByteBuf payload = held.readRetainedSlice(header.payloadLength());
                releaseHeldIfEmpty();
                if (payload.isReadable()) {
                    ctx.fireChannelRead(payload);
                } else {
                    payload.release();
                }
            } else if (TlsRecordTracker.isTlsContentType(first) && ssl.handshakeFuture().isSuccess()) {
                inbound = Inbound.RECORDS;
                ByteBuf rest = held;
                held = null;
                readRecords(ctx, rest);
                return;
            } else {
                held.release(); // cannot be resynchronised
                held = null;
                throw new ProtocolException(String.format(
                        "TDS 7.x TLS handshake: expected a PRELOGIN (0x12) packet, got byte 0x%02x (%s side)",
                        first, side));
            }
        }
    }

    /** Passes whole and partial TLS records on; stops at the first non-TLS byte at a record boundary. */
    private void readRecords(ChannelHandlerContext ctx, ByteBuf in) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        int pos = records.scan(in, start, end);
        if (pos < end) {
            inbound = Inbound.PLAINTEXT;
            held = in.retainedSlice(pos, end - pos);
        }
        if (pos > start) {
            ctx.fireChannelRead(in.retainedSlice(start, pos - start));
        }
        in.release();
        if (inbound == Inbound.PLAINTEXT && !removed) {
            ctx.fireUserEventTriggered(PlaintextAfterTlsEvent.INSTANCE);
            if (!removed) {
                throw new ProtocolException("plaintext TDS after TLS records, but TLS was not removed "
                        + "(the connection is not login-only)");
            }
        }
    }

    private static ByteBuf append(ChannelHandlerContext ctx, ByteBuf cumulation, ByteBuf in) {
        if (cumulation == null) {
            return in;
        }
        CompositeByteBuf composite;
        if (cumulation instanceof CompositeByteBuf) {
            composite = (CompositeByteBuf) cumulation;
        } else {
            composite = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
            composite.addComponent(true, cumulation);
        }
        composite.addComponent(true, in);
        return composite;
    }

    private void releaseHeldIfEmpty() {
        if (held != null && !held.isReadable()) {
            held.release();
            held = null;
        }
    }

    private void forwardHeld(ChannelHandlerContext ctx) {
        ByteBuf rest = held;
        held = null;
        if (rest == null) {
            return;
        }
        if (rest.isReadable()) {
            ctx.fireChannelRead(rest);
            ctx.fireChannelReadComplete();
        } else {
            rest.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseAll();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        removed = true;
        writePending(ctx);
        if (!reading) {
            forwardHeld(ctx);
        }
    }

    private void releaseAll() {
        ReferenceCountUtil.safeRelease(held);
        held = null;
        if (pending != null) {
            pending.release();
            pending = null;
        }
        if (!pendingPromises.isEmpty()) {
            ClosedChannelException closed = new ClosedChannelException();
            for (ChannelPromise p : pendingPromises) {
                p.tryFailure(closed);
            }
            pendingPromises.clear();
        }
    }

    // ---------------------------------------------------------------- outbound

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!outboundRaw && msg instanceof ByteBuf && !ssl.handshakeFuture().isSuccess()) {
            if (pending == null) {
                pending = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
            }
            pending.addComponent(true, (ByteBuf) msg);
            pendingPromises.add(promise);
            return;
        }
        if (!outboundRaw && ssl.handshakeFuture().isSuccess()) {
            outboundRaw = true;
        }
        writePending(ctx);
        ctx.write(msg, promise);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        writePending(ctx);
        ctx.flush();
    }

    /** Writes the collected handshake bytes as one PRELOGIN message. */
    private void writePending(ChannelHandlerContext ctx) {
        CompositeByteBuf bytes = pending;
        if (bytes == null) {
            return;
        }
        pending = null;
        List<ChannelPromise> promises = new ArrayList<>(pendingPromises);
        pendingPromises.clear();
        if (!bytes.isReadable()) {
            // SslHandler sometimes writes an empty buffer only to carry a promise: no empty message.
            bytes.release();
            promises.forEach(ChannelPromise::trySuccess);
            return;
        }
        PromiseCombiner combiner = new PromiseCombiner(ctx.executor());
        try {
            int maxPayload = packetSize - PacketHeader.SIZE;
            int packetId = 1;
            do {
                int n = Math.min(maxPayload, bytes.readableBytes());
                boolean last = n == bytes.readableBytes();
                ByteBuf packet = ctx.alloc().buffer(PacketHeader.SIZE + n);
                PacketHeader.of(PacketType.PRELOGIN, last ? PacketStatus.EOM : PacketStatus.NORMAL,
                        PacketHeader.SIZE + n, 0, packetId++).encode(packet);
                packet.writeBytes(bytes, n);
                ChannelFuture written = ctx.write(packet);
                combiner.add(written);
            } while (bytes.isReadable());
        } finally {
            bytes.release();
        }
        handshakeMessages++;
        ChannelPromise all = ctx.newPromise();
        combiner.finish(all);
        all.addListener(f -> {
            for (ChannelPromise p : promises) {
                if (f.isSuccess()) {
                    p.trySuccess();
                } else {
                    p.tryFailure(f.cause());
                }
            }
        });
    }

    @Override
    public String toString() {
        return "Tds7TlsFramer[" + side + ", inbound=" + inbound + ", outboundRaw=" + outboundRaw + "]";
    }
}
