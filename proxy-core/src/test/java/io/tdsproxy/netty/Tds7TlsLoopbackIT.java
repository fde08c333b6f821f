package io.tdsproxy.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.tdsproxy.netty.TdsBytes.Packet;
import io.tdsproxy.tls.CertificateGenerator;
import io.tdsproxy.tls.ClientTlsContexts;
import io.tdsproxy.tls.GeneratedCertificate;
import io.tdsproxy.tls.KeyType;
import io.tdsproxy.tls.ServerTlsContexts;
import io.tdsproxy.tls.TestPki;
import io.tdsproxy.tls.TlsProtocols;
import io.tdsproxy.tls.TlsProvider;
import io.tdsproxy.tls.TrustSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TDS 7.x TLS pair over real loopback sockets on an NIO event loop: the flush-per-flight rule and
 * the switch points hold with real reads and writes, for full and login-only encryption.
 */
class Tds7TlsLoopbackIT {
    private static EventLoopGroup group;
    private static GeneratedCertificate bigCert;

    private static final byte[] LOGIN_1 = TdsBytes.login7Packet(0x00, 3000);
    private static final byte[] LOGIN_2 = TdsBytes.login7Packet(0x01, 500);
    private static final byte[] REPLY = TdsBytes.packet(0x04, 0x01, 1, new byte[] {(byte) 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});

    @BeforeAll
    static void start() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        String[] names = new String[160];
        for (int i = 0; i < names.length; i++) {
            names[i] = "replica-" + i + ".long-subdomain-name-for-size.tdsproxy.test";
        }
        bigCert = CertificateGenerator.builder().subject(TestPki.HOST).sans(names).issuer(TestPki.ca()).generate();
    }

    @AfterAll
    static void stop() {
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }

    static Stream<Arguments> cases() {
        List<Arguments> args = new ArrayList<>();
        for (TlsProvider server : TlsProvider.values()) {
            for (TlsProvider client : TlsProvider.values()) {
                for (boolean loginOnly : new boolean[] {false, true}) {
                    for (boolean big : new boolean[] {false, true}) {
                        args.add(Arguments.of(server, client, loginOnly, big));
                    }
                }
            }
        }
        return args.stream();
    }

    /** Copies every byte a channel writes to the socket and reads from it. */
    static final class Wire extends ChannelDuplexHandler {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            ByteBuf b = (ByteBuf) msg;
            synchronized (written) {
                written.writeBytes(ByteBufUtil.getBytes(b));
            }
            ctx.write(msg, promise);
        }

        byte[] bytes() {
            synchronized (written) {
                return written.toByteArray();
            }
        }
    }

    /** Server side stand-in for the session: collects decrypted TDS, answers the LOGIN7. */
    static final class ServerSession extends ChannelInboundHandlerAdapter {
        final boolean loginOnly;
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final CompletableFuture<byte[]> login = new CompletableFuture<>();

        ServerSession(boolean loginOnly) {
            this.loginOnly = loginOnly;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf packet = (ByteBuf) msg;
            try {
                received.writeBytes(ByteBufUtil.getBytes(packet));
                if ((packet.getUnsignedByte(1) & 0x01) != 0) {
                    if (ctx.pipeline().get(HandlerNames.TLS) != null && loginOnly) {
                        Tds7Tls.removeWithoutClose(ctx.pipeline()); // the whole LOGIN7 came inside TLS
                    }
                    login.complete(received.toByteArray());
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(REPLY));
                }
            } finally {
                packet.release();
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof PlaintextAfterTlsEvent && loginOnly) {
                Tds7Tls.removeWithoutClose(ctx.pipeline());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            login.completeExceptionally(cause);
            ctx.close();
        }
    }

    /** Client side: sends the LOGIN7 after the handshake the way mssql-jdbc does, waits for the reply. */
    static final class ClientSession extends ChannelInboundHandlerAdapter {
        final boolean loginOnly;
        final CompletableFuture<byte[]> reply = new CompletableFuture<>();

        ClientSession(boolean loginOnly) {
            this.loginOnly = loginOnly;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof SslHandshakeCompletionEvent) {
                SslHandshakeCompletionEvent done = (SslHandshakeCompletionEvent) evt;
                if (!done.isSuccess()) {
                    reply.completeExceptionally(done.cause());
                    return;
                }
                ctx.writeAndFlush(Unpooled.wrappedBuffer(LOGIN_1));
                if (loginOnly) {
                    Tds7Tls.removeWithoutClose(ctx.pipeline());
                }
                ctx.writeAndFlush(Unpooled.wrappedBuffer(LOGIN_2));
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf packet = (ByteBuf) msg;
            try {
                reply.complete(ByteBufUtil.getBytes(packet));
            } finally {
                packet.release();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            reply.completeExceptionally(cause);
            ctx.close();
        }
    }

    @ParameterizedTest(name = "server {0}, client {1}, login-only {2}, big certificate {3}")
    @MethodSource("cases")
    void handshakeAndLoginOverLoopback(TlsProvider serverProvider, TlsProvider clientProvider, boolean loginOnly,
                                       boolean big) throws Exception {
        GeneratedCertificate cert = big ? bigCert : TestPki.server(KeyType.EC_P256);
        SslContext serverCtx = ServerTlsContexts.tds7(cert.keyMaterial(), TlsProtocols.parse("1.2"), null, serverProvider);
        SslContext clientCtx = ClientTlsContexts.tds7(TrustSettings.trustAll(), TlsProtocols.parse("1.2"), clientProvider);
        Wire serverWire = new Wire();
        Wire clientWire = new Wire();
        ServerSession serverSession = new ServerSession(loginOnly);
        ClientSession clientSession = new ClientSession(loginOnly);

        Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("wire", serverWire);
                        ch.pipeline().addLast(HandlerNames.FRAME_DECODER, new TdsPacketFrameDecoder());
                        ch.pipeline().addLast(HandlerNames.SESSION, serverSession);
                        Tds7Tls.installServer(ch.pipeline(), serverCtx, HandlerNames.FRAME_DECODER);
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        Channel client = null;
        try {
            client = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast("wire", clientWire);
                            ch.pipeline().addLast(HandlerNames.FRAME_DECODER, new TdsPacketFrameDecoder());
                            ch.pipeline().addLast(HandlerNames.SESSION, clientSession);
                            Tds7Tls.installClient(ch.pipeline(), clientCtx, TestPki.HOST, 1433, HandlerNames.FRAME_DECODER);
                        }
                    }).connect(server.localAddress()).sync().channel();

            byte[] reply = clientSession.reply.get(60, TimeUnit.SECONDS);
            assertThat(reply).isEqualTo(REPLY);
            assertThat(serverSession.login.get(60, TimeUnit.SECONDS))
                    .isEqualTo(TlsShuttle.concat(List.of(LOGIN_1, LOGIN_2)));

            byte[] fromServer = serverWire.bytes();
            int serverTls = assertHandshakeMessages(fromServer, 2, big);
            byte[] fromClient = clientWire.bytes();
            int clientTls = assertHandshakeMessages(fromClient, 2, false);
            assertThat(fromClient[clientTls]).isEqualTo((byte) 0x17);
            if (loginOnly) {
                assertThat(Arrays.copyOfRange(fromServer, serverTls, fromServer.length)).as("plaintext reply")
                        .isEqualTo(REPLY);
                assertThat(Arrays.copyOfRange(fromClient, fromClient.length - LOGIN_2.length, fromClient.length))
                        .as("plaintext second LOGIN7 packet").isEqualTo(LOGIN_2);
            } else {
                assertThat(fromServer[serverTls]).isEqualTo((byte) 0x17);
                assertThat(fromServer.length - serverTls).isGreaterThan(REPLY.length);
            }
        } finally {
            if (client != null) {
                client.close().sync();
            }
            server.close().sync();
        }
    }

    /**
     * Parses the leading PRELOGIN packets: each at most 4096 bytes, exactly {@code messages} EOM packets
     * (one message per flight). Returns the offset where the raw part begins.
     */
    static int assertHandshakeMessages(byte[] wire, int messages, boolean multiPacket) {
        int pos = 0;
        int eoms = 0;
        int packets = 0;
        boolean lastEom = false;
        while (pos < wire.length && wire[pos] == 0x12) {
            int length = (wire[pos + 2] & 0xFF) << 8 | (wire[pos + 3] & 0xFF);
            Packet p = TdsBytes.packets(Arrays.copyOfRange(wire, pos, pos + length)).get(0);
            assertThat(p.length()).isLessThanOrEqualTo(4096);
            if (p.eom()) {
                eoms++;
            }
            lastEom = p.eom();
            packets++;
            pos += length;
        }
        assertThat(eoms).as("PRELOGIN messages").isEqualTo(messages);
        assertThat(lastEom).as("last handshake packet has EOM").isTrue();
        if (multiPacket) {
            assertThat(packets).isGreaterThan(messages);
        }
        return pos;
    }
}
