package io.tdsproxy.testkit.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.tdsproxy.testkit.session.TdsConnection;
import io.tdsproxy.testkit.wire.TdsMessage;

/**
 * The last handler of an embedded-server pipeline: forwards every callback to the connection's
 * {@link TdsConnection}, which decides. Not sharable: one per channel.
 *
 * <p>Ownership: a {@link TdsMessage} passes to the connection, which releases its payload.
 */
public final class SessionHandler extends ChannelInboundHandlerAdapter {
    private final TdsConnection connection;

    /** @param connection the state machine of this channel */
    public SessionHandler(TdsConnection connection) {
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        connection.onMessage((TdsMessage) msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        connection.onUserEvent(evt);
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        connection.onWritabilityChanged();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connection.onInactive();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        connection.onException(cause);
    }
}
