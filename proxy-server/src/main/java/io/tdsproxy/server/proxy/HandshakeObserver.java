package io.tdsproxy.server.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.ChannelInputShutdownEvent;

/**
 * Sits between the TDS 7.x TLS framer and the {@code SslHandler} while the client-leg handshake runs
 * and shows every raw TLS byte, both ways, to a {@link HandshakeTranscript}. It sees the connection end
 * before the {@code SslHandler} turns it into a handshake failure, which is how a client that closes
 * without an alert is told apart. Passes everything on unchanged and owns no buffer. One per connection.
 */
final class HandshakeObserver extends ChannelDuplexHandler {
    private final HandshakeTranscript transcript;

    HandshakeObserver(HandshakeTranscript transcript) {
        this.transcript = transcript;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf) {
            transcript.clientBytes((ByteBuf) msg);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        transcript.clientClosed();
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent) {
            transcript.clientClosed(); // half-closure is allowed: a client's FIN arrives as this event
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf) {
            transcript.proxyBytes((ByteBuf) msg);
        }
        ctx.write(msg, promise);
    }
}
