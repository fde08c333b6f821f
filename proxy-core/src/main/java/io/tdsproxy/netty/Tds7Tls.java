package io.tdsproxy.netty;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.tdsproxy.tds.ProtocolException;

/**
 * Puts the TDS 7.x TLS pair ({@link HandlerNames#TLS_FRAMER} + {@link HandlerNames#TLS}) into a pipeline
 * and takes it out again.
 *
 * <p>Order rule: the framer sits directly on the socket side of the SslHandler. It is added first, so
 * that it is in place when a client SslHandler writes its ClientHello on being added.
 */
public final class Tds7Tls {
    private Tds7Tls() {
    }

    /**
     * Adds a server-side pair in front of {@code beforeName} (typically {@link HandlerNames#FRAME_DECODER}),
     * or at the pipeline's head when {@code beforeName} is null. The SslHandler then waits for the ClientHello.
     *
     * @return the SslHandler, e.g. to listen to its handshake future
     */
    public static SslHandler installServer(ChannelPipeline pipeline, SslContext context, String beforeName) {
        if (!context.isServer()) {
            throw new IllegalArgumentException("installServer needs a server SslContext");
        }
        SslHandler ssl = context.newHandler(pipeline.channel().alloc());
        install(pipeline, Tds7TlsFramer.forServer(ssl), ssl, beforeName);
        return ssl;
    }

    /**
     * Adds a client-side pair and so starts the handshake (ClientHello wrapped in PRELOGIN) when the
     * channel is active. {@code host} is used for SNI and, unless the trust settings name another, the
     * certificate name check.
     */
    public static SslHandler installClient(ChannelPipeline pipeline, SslContext context, String host, int port,
                                           String beforeName) {
        if (!context.isClient()) {
            throw new IllegalArgumentException("installClient needs a client SslContext");
        }
        SslHandler ssl = context.newHandler(pipeline.channel().alloc(), host, port);
        install(pipeline, Tds7TlsFramer.forClient(ssl), ssl, beforeName);
        return ssl;
    }

    /** Adds {@code framer} then {@code ssl} (framer on the socket side) in front of {@code beforeName}, or first. */
    public static void install(ChannelPipeline pipeline, Tds7TlsFramer framer, SslHandler ssl, String beforeName) {
        if (beforeName == null) {
            pipeline.addFirst(HandlerNames.TLS_FRAMER, framer);
            pipeline.addAfter(HandlerNames.TLS_FRAMER, HandlerNames.TLS, ssl);
        } else {
            pipeline.addBefore(beforeName, HandlerNames.TLS_FRAMER, framer);
            pipeline.addBefore(beforeName, HandlerNames.TLS, ssl);
        }
    }

    /**
     * Login-only encryption (protocol.md 3.4): takes TLS out without sending close_notify or any other
     * TLS record, so that the connection continues in plaintext in both directions.
     *
     * <p>The SslHandler goes first: its {@code handlerRemoved} writes nothing (it fails pending
     * unencrypted writes, so flush the LOGIN7 before calling this on the client side), forwards its
     * undecoded cumulation and fires an {@code SslCloseCompletionEvent} with a failure cause, which the
     * session should ignore. Then the framer goes, forwarding the plaintext it held to the handler that
     * follows. Measured (LoginOnlyTlsRemovalTest): with the JDK engine the cumulation holds the bytes of
     * an unfinished record and they come out unchanged; BoringSSL swallows a partial record into its own
     * buffer and nothing comes out. At a record boundary both hold nothing, which is why this method
     * requires one.
     *
     * @throws ProtocolException when the inbound stream stands inside a TLS record: removing TLS then
     *                           would turn the rest of that record into garbage plaintext
     */
    public static void removeWithoutClose(ChannelPipeline pipeline) {
        ChannelHandler framer = pipeline.get(HandlerNames.TLS_FRAMER);
        if (framer instanceof Tds7TlsFramer && ((Tds7TlsFramer) framer).inboundRaw()
                && !((Tds7TlsFramer) framer).atRecordBoundary()) {
            throw new ProtocolException("login-only switch inside a TLS record: the peer sent part of a record "
                    + "that TLS removal would cut");
        }
        if (pipeline.get(HandlerNames.TLS) != null) {
            pipeline.remove(HandlerNames.TLS);
        }
        if (framer != null) {
            pipeline.remove(HandlerNames.TLS_FRAMER);
        }
    }

    /**
     * Full encryption, after login: removes only the framer, whose job ended with the handshake, so that
     * records reach the SslHandler without the record-boundary bookkeeping.
     *
     * @throws IllegalStateException when the peer has not switched to raw records yet (its last flight
     *                               may still arrive wrapped)
     */
    public static void removeFramer(ChannelPipeline pipeline) {
        ChannelHandler framer = pipeline.get(HandlerNames.TLS_FRAMER);
        if (framer == null) {
            return;
        }
        if (framer instanceof Tds7TlsFramer && !((Tds7TlsFramer) framer).inboundRaw()) {
            throw new IllegalStateException("the peer still sends PRELOGIN-wrapped handshake packets");
        }
        pipeline.remove(HandlerNames.TLS_FRAMER);
    }
}
