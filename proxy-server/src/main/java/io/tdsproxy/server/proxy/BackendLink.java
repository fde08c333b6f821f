package io.tdsproxy.server.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.tdsproxy.netty.TdsPacketFrameDecoder;
import io.tdsproxy.server.config.BackendConfig;
import io.tdsproxy.server.config.BackendEncrypt;
import io.tdsproxy.tds.ProtocolException;
import io.tdsproxy.tds.packet.PacketHeader;
import io.tdsproxy.tds.packet.PacketType;
import io.tdsproxy.tds.prelogin.EncryptionValue;
import io.tdsproxy.tds.prelogin.PreloginMessage;
import io.tdsproxy.tls.TdsAlpn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Optional;

/**
 * The backend leg of one session: connects on the client's event loop with the same channel class,
 * exchanges the PRELOGIN (the proxy's request, the backend's reply), runs the TLS handshake that
 * {@code [backend] encrypt} asks for, holds bytes for the backend until that is done, then hands its
 * channel events to the {@link Relay}.
 *
 * <pre>
 *  CONNECTING --connected--> [strict: STRICT_HANDSHAKE --TLS up, ALPN ok--] --PRELOGIN sent--> AWAITING_REPLY
 *  AWAITING_REPLY --usable reply--> [login, on: TLS_HANDSHAKE --TLS up--] --> READY (owner told) --relay attached--> (relay)
 *       \___________________\___________________\____________________ FAILED (reason kept for the client)
 * </pre>
 * The owner gets the PRELOGIN reply once the leg is READY, TLS verified: a backend that fails
 * verification is known before the client is answered, and told to it at its LOGIN7 like any backend
 * failure (the client's PRELOGIN waits for the backend's handshake; its LOGIN7 never waits for an
 * unverified backend).
 *
 * <p>Modes on the wire ({@link BackendLegTls}): with full TLS (on, strict) every buffer given to
 * {@link #send} is one TDS packet and is flushed through TLS alone (one packet per record); with
 * login-only the first LOGIN7 packet is, then TLS is dropped without close_notify (protocol.md 3.4).
 *
 * <p>Ownership: buffers given to {@link #send} are written (the channel releases them) or kept in
 * {@link #pending} until READY and released on failure or close; buffers read from the backend are
 * accumulated (PRELOGIN reply) or handed to the relay, which owns them.
 */
final class BackendLink {
    /** Told about the PRELOGIN exchange; runs on the event loop. */
    interface Owner {
        /** The connection id, for log lines. */
        long id();

        /** The leg is READY (PRELOGIN answered, TLS up and verified when configured); {@code reply} is the backend's. */
        void backendReady(PreloginMessage reply, int spid);

        void backendFailed(String reason);
    }

    enum State { NOT_STARTED, CONNECTING, STRICT_HANDSHAKE, AWAITING_REPLY, TLS_HANDSHAKE, READY, FAILED, CLOSED }

    private static final int MAX_PRELOGIN_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(BackendLink.class);

    private final ProxyContext context;
    private final Owner owner;
    private final BackendLegTls legTls;
    private State state = State.NOT_STARTED;
    private PreloginMessage request;
    private Channel channel;
    private PacketAccumulator reply;
    /** The backend's PRELOGIN reply, passed to the owner once the leg is READY. */
    private PreloginMessage replyMessage;
    private int replySpid;
    private final ArrayDeque<ByteBuf> pending = new ArrayDeque<>();
    private Relay relay;
    private String failure;

    BackendLink(ProxyContext context, Owner owner) {
        this.context = context;
        this.owner = owner;
        this.legTls = new BackendLegTls(context.config().backend().tls().encrypt());
    }

    /** How the backend leg is protected (as far as negotiated so far). */
    BackendLegMode mode() {
        return legTls.mode();
    }

    /** The TLS protocol of the backend leg once its handshake completed. */
    Optional<String> tlsProtocol() {
        return legTls.protocol();
    }

    /**
     * Whether the relay must hand {@link #send} whole TDS packets: the backend leg is (or may still
     * become) fully encrypted, one packet per TLS record.
     */
    boolean wantsWholePackets() {
        return legTls.mayEncryptAfterLogin();
    }

    /** Whether bytes to the backend currently go through TLS (the relay then closes instead of half-closing). */
    boolean tlsActive() {
        return legTls.tlsActive();
    }

    State state() {
        return state;
    }

    boolean ready() {
        return state == State.READY;
    }

    boolean failed() {
        return state == State.FAILED;
    }

    /** Why the backend is unusable, for the client's error message. */
    String failure() {
        return failure;
    }

    Channel channel() {
        return channel;
    }

    /**
     * Connects and, once connected (and, for strict, once TLS is up), sends {@code clientOptions} as the
     * proxy's PRELOGIN with the ENCRYPTION value of {@code [backend] encrypt}.
     */
    void connect(EventLoop loop, PreloginMessage clientOptions) {
        state = State.CONNECTING;
        request = clientOptions.withEncryption(legTls.requestValue());
        BackendConfig target = context.config().backend();
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(context.transport().socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, context.connectTimeoutMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, context.waterMark())
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(HandlerNames.FRAMES, new TdsPacketFrameDecoder());
                        ch.pipeline().addLast(HandlerNames.BACKEND, new BackendHandler(BackendLink.this));
                    }
                });
        long started = System.nanoTime();
        ChannelFuture connect = bootstrap.connect(target.host(), target.port());
        channel = connect.channel();
        connect.addListener(f -> {
            long nanos = System.nanoTime() - started;
            ListenerCalls.notify(context.listener(), owner.id(), l -> l.backendConnectFinished(nanos, f.isSuccess()));
            if (state != State.CONNECTING) {
                channel.close();
            } else if (!f.isSuccess()) {
                fail("cannot connect: " + ExceptionKind.message(f.cause()));
            } else if (legTls.encrypt() == BackendEncrypt.STRICT) {
                state = State.STRICT_HANDSHAKE;
                BackendTls.installStrict(channel.pipeline(), context.backendContext().orElseThrow(), target);
            } else {
                sendPrelogin();
            }
        });
    }

    private void sendPrelogin() {
        state = State.AWAITING_REPLY;
        reply = new PacketAccumulator(channel.alloc(), MAX_PRELOGIN_BYTES, "PRELOGIN reply");
        channel.writeAndFlush(PreloginExchange.toPackets(channel.alloc(), request, PacketType.PRELOGIN, 0),
                channel.voidPromise());
    }

    /**
     * Fails the link without connecting (the client is over {@code proxy.maxconnections}); the owner is
     * told as for any failure, with {@code reason} as the failure text.
     */
    void refuse(String reason) {
        state = State.FAILED;
        failure = reason;
        owner.backendFailed(reason);
    }

    /** Writes {@code buf} to the backend, or keeps it until the backend is READY. Takes ownership. */
    void send(ByteBuf buf) {
        if (state == State.READY && channel.isActive()) {
            if (legTls.loginOnlyPending()) {
                // The first LOGIN7 packet goes through TLS and out; then TLS goes, silently (protocol.md 3.4).
                channel.writeAndFlush(buf, channel.voidPromise());
                BackendTls.dropLoginOnly(channel.pipeline());
                legTls.loginOnlyDropped();
            } else if (legTls.tlsActive()) {
                channel.writeAndFlush(buf, channel.voidPromise());
            } else {
                channel.write(buf, channel.voidPromise());
            }
        } else if (state != State.READY && state != State.FAILED && state != State.CLOSED) {
            pending.add(buf);
        } else {
            buf.release();
        }
    }

    void flush() {
        if (state == State.READY) {
            channel.flush();
        }
    }

    /**
     * Channel events go to {@code relay} once this link is READY (at once if it already is); the relay
     * is told when READY comes later.
     */
    void attach(Relay relay) {
        this.relay = relay;
    }

    /** Closes the backend channel after writing what is queued; releases what was never sent. */
    void close() {
        if (state != State.FAILED) {
            state = State.CLOSED;
        }
        releasePending();
        if (reply != null) {
            reply.release();
        }
        if (channel != null) {
            Relay.closeAfterFlush(channel);
        }
    }

    // ---------------------------------------------------------------- channel events (BackendHandler)

    private boolean relaying() {
        return relay != null && state == State.READY;
    }

    void read(Object msg) {
        if (relaying()) {
            relay.backendRead(msg);
            return;
        }
        if (!(msg instanceof ByteBuf) || state != State.AWAITING_REPLY) {
            ReferenceCountUtil.release(msg);
            fail("sent data before the login was forwarded");
            return;
        }
        try {
            replyPacket((ByteBuf) msg);
        } catch (ProtocolException e) {
            fail("sent a malformed PRELOGIN reply: " + e.getMessage());
        }
    }

    private void replyPacket(ByteBuf packet) {
        PacketHeader header = PacketHeader.peek(packet, packet.readerIndex());
        if (header.type() != PacketType.TABULAR_RESULT) {
            packet.release();
            throw new ProtocolException(String.format("packet type 0x%02x, expected 0x04", header.rawType()));
        }
        if (!reply.add(header, packet)) {
            return;
        }
        PreloginMessage message = reply.decodePrelogin();
        reply.release();
        reply = null;
        Optional<String> problem = legTls.replied(message.encryption().orElse(EncryptionValue.NOT_SUP));
        if (problem.isPresent()) {
            fail(problem.get());
            return;
        }
        replyMessage = message;
        replySpid = header.spid();
        if (legTls.needsTds7Handshake()) {
            state = State.TLS_HANDSHAKE;
            BackendTls.installTds7(channel.pipeline(), context.backendContext().orElseThrow(), context.config().backend());
        } else {
            becomeReady();
        }
    }

    private void handshakeDone(SslHandshakeCompletionEvent event) {
        if (state != State.STRICT_HANDSHAKE && state != State.TLS_HANDSHAKE) {
            return;
        }
        if (!event.isSuccess()) {
            tlsFailed(event.cause());
            return;
        }
        SslHandler ssl = (SslHandler) channel.pipeline().get(HandlerNames.TLS);
        legTls.handshakeDone(ssl.engine().getSession().getProtocol());
        if (state == State.STRICT_HANDSHAKE) {
            if (!TdsAlpn.selectedIsAcceptable(ssl)) {
                fail("the backend selected ALPN protocol '" + ssl.applicationProtocol() + "' instead of tds/8.0");
                return;
            }
            sendPrelogin();
        } else {
            if (legTls.tlsActive()) {
                BackendTls.fullTlsEstablished(channel.pipeline());
            }
            becomeReady();
        }
    }

    private void tlsFailed(Throwable cause) {
        BackendTls.Failure failure = BackendTls.describe(cause, context.config().backend());
        LOG.warn("conn={} backend {} TLS handshake failed: {} To fix: {}", owner.id(), context.config().backend().address(),
                failure.clientText(), failure.operatorHint());
        fail(failure.clientText());
    }

    private void becomeReady() {
        state = State.READY;
        owner.backendReady(replyMessage, replySpid);
        if (state != State.READY) {
            return; // the owner closed the session
        }
        ByteBuf next;
        while ((next = pending.poll()) != null) {
            send(next);
        }
        flush();
        if (relay != null) {
            relay.backendReady();
        }
    }

    void readComplete() {
        if (relaying()) {
            relay.backendReadComplete();
        }
    }

    void writabilityChanged() {
        if (relaying()) {
            relay.backendWritabilityChanged();
        }
    }

    void userEvent(Object event) {
        if (event instanceof SslHandshakeCompletionEvent) {
            handshakeDone((SslHandshakeCompletionEvent) event);
        } else if (relaying()) {
            relay.backendEvent(event);
        } else if (event instanceof ChannelInputShutdownEvent) {
            fail("closed the connection before the login was forwarded");
        }
    }

    void inactive() {
        if (relaying()) {
            relay.backendInactive();
        } else {
            fail("closed the connection before the login was forwarded");
        }
    }

    void exception(Throwable cause) {
        if (relaying()) {
            relay.backendException(cause);
        } else if ((state == State.STRICT_HANDSHAKE || state == State.TLS_HANDSHAKE)
                && ExceptionKind.of(cause) == ExceptionKind.TLS) {
            tlsFailed(cause);
        } else if (ExceptionKind.of(cause) == ExceptionKind.PROTOCOL) {
            fail("broke the TDS protocol: " + ExceptionKind.message(cause));
        } else {
            fail(ExceptionKind.message(cause));
        }
    }

    private void fail(String reason) {
        if (state == State.FAILED || state == State.CLOSED) {
            return;
        }
        state = State.FAILED;
        failure = "tdsproxy could not use the backend " + context.config().backend().address() + ": " + reason;
        releasePending();
        if (reply != null) {
            reply.release();
        }
        if (channel != null) {
            channel.close();
        }
        owner.backendFailed(failure);
    }

    private void releasePending() {
        ByteBuf next;
        while ((next = pending.poll()) != null) {
            next.release();
        }
    }
}
