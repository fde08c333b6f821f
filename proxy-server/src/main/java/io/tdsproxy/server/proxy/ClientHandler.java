package io.tdsproxy.server.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * The client channel's last handler: forwards every callback to its {@link ClientSession}, which
 * decides. Holds no state of its own; one instance per connection (not sharable).
 */
final class ClientHandler extends ChannelInboundHandlerAdapter {
    private final ClientSession session;

    ClientHandler(ClientSession session) {
        this.session = session;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        session.clientRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        session.clientReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        session.clientWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        session.clientEvent(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        session.clientInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        session.clientException(cause);
    }
}
