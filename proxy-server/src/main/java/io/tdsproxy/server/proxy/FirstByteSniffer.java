package io.tdsproxy.server.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * Looks at the first byte a client sends (MS-TDS 3.3.5.1) and removes itself:
 *
 * <ul>
 *   <li>0x16 opens a TLS ClientHello: TDS 8.0 strict encryption. The {@link Target} installs the TLS
 *       handler behind this one, which then receives the bytes (the packet decoder must never see them:
 *       it would read {@code 16 03 01 LL} as a TDS header).</li>
 *   <li>0x12 (PRELOGIN) and 0x10 (LOGIN7 without PRELOGIN, jTDS {@code ssl=off}) are TDS 7.x: the bytes
 *       pass on untouched.</li>
 *   <li>Anything else is not a SQL Server client: the bytes are dropped and the target closes the
 *       connection at once, instead of the packet decoder waiting for a length that never comes.</li>
 * </ul>
 */
final class FirstByteSniffer extends ChannelInboundHandlerAdapter {
    /** TLS record type handshake: a ClientHello. */
    static final int TLS_HANDSHAKE = 0x16;
    /** TDS packet type PRELOGIN. */
    static final int PRELOGIN = 0x12;
    /** TDS packet type LOGIN7. */
    static final int LOGIN7 = 0x10;

    /** What the first byte says; implemented by {@link ClientSession}. */
    interface Target {
        /**
         * A TDS 8.0 ClientHello: install the TLS handler in front of the packet decoder and return true,
         * or close the connection and return false.
         */
        boolean strictRequested();

        /** Neither TDS nor TLS: close the connection with a log line. */
        void unknownProtocol(int firstByte);
    }

    private final Target target;

    FirstByteSniffer(Target target) {
        this.target = target;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf) || !((ByteBuf) msg).isReadable()) {
            ctx.fireChannelRead(msg);
            return;
        }
        ByteBuf buf = (ByteBuf) msg;
        int first = buf.getUnsignedByte(buf.readerIndex());
        boolean pass;
        if (first == TLS_HANDSHAKE) {
            pass = target.strictRequested();
        } else if (first == PRELOGIN || first == LOGIN7) {
            pass = true;
        } else {
            pass = false;
            target.unknownProtocol(first);
        }
        // Removed only now: handlers the target added behind this one must be this context's next.
        ctx.pipeline().remove(this);
        if (pass) {
            ctx.fireChannelRead(msg);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }
}
