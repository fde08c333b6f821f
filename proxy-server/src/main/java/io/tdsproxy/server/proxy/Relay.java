package io.tdsproxy.server.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The byte relay after the login: whatever one leg reads is written to the other.
 *
 * <ul>
 *   <li><b>Zero copy.</b> The {@link ByteBuf} read is the one written ({@code write(msg, voidPromise())});
 *       one flush per read batch ({@code channelReadComplete}).</li>
 *   <li><b>One TDS packet per TLS record</b> towards a fully encrypted client, as SQL Server sends
 *       them: the backend leg keeps its packet decoder and each packet is flushed on its own, so the
 *       {@code SslHandler} wraps it alone (it would otherwise merge queued writes into 16 KiB records);
 *       the socket writes are batched below it (see {@link ClientTls}).</li>
 *   <li><b>Backpressure on the opposite leg.</b> When a leg's outbound buffer passes the high water mark,
 *       the other leg stops reading until it is writable again; a leg never pauses itself.</li>
 *   <li><b>One TDS packet per TLS record towards an encrypted backend</b> likewise: the client leg keeps
 *       its packet decoder and {@link BackendLink#send} flushes each packet through TLS alone.</li>
 *   <li><b>Half-close</b> of a plaintext leg is passed on (shutdownOutput on the other leg); a fully
 *       encrypted leg is closed instead (its close_notify ends both directions anyway).
 *       A reset (I/O error) on one leg resets the other (SO_LINGER 0 before close).</li>
 * </ul>
 * ATTENTION and everything else are just bytes here.
 */
final class Relay {
    /** Told once when the relay is over; it then closes both legs. */
    interface Ended {
        void relayEnded(String reason);
    }

    private static final Logger LOG = LoggerFactory.getLogger(Relay.class);

    private final long id;
    private final Channel client;
    private final BackendLink backend;
    private final boolean clientTls;
    private final Ended ended;
    private boolean clientInputShut;
    private boolean backendInputShut;
    private boolean over;
    /** Per-connection counts, handed to the listener once per read batch (never a lookup per packet). */
    private final ConnectionListener listener;
    private final TrafficCounter toBackend = new TrafficCounter(RelayDirection.TO_BACKEND);
    private final TrafficCounter toClient = new TrafficCounter(RelayDirection.TO_CLIENT);

    Relay(long id, Channel client, BackendLink backend, boolean clientTls, Ended ended, ConnectionListener listener) {
        this.id = id;
        this.client = client;
        this.backend = backend;
        this.clientTls = clientTls;
        this.ended = ended;
        this.listener = listener;
    }

    long bytesToBackend() {
        return toBackend.bytes();
    }

    long bytesToClient() {
        return toClient.bytes();
    }

    /** Reports counts not yet reported (the last read batch of a closing connection). */
    void reportTraffic() {
        toBackend.report(id, listener);
        toClient.report(id, listener);
    }

    /** The backend leg is ready (PRELOGIN and TLS done): switch its pipeline to raw bytes and start reading it. */
    void backendReady() {
        Channel b = backend.channel();
        if (!clientTls) {
            // Leaving parsing mode: the removed decoder hands on any bytes it holds.
            b.pipeline().remove(HandlerNames.FRAMES);
        }
        b.config().setAutoRead(client.isWritable());
        client.config().setAutoRead(b.isWritable());
    }

    // ---------------------------------------------------------------- client -> backend

    void clientRead(Object msg) {
        if (!(msg instanceof ByteBuf)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ByteBuf buf = (ByteBuf) msg;
        toBackend.count(buf);
        backend.send(buf);
    }

    void clientReadComplete() {
        backend.flush();
        toBackend.report(id, listener);
    }

    void clientWritabilityChanged() {
        if (backend.ready()) {
            backend.channel().config().setAutoRead(client.isWritable());
        }
    }

    void clientInputShutdown() {
        clientInputShut = true;
        if (backendInputShut || !backend.ready() || backend.tlsActive()) {
            end("client closed the connection");
            return;
        }
        Channel b = backend.channel();
        b.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> shutdownOutput(b));
    }

    void clientInactive() {
        end("client closed the connection");
    }

    void clientException(Throwable cause) {
        LOG.debug("conn={} client connection error: {}", id, cause.toString());
        if (ExceptionKind.of(cause) == ExceptionKind.NETWORK && backend.channel() != null) {
            reset(backend.channel());
        }
        end("client connection error: " + ExceptionKind.message(cause));
    }

    // ---------------------------------------------------------------- backend -> client

    void backendRead(Object msg) {
        if (!(msg instanceof ByteBuf) || !client.isActive()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ByteBuf buf = (ByteBuf) msg;
        toClient.count(buf);
        if (clientTls) {
            client.writeAndFlush(buf, client.voidPromise());
        } else {
            client.write(buf, client.voidPromise());
        }
    }

    void backendReadComplete() {
        client.flush();
        toClient.report(id, listener);
    }

    void backendWritabilityChanged() {
        client.config().setAutoRead(backend.channel().isWritable());
    }

    void backendEvent(Object event) {
        if (!(event instanceof ChannelInputShutdownEvent)) {
            return;
        }
        backendInputShut = true;
        if (clientInputShut || clientTls) {
            end("backend closed the connection");
            return;
        }
        client.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> shutdownOutput(client));
    }

    void backendInactive() {
        end("backend closed the connection");
    }

    void backendException(Throwable cause) {
        LOG.debug("conn={} backend connection error: {}", id, cause.toString());
        if (ExceptionKind.of(cause) == ExceptionKind.NETWORK) {
            reset(client);
        }
        end("backend connection error: " + ExceptionKind.message(cause));
    }

    private void end(String reason) {
        if (!over) {
            over = true;
            ended.relayEnded(reason);
        }
    }

    // ---------------------------------------------------------------- channel helpers

    /** Closes {@code channel} once what is queued for it has been written. */
    static void closeAfterFlush(Channel channel) {
        if (channel.isActive()) {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }

    /** Closes {@code channel} with SO_LINGER 0, so that its peer sees a reset like the one we saw. */
    static void reset(Channel channel) {
        if (channel.isOpen()) {
            try {
                channel.config().setOption(ChannelOption.SO_LINGER, 0);
            } catch (RuntimeException e) {
                LOG.trace("SO_LINGER not set", e);
            }
            channel.close();
        }
    }

    private static void shutdownOutput(Channel channel) {
        if (channel instanceof DuplexChannel && channel.isActive()) {
            ((DuplexChannel) channel).shutdownOutput();
        } else {
            channel.close();
        }
    }
}
