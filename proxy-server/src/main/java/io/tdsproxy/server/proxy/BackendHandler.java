package io.tdsproxy.server.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * The backend channel's last handler: forwards every callback to its {@link BackendLink}. Holds no
 * state of its own; one instance per connection (not sharable).
 */
final class BackendHandler extends ChannelInboundHandlerAdapter {
    private final BackendLink link;

    BackendHandler(BackendLink link) {
        this.link = link;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        link.read(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        link.readComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        link.writabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        link.userEvent(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        link.inactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        link.exception(cause);
    }
}
