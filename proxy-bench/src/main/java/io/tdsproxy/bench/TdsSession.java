package io.tdsproxy.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslHandler;
import io.tdsproxy.netty.HandlerNames;
import io.tdsproxy.netty.Tds7Tls;
import io.tdsproxy.tds.login.Login7Builder;
import io.tdsproxy.tds.packet.PacketHeader;
import io.tdsproxy.tds.packet.PacketType;
import io.tdsproxy.tds.packet.TdsMessageWriter;
import io.tdsproxy.tds.prelogin.EncryptionValue;
import io.tdsproxy.tds.prelogin.PreloginMessage;
import io.tdsproxy.tds.prelogin.PreloginOption;
import io.tdsproxy.tds.prelogin.PreloginOptionToken;
import io.tdsproxy.tds.prelogin.PreloginVersion;
import io.tdsproxy.tds.token.ServerMessage;
import io.tdsproxy.tds.token.Token;
import io.tdsproxy.tds.token.TokenReader;
import io.tdsproxy.tds.token.TokenType;
import io.tdsproxy.tls.TdsAlpn;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One generator connection, driven as a client through proxy-core's codecs:
 *
 * <pre>
 *  plaintext / full / login-only:  TCP -> PRELOGIN -> [TLS in PRELOGIN packets] -> LOGIN7 -> LOGINACK -> READY
 *  strict:                          TCP -> TLS (ALPN tds/8.0) -> PRELOGIN -> LOGIN7 -> LOGINACK -> READY
 *  READY -> SQL batch -> response (packet headers only) -> READY ...
 * </pre>
 * Pipeline: {@code [tds7-tls-framer | tls] | scanner}. Login-only drops TLS right after the LOGIN7
 * packet ({@link Tds7Tls#removeWithoutClose}); full encryption drops the framer after login.
 * Everything runs on the channel's event loop; {@link #execute} may be called from any thread, one
 * request at a time.
 */
final class TdsSession implements PacketScanner.Listener {
    private static final String SCANNER = "bench-scanner";

    private enum Phase { TLS_FIRST, PRELOGIN, TLS, LOGIN, READY, QUERY, CLOSED }

    private final Target target;
    private final CompletableFuture<TdsSession> opened = new CompletableFuture<>();
    private final PacketScanner scanner = new PacketScanner(this);
    private Channel channel;
    private Phase phase;
    private CompletableFuture<Long> pending;
    private SslHandler ssl;

    private TdsSession(Target target) {
        this.target = target;
    }

    /** Connects and logs in; the future fails with the reason when any step fails. */
    static CompletableFuture<TdsSession> open(EventLoopGroup group, Class<? extends Channel> channelClass, Target target) {
        TdsSession session = new TdsSession(target);
        session.phase = target.mode() == Mode.STRICT ? Phase.TLS_FIRST : Phase.PRELOGIN;
        ChannelFuture connect = new Bootstrap().group(group).channel(channelClass)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(SCANNER, session.scanner);
                        if (target.mode() == Mode.STRICT) {
                            session.ssl = target.tls().newHandler(ch.alloc(), target.host(), target.port());
                            ch.pipeline().addFirst(HandlerNames.TLS, session.ssl);
                        }
                    }
                })
                .connect(target.host(), target.port());
        session.channel = connect.channel();
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                session.fail(f.cause());
            } else if (target.mode() == Mode.STRICT) {
                session.ssl.handshakeFuture().addListener(h -> session.strictHandshakeDone(h.cause()));
            } else {
                session.sendPrelogin();
            }
        });
        return session.opened;
    }

    /**
     * Sends {@code sql} as a SQL batch; the future completes with the response's wire bytes (headers
     * included) when its last packet arrives.
     */
    CompletableFuture<Long> execute(String sql) {
        CompletableFuture<Long> result = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            if (phase != Phase.READY) {
                result.completeExceptionally(new IllegalStateException("session is " + phase + ", not READY"));
                return;
            }
            phase = Phase.QUERY;
            pending = result;
            ByteBuf body = channel.alloc().buffer();
            // ALL_HEADERS with one transaction descriptor header (MS-TDS 2.2.5.3), then the UCS-2 text.
            body.writeIntLE(22).writeIntLE(18).writeShortLE(2).writeLongLE(0).writeIntLE(1);
            body.writeCharSequence(sql, StandardCharsets.UTF_16LE);
            writeMessage(PacketType.SQL_BATCH, body, target.packetSize());
        });
        return result;
    }

    /** The negotiated cipher suite and protocol, or "plaintext". */
    String tlsDescription() {
        if (ssl == null) {
            return "plaintext";
        }
        return ssl.engine().getSession().getProtocol() + " " + ssl.engine().getSession().getCipherSuite();
    }

    Channel channel() {
        return channel;
    }

    /** Closes the connection (TLS: close_notify first); the future completes when it is closed. */
    ChannelFuture close() {
        return channel.close();
    }

    // ---------------------------------------------------------------- steps (event loop)

    private void strictHandshakeDone(Throwable cause) {
        if (cause != null) {
            fail(cause);
        } else if (!TdsAlpn.selectedIsAcceptable(ssl)) {
            fail(new IllegalStateException("server selected ALPN " + ssl.applicationProtocol() + ", not tds/8.0"));
        } else {
            phase = Phase.PRELOGIN;
            sendPrelogin();
        }
    }

    private void sendPrelogin() {
        PreloginMessage request = PreloginMessage.of(
                PreloginOption.of(PreloginOptionToken.VERSION, new PreloginVersion(17, 0, 0, 0).encode()),
                PreloginOption.of(PreloginOptionToken.ENCRYPTION, new byte[] {(byte) target.mode().preloginEncryption().raw()}),
                PreloginOption.of(PreloginOptionToken.INSTOPT, new byte[] {0}),
                PreloginOption.of(PreloginOptionToken.MARS, new byte[] {0}));
        ByteBuf body = channel.alloc().buffer();
        request.encode(body);
        scanner.collect(true);
        writeMessage(PacketType.PRELOGIN, body, 4096);
    }

    private void preloginReply(ByteBuf payload) {
        PreloginMessage reply = PreloginMessage.decode(payload);
        EncryptionValue server = reply.encryption().orElseThrow(
                () -> new IllegalStateException("PRELOGIN reply without ENCRYPTION"));
        Mode mode = target.mode();
        boolean tls = mode == Mode.FULL ? server.equals(EncryptionValue.ON) || server.equals(EncryptionValue.REQ)
                : mode == Mode.LOGIN_ONLY && server.equals(EncryptionValue.OFF);
        if ((mode == Mode.FULL || mode == Mode.LOGIN_ONLY) && !tls) {
            throw new IllegalStateException(mode + " asked, server answered ENCRYPT " + server);
        }
        if (mode == Mode.PLAINTEXT && server.equals(EncryptionValue.REQ)) {
            throw new IllegalStateException("server requires encryption; use another mode");
        }
        if (!tls) {
            sendLogin();
            return;
        }
        phase = Phase.TLS;
        ssl = Tds7Tls.installClient(channel.pipeline(), target.tls(), target.host(), target.port(), SCANNER);
        ssl.handshakeFuture().addListener(f -> {
            if (f.isSuccess()) {
                sendLogin();
            } else {
                fail(f.cause());
            }
        });
    }

    private void sendLogin() {
        phase = Phase.LOGIN;
        ByteBuf body = new Login7Builder().packetSize(target.packetSize()).hostName("tdsproxy-bench")
                .userName(target.user()).password(target.password()).appName("tdsproxy-bench")
                .serverName(target.host()).clientLibrary("tdsproxy-bench").build(channel.alloc());
        ByteBuf packets = channel.alloc().buffer();
        try {
            TdsMessageWriter.writeMessage(packets, PacketType.LOGIN7, 0, 4096, body);
        } finally {
            body.release();
        }
        if (target.mode() != Mode.LOGIN_ONLY) {
            channel.writeAndFlush(packets, channel.voidPromise());
            return;
        }
        // Login-only (protocol.md 3.4): the first LOGIN7 packet through TLS, then TLS removed without
        // close_notify, then any further packets in plaintext, all in this one event-loop task.
        int first = PacketHeader.peek(packets, 0).length();
        channel.writeAndFlush(packets.readRetainedSlice(first), channel.voidPromise());
        Tds7Tls.removeWithoutClose(channel.pipeline());
        if (packets.isReadable()) {
            channel.writeAndFlush(packets, channel.voidPromise());
        } else {
            packets.release();
        }
    }

    private void loginResponse(ByteBuf payload) {
        List<Token> tokens = TokenReader.readAll(payload);
        if (tokens.stream().noneMatch(t -> t.type() == TokenType.LOGINACK)) {
            String why = tokens.stream().filter(t -> t.type() == TokenType.ERROR).findFirst()
                    .map(t -> t.as(ServerMessage.class).text()).orElse("no LOGINACK in the login response");
            throw new IllegalStateException("login refused: " + why);
        }
        if (target.mode() == Mode.FULL) {
            Tds7Tls.removeFramer(channel.pipeline());
        }
        scanner.collect(false);
        phase = Phase.READY;
        opened.complete(this);
    }

    private void writeMessage(PacketType type, ByteBuf body, int packetSize) {
        ByteBuf packets = channel.alloc().buffer(body.readableBytes() + 64);
        try {
            TdsMessageWriter.writeMessage(packets, type, 0, packetSize, body);
        } catch (RuntimeException e) {
            packets.release();
            throw e;
        } finally {
            body.release();
        }
        channel.writeAndFlush(packets, channel.voidPromise());
    }

    // ---------------------------------------------------------------- scanner events

    @Override
    public void message(int type, long bytes, ByteBuf collected) {
        try {
            switch (phase) {
                case PRELOGIN:
                    preloginReply(collected);
                    break;
                case LOGIN:
                    loginResponse(collected);
                    break;
                case QUERY:
                    phase = Phase.READY;
                    CompletableFuture<Long> done = pending;
                    pending = null;
                    done.complete(bytes);
                    break;
                default:
                    throw new IllegalStateException("unexpected server message in phase " + phase);
            }
        } catch (RuntimeException e) {
            fail(e);
        } finally {
            if (collected != null) {
                collected.release();
            }
        }
    }

    @Override
    public void closed() {
        fail(new IllegalStateException("connection closed by the server in phase " + phase));
        phase = Phase.CLOSED;
    }

    @Override
    public void failed(Throwable cause) {
        fail(cause);
    }

    private void fail(Throwable cause) {
        if (phase == Phase.CLOSED) {
            return;
        }
        boolean wasOpening = !opened.isDone();
        opened.completeExceptionally(cause);
        if (pending != null) {
            CompletableFuture<Long> p = pending;
            pending = null;
            p.completeExceptionally(cause);
        }
        if (wasOpening || phase == Phase.QUERY) {
            phase = Phase.CLOSED;
            channel.close();
        }
    }
}
