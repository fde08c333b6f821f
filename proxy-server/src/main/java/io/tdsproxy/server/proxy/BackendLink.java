package io.tdsproxy.server.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import io.tdsproxy.netty.TdsPacketFrameDecoder;
import io.tdsproxy.server.config.BackendConfig;
import io.tdsproxy.tds.ProtocolException;
import io.tdsproxy.tds.packet.PacketHeader;
import io.tdsproxy.tds.packet.PacketType;
import io.tdsproxy.tds.prelogin.PreloginMessage;

import java.util.ArrayDeque;
import java.util.Optional;

/**
 * The backend leg of one session: connects on the client's event loop with the same channel class,
 * exchanges the PRELOGIN (the proxy's request, the backend's reply), holds bytes for the backend until
 * that is done, then hands its channel events to the {@link Relay}.
 *
 * <pre>
 *  CONNECTING --connected, PRELOGIN sent--> AWAITING_REPLY --usable reply--> READY --relay attached--> (relay)
 *       \__________________________\___________________________________ FAILED (reason kept for the client)
 * </pre>
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

        void backendReady(PreloginMessage reply, int spid);

        void backendFailed(String reason);
    }

    enum State { NOT_STARTED, CONNECTING, AWAITING_REPLY, READY, FAILED, CLOSED }

    private static final int MAX_PRELOGIN_BYTES = 64 * 1024;

    private final ProxyContext context;
    private final Owner owner;
    private State state = State.NOT_STARTED;
    private Channel channel;
    private PacketAccumulator reply;
    private final ArrayDeque<ByteBuf> pending = new ArrayDeque<>();
    private Relay relay;
    private String failure;

    BackendLink(ProxyContext context, Owner owner) {
        this.context = context;
        this.owner = owner;
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

    /** How this leg is protected, for the audit log: plaintext in this version (see {@link BackendConfig}). */
    String mode() {
        return "PLAINTEXT";
    }

    /** Connects and, once connected, sends {@code request} as the proxy's PRELOGIN. */
    void connect(EventLoop loop, PreloginMessage request) {
        state = State.CONNECTING;
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
            } else {
                state = State.AWAITING_REPLY;
                reply = new PacketAccumulator(channel.alloc(), MAX_PRELOGIN_BYTES, "PRELOGIN reply");
                channel.writeAndFlush(PreloginExchange.toPackets(channel.alloc(), request, PacketType.PRELOGIN, 0),
                        channel.voidPromise());
            }
        });
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
            channel.write(buf, channel.voidPromise());
        } else if (state == State.CONNECTING || state == State.AWAITING_REPLY) {
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

    /** Channel events go to {@code relay} once this link is READY (at once if it already is). */
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
        Optional<String> problem = PreloginExchange.backendReplyProblem(message);
        if (problem.isPresent()) {
            fail(problem.get());
            return;
        }
        state = State.READY;
        owner.backendReady(message, header.spid());
        ByteBuf next;
        while ((next = pending.poll()) != null) {
            send(next);
        }
        flush();
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
        if (relaying()) {
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
