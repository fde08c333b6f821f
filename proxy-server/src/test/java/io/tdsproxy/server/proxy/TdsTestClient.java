package io.tdsproxy.server.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.tdsproxy.netty.Tds7Tls;
import io.tdsproxy.netty.TdsPacketFrameDecoder;
import io.tdsproxy.tds.packet.PacketHeader;
import io.tdsproxy.tds.packet.PacketType;
import io.tdsproxy.tds.packet.TdsMessageWriter;
import io.tdsproxy.tds.prelogin.EncryptionValue;
import io.tdsproxy.tds.prelogin.PreloginMessage;
import io.tdsproxy.tds.prelogin.PreloginOption;
import io.tdsproxy.tds.prelogin.PreloginOptionToken;
import io.tdsproxy.tds.prelogin.PreloginVersion;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A raw TDS client for the proxy's integration tests, built on the project's own client-side TLS
 * framer. Pipeline: {@code TAP | [TLS_FRAMER | TLS] | FRAMES | collector}; the tap records the length
 * of every TLS record received after {@link #tapTlsRecords()}, so that tests can check how the proxy
 * splits data into records. Packets are copied to byte arrays; nothing is left to release.
 */
final class TdsTestClient implements AutoCloseable {
    static final byte UNKNOWN_OPTION = 0x42;

    /** One received packet, header included. */
    record Packet(PacketHeader header, byte[] bytes) {
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final BlockingQueue<Object> inbound = new LinkedBlockingQueue<>();
    private final List<Integer> tlsRecords = new CopyOnWriteArrayList<>();
    private final RecordTap tap = new RecordTap();
    private final Channel channel;
    private final int port;

    TdsTestClient(int port) throws InterruptedException {
        this.port = port;
        this.channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("tap", tap);
                        ch.pipeline().addLast(HandlerNames.FRAMES, new TdsPacketFrameDecoder(65535));
                        ch.pipeline().addLast("collector", new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ByteBuf buf = (ByteBuf) msg;
                                try {
                                    byte[] bytes = new byte[buf.readableBytes()];
                                    buf.getBytes(buf.readerIndex(), bytes);
                                    inbound.add(new Packet(PacketHeader.peek(buf, buf.readerIndex()), bytes));
                                } finally {
                                    buf.release();
                                }
                            }

                            @Override
                            public void channelInactive(ChannelHandlerContext ctx) {
                                inbound.add("closed");
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                inbound.add(cause);
                            }
                        });
                    }
                }).connect("127.0.0.1", port).sync().channel();
    }

    /** A PRELOGIN like mssql-jdbc's plus INSTOPT, MARS and an option no specification names. */
    static PreloginMessage prelogin(EncryptionValue encryption) {
        return PreloginMessage.of(
                PreloginOption.of(PreloginOptionToken.VERSION, new PreloginVersion(13, 2, 1, 0).encode()),
                PreloginOption.of(PreloginOptionToken.ENCRYPTION, new byte[] {(byte) encryption.raw()}),
                PreloginOption.of(PreloginOptionToken.INSTOPT, new byte[] {0}),
                PreloginOption.of(PreloginOptionToken.MARS, new byte[] {0}),
                new PreloginOption(UNKNOWN_OPTION, new byte[] {7, 7}));
    }

    /** Sends {@code message} as a PRELOGIN and returns the proxy's reply. */
    PreloginMessage prelogin(PreloginMessage message) throws InterruptedException {
        ByteBuf body = Unpooled.buffer();
        message.encode(body);
        sendMessage(PacketType.PRELOGIN, body, 4096);
        List<Packet> reply = readMessage();
        ByteBuf joined = Unpooled.buffer();
        for (Packet p : reply) {
            joined.writeBytes(p.bytes(), PacketHeader.SIZE, p.bytes().length - PacketHeader.SIZE);
        }
        return PreloginMessage.decode(joined);
    }

    /** Runs the TDS 7.x handshake (wrapped in PRELOGIN packets); returns the SslHandler. */
    SslHandler startTls(SslContext context) throws Exception {
        return startTls(context, "localhost");
    }

    /** As {@link #startTls(SslContext)}, naming {@code host} in the ClientHello (SNI, when it has a dot). */
    SslHandler startTls(SslContext context, String host) throws Exception {
        SslHandler ssl = Tds7Tls.installClient(channel.pipeline(), context, host, port, HandlerNames.FRAMES);
        ssl.handshakeFuture().await(30, TimeUnit.SECONDS);
        if (!ssl.handshakeFuture().isSuccess()) {
            throw new AssertionError("TLS handshake failed", ssl.handshakeFuture().cause());
        }
        return ssl;
    }

    /** Starts the TDS 7.x handshake and waits for its end, successful or not. */
    SslHandler attemptTls(SslContext context) throws Exception {
        SslHandler ssl = Tds7Tls.installClient(channel.pipeline(), context, "localhost", port, HandlerNames.FRAMES);
        ssl.handshakeFuture().await(30, TimeUnit.SECONDS);
        return ssl;
    }

    /** Login-only encryption, client side: drop TLS right after the first LOGIN7 packet (protocol.md 3.4). */
    void dropTls() {
        Tds7Tls.removeWithoutClose(channel.pipeline());
    }

    /** Splits {@code payload} into packets of {@code packetSize} and writes them; releases {@code payload}. */
    void sendMessage(PacketType type, ByteBuf payload, int packetSize) throws InterruptedException {
        ByteBuf packets = Unpooled.buffer();
        try {
            TdsMessageWriter.writeMessage(packets, type, 0, packetSize, payload);
        } finally {
            payload.release();
        }
        channel.writeAndFlush(packets).sync();
    }

    /**
     * Login-only encryption as clients do it (protocol.md 3.4), in one event-loop task so that no reply
     * can arrive in between: the first LOGIN7 packet through TLS, then TLS dropped without close_notify,
     * then the other packets in plaintext ({@code restInTls} false: mssql-jdbc, FreeTDS, go-mssqldb) or
     * all packets through TLS before dropping it ({@code restInTls} true: tiberius, jTDS).
     * Releases {@code login7}.
     */
    void sendLoginOnly(ByteBuf login7, boolean restInTls) throws Exception {
        ByteBuf packets = Unpooled.buffer();
        try {
            TdsMessageWriter.writeMessage(packets, PacketType.LOGIN7, 0, 4096, login7);
        } finally {
            login7.release();
        }
        onLoop(() -> {
            if (restInTls) {
                channel.writeAndFlush(packets);
                dropTls();
            } else {
                int first = PacketHeader.peek(packets, 0).length();
                channel.writeAndFlush(packets.readRetainedSlice(first));
                dropTls();
                channel.writeAndFlush(packets);
            }
        });
    }

    /** Writes already packetized bytes. */
    void sendRaw(byte[] bytes) throws InterruptedException {
        channel.writeAndFlush(Unpooled.wrappedBuffer(bytes)).sync();
    }

    /** Runs {@code action} on the channel's event loop and waits for it. */
    void onLoop(Runnable action) throws Exception {
        channel.eventLoop().submit(action).get(30, TimeUnit.SECONDS);
    }

    Channel channel() {
        return channel;
    }

    /** A SQL batch message payload (ALL_HEADERS with a transaction descriptor, then UCS-2 text). */
    static ByteBuf sqlBatch(String text) {
        ByteBuf out = Unpooled.buffer();
        out.writeIntLE(22).writeIntLE(18).writeShortLE(2).writeLongLE(0).writeIntLE(1);
        out.writeBytes(text.getBytes(StandardCharsets.UTF_16LE));
        return out;
    }

    Packet readPacket() throws InterruptedException {
        Object next = inbound.poll(30, TimeUnit.SECONDS);
        if (next instanceof Packet) {
            return (Packet) next;
        }
        if (next instanceof Throwable) {
            throw new AssertionError("client pipeline failed", (Throwable) next);
        }
        throw new AssertionError(next == null ? "no packet within 30 s" : "connection " + next + " instead of a packet");
    }

    List<Packet> readMessage() throws InterruptedException {
        List<Packet> packets = new ArrayList<>();
        Packet p;
        do {
            p = readPacket();
            packets.add(p);
        } while (!p.header().isEndOfMessage());
        return packets;
    }

    /** Waits until the proxy closed the connection, failing if a packet arrives instead. */
    void awaitClosed() throws InterruptedException {
        Object next = inbound.poll(30, TimeUnit.SECONDS);
        if (next instanceof Throwable) {
            next = inbound.poll(30, TimeUnit.SECONDS);
        }
        if (!"closed".equals(next)) {
            throw new AssertionError("expected the proxy to close the connection, got " + next);
        }
    }

    /** From now on record the length of every inbound TLS record. */
    void tapTlsRecords() throws Exception {
        onLoop(() -> tap.active = true);
    }

    /** Lengths of the TLS records received since {@link #tapTlsRecords()}. */
    List<Integer> tlsRecordLengths() {
        return List.copyOf(tlsRecords);
    }

    @Override
    public void close() {
        if (group.isShuttingDown()) {
            return;
        }
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        Object o;
        while ((o = inbound.poll()) != null) {
            ReferenceCountUtil.release(o);
        }
    }

    /** Parses TLS record headers in the raw inbound stream; passes every byte on. */
    private final class RecordTap extends ChannelInboundHandlerAdapter {
        volatile boolean active;
        private final byte[] header = new byte[5];
        private int headerFill;
        private int bodyLeft;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (active && msg instanceof ByteBuf) {
                ByteBuf buf = (ByteBuf) msg;
                for (int i = buf.readerIndex(); i < buf.writerIndex(); ) {
                    if (bodyLeft > 0) {
                        int take = Math.min(bodyLeft, buf.writerIndex() - i);
                        bodyLeft -= take;
                        i += take;
                        continue;
                    }
                    header[headerFill++] = buf.getByte(i++);
                    if (headerFill == 5) {
                        headerFill = 0;
                        bodyLeft = (header[3] & 0xFF) << 8 | (header[4] & 0xFF);
                        tlsRecords.add(header[0] == 0x17 ? bodyLeft : -bodyLeft);
                    }
                }
            }
            ctx.fireChannelRead(msg);
        }
    }
}
