package io.tdsproxy.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Two EmbeddedChannels with TLS (and, for TDS 7.x, the PRELOGIN framer) whose outbound bytes are
 * shuttled by hand into each other's inbound side. Every byte written is copied for the test to
 * inspect before it is delivered; delivered buffers belong to the receiving pipeline.
 */
public final class TlsShuttle {
    private TlsShuttle() {
    }

    /** One end: channel, its SslHandler, framer (null for TDS 8.0) and the tail sink. */
    public static final class End implements AutoCloseable {
        public final EmbeddedChannel channel;
        public final SslHandler ssl;
        public final Tds7TlsFramer framer;
        public final Sink sink;

        End(EmbeddedChannel channel, SslHandler ssl, Tds7TlsFramer framer, Sink sink) {
            this.channel = channel;
            this.ssl = ssl;
            this.framer = framer;
            this.sink = sink;
        }

        /** Every outbound buffer written so far, copied, the originals kept for delivery. */
        public List<ByteBuf> drainOutbound() {
            List<ByteBuf> out = new ArrayList<>();
            for (Object o = channel.readOutbound(); o != null; o = channel.readOutbound()) {
                out.add((ByteBuf) o);
            }
            return out;
        }

        /** Writes and flushes {@code bytes} as application data (through TLS while it is installed). */
        public void send(byte[] bytes) {
            channel.writeAndFlush(Unpooled.wrappedBuffer(bytes));
            channel.checkException();
        }

        @Override
        public void close() {
            sink.release();
            channel.finishAndReleaseAll();
        }
    }

    /** Collects inbound application bytes and user events at the tail of a pipeline. */
    public static final class Sink extends ChannelInboundHandlerAdapter {
        private CompositeByteBuf received = Unpooled.compositeBuffer(Integer.MAX_VALUE);
        public final List<Object> events = new ArrayList<>();
        /** Called for PlaintextAfterTlsEvent, with the sink's context (e.g. to remove TLS). */
        public Consumer<ChannelHandlerContext> onPlaintext;
        /** Called after each inbound message was appended. */
        public Consumer<ChannelHandlerContext> onRead;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            received.addComponent(true, (ByteBuf) msg);
            if (onRead != null) {
                onRead.accept(ctx);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            events.add(evt);
            if (evt instanceof PlaintextAfterTlsEvent && onPlaintext != null) {
                onPlaintext.accept(ctx);
            }
            ReferenceCountUtil.release(evt);
        }

        /** The bytes received so far (not consumed). */
        public byte[] bytes() {
            return ByteBufUtil.getBytes(received);
        }

        void release() {
            if (received != null) {
                received.release();
                received = null;
            }
        }
    }

    /** A server end with the TDS 7.x pair. */
    public static End tds7Server(SslContext context) {
        EmbeddedChannel channel = new EmbeddedChannel();
        Sink sink = new Sink();
        channel.pipeline().addLast("sink", sink);
        SslHandler ssl = Tds7Tls.installServer(channel.pipeline(), context, "sink");
        return new End(channel, ssl, (Tds7TlsFramer) channel.pipeline().get(HandlerNames.TLS_FRAMER), sink);
    }

    /** A client end with the TDS 7.x pair; its ClientHello is waiting in the outbound queue. */
    public static End tds7Client(SslContext context, String host) {
        EmbeddedChannel channel = new EmbeddedChannel();
        Sink sink = new Sink();
        channel.pipeline().addLast("sink", sink);
        SslHandler ssl = Tds7Tls.installClient(channel.pipeline(), context, host, 1433, "sink");
        return new End(channel, ssl, (Tds7TlsFramer) channel.pipeline().get(HandlerNames.TLS_FRAMER), sink);
    }

    /** A TDS 8.0 end: SslHandler first, no framer. */
    public static End plain(SslContext context, String host) {
        EmbeddedChannel channel = new EmbeddedChannel();
        Sink sink = new Sink();
        channel.pipeline().addLast("sink", sink);
        SslHandler ssl = context.isServer() ? context.newHandler(channel.alloc())
                : context.newHandler(channel.alloc(), host, 1433);
        channel.pipeline().addFirst(HandlerNames.TLS, ssl);
        return new End(channel, ssl, null, sink);
    }

    /** How one flight is handed to the receiving channel. */
    public enum Delivery {
        /** Each written buffer in its own read. */
        AS_WRITTEN,
        /** The whole flight in one read. */
        MERGED_READ,
        /** One read per byte. */
        BYTE_BY_BYTE,
        /** The TDS payloads of the flight re-wrapped into one single 0x12 packet (TDS 7.x only). */
        ONE_PACKET,
        /** The TDS payloads re-wrapped into 0x12 packets of 7 payload bytes each, so records span packets. */
        TINY_PACKETS,
        /** Packets as written but with type 0x04 (TABULAR_RESULT) as old servers send (TDS 7.x only). */
        TYPE_04
    }

    /** One direction's bytes of one round. */
    public record Flight(boolean fromClient, List<byte[]> writes) {
        public int totalBytes() {
            return writes.stream().mapToInt(w -> w.length).sum();
        }
    }

    /** Outcome of {@link #handshake}. */
    public record Transcript(List<Flight> flights, Throwable clientFailure, Throwable serverFailure) {
        public List<Flight> serverFlights() {
            return flights.stream().filter(f -> !f.fromClient()).toList();
        }

        public List<Flight> clientFlights() {
            return flights.stream().filter(Flight::fromClient).toList();
        }

        public boolean succeeded() {
            return clientFailure == null && serverFailure == null;
        }
    }

    /** Runs the handshake delivering client flights with {@code toServer} and server flights as written. */
    public static Transcript handshake(End client, End server, Delivery toServer) {
        return handshake(client, server, toServer, Delivery.AS_WRITTEN);
    }

    /** Runs the handshake with the given delivery in each direction. */
    public static Transcript handshake(End client, End server, Delivery toServer, Delivery toClient) {
        List<Flight> flights = new ArrayList<>();
        Throwable clientFailure = null;
        Throwable serverFailure = null;
        for (int round = 0; round < 20; round++) {
            boolean moved = false;
            List<ByteBuf> fromClient = client.drainOutbound();
            if (!fromClient.isEmpty()) {
                moved = true;
                flights.add(new Flight(true, copies(fromClient)));
                serverFailure = firstNonNull(serverFailure, deliver(fromClient, server, toServer));
            }
            List<ByteBuf> fromServer = server.drainOutbound();
            if (!fromServer.isEmpty()) {
                moved = true;
                flights.add(new Flight(false, copies(fromServer)));
                clientFailure = firstNonNull(clientFailure, deliver(fromServer, client, toClient));
            }
            if (!moved) {
                break;
            }
        }
        clientFailure = firstNonNull(clientFailure, failure(client));
        serverFailure = firstNonNull(serverFailure, failure(server));
        return new Transcript(flights, clientFailure, serverFailure);
    }

    /** Moves whatever {@code from} wrote into {@code to}, each buffer in its own read; returns the bytes. */
    public static byte[] pump(End from, End to) {
        List<ByteBuf> bufs = from.drainOutbound();
        byte[] all = concat(copies(bufs));
        Throwable t = deliver(bufs, to, Delivery.AS_WRITTEN);
        if (t != null) {
            throw new AssertionError("delivery failed", t);
        }
        return all;
    }

    private static Throwable failure(End end) {
        if (!end.ssl.handshakeFuture().isDone()) {
            return new IllegalStateException("handshake not finished");
        }
        return end.ssl.handshakeFuture().cause();
    }

    private static Throwable firstNonNull(Throwable a, Throwable b) {
        return a != null ? a : b;
    }

    static List<byte[]> copies(List<ByteBuf> bufs) {
        List<byte[]> out = new ArrayList<>();
        for (ByteBuf b : bufs) {
            out.add(ByteBufUtil.getBytes(b));
        }
        return out;
    }

    /** Copies and releases. */
    static List<byte[]> copiesAndRelease(List<ByteBuf> bufs) {
        List<byte[]> out = copies(bufs);
        bufs.forEach(ByteBuf::release);
        return out;
    }

    static byte[] concat(List<byte[]> parts) {
        int n = parts.stream().mapToInt(p -> p.length).sum();
        byte[] all = new byte[n];
        int pos = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, pos, p.length);
            pos += p.length;
        }
        return all;
    }

    /** Delivers and releases {@code bufs}; returns the exception the receiving pipeline raised, if any. */
    static Throwable deliver(List<ByteBuf> bufs, End to, Delivery how) {
        List<ByteBuf> reads = new ArrayList<>();
        switch (how) {
            case AS_WRITTEN:
                reads.addAll(bufs);
                break;
            case MERGED_READ:
                reads.add(Unpooled.wrappedBuffer(bufs.toArray(new ByteBuf[0])));
                break;
            case BYTE_BY_BYTE: {
                byte[] all = concat(copies(bufs));
                bufs.forEach(ByteBuf::release);
                for (byte b : all) {
                    reads.add(Unpooled.wrappedBuffer(new byte[] {b}));
                }
                break;
            }
            case ONE_PACKET: {
                byte[] all = concat(copies(bufs));
                bufs.forEach(ByteBuf::release);
                reads.add(Unpooled.wrappedBuffer(TdsBytes.onePrelogin(TdsBytes.stripHeaders(all))));
                break;
            }
            case TINY_PACKETS: {
                byte[] payload = TdsBytes.stripHeaders(concat(copies(bufs)));
                bufs.forEach(ByteBuf::release);
                reads.add(Unpooled.wrappedBuffer(TdsBytes.prelogins(payload, 7)));
                break;
            }
            default: {
                for (ByteBuf b : bufs) {
                    byte[] bytes = ByteBufUtil.getBytes(b);
                    b.release();
                    for (int pos = 0; pos < bytes.length; pos += ((bytes[pos + 2] & 0xFF) << 8) | (bytes[pos + 3] & 0xFF)) {
                        bytes[pos] = 0x04;
                    }
                    reads.add(Unpooled.wrappedBuffer(bytes));
                }
                break;
            }
        }
        Throwable failure = null;
        for (int i = 0; i < reads.size(); i++) {
            if (!to.channel.isOpen() || failure != null) {
                reads.get(i).release();
                continue;
            }
            try {
                to.channel.writeInbound(reads.get(i));
            } catch (Throwable t) {
                failure = t;
            }
        }
        return failure;
    }
}
