package io.tdsproxy.server.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * Looks at the first byte a client sends (MS-TDS 3.3.5.1): 0x16 opens a TLS ClientHello, i.e. TDS 8.0
 * strict encryption, which the packet decoder must never see (it would read {@code 16 03 01 LL} as a
 * TDS header and wait for a length that never comes). Anything else is TDS 7.x: this handler removes
 * itself and passes the bytes on untouched.
 */
final class FirstByteSniffer extends ChannelInboundHandlerAdapter {
    private static final int TLS_HANDSHAKE = 0x16;

    private final ClientSession session;

    FirstByteSniffer(ClientSession session) {
        this.session = session;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf && ((ByteBuf) msg).isReadable()) {
            ByteBuf buf = (ByteBuf) msg;
            if (buf.getUnsignedByte(buf.readerIndex()) == TLS_HANDSHAKE) {
                ReferenceCountUtil.release(msg);
                session.strictRequested();
                return;
            }
            ctx.pipeline().remove(this);
        }
        ctx.fireChannelRead(msg);
    }
}
