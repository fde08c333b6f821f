package io.tdsproxy.testkit.tls;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.tdsproxy.netty.PlaintextAfterTlsEvent;
import io.tdsproxy.netty.Tds7Tls;
import io.tdsproxy.tds.packet.PacketHeader;
import io.tdsproxy.tds.packet.PacketStatus;
import io.tdsproxy.tds.packet.PacketType;

/**
 * Sits behind {@code FRAME_DECODER} on a TDS 7.x TLS connection and sees the first decrypted packets,
 * to end the TLS-in-PRELOGIN phase at the right byte:
 * <ul>
 *   <li>full TLS: at the first packet (the LOGIN7 arrived as raw TLS records) the framer's job is
 *       over and it is removed ({@link Tds7Tls#removeFramer}), then this handler;</li>
 *   <li>login-only (protocol.md 3.4): TLS is removed without close_notify
 *       ({@link Tds7Tls#removeWithoutClose}) after the LOGIN7 packet with EOM, or earlier when the
 *       framer reports plaintext after the first LOGIN7 packet ({@link PlaintextAfterTlsEvent}: mssql-jdbc,
 *       FreeTDS and go-mssqldb encrypt only packet 1 of a long LOGIN7, tiberius and jTDS all of it).
 *       Everything after, the server's replies included, is plaintext.</li>
 * </ul>
 * TLS goes before the packet is passed on, so that the reply to it can never be encrypted.
 *
 * <p>Ownership: packets pass on unchanged; one that cannot be passed on (TLS removal failed) is released.
 */
final class Tds7LoginSwitch extends ChannelInboundHandlerAdapter {
    private final boolean loginOnly;
    private boolean loginStarted;

    Tds7LoginSwitch(boolean loginOnly) {
        this.loginOnly = loginOnly;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ByteBuf packet = (ByteBuf) msg;
        try {
            if (!loginOnly) {
                Tds7Tls.removeFramer(ctx.pipeline());
                ctx.pipeline().remove(this);
            } else if (packet.readableBytes() >= PacketHeader.SIZE
                    && packet.getUnsignedByte(packet.readerIndex()) == PacketType.LOGIN7.code()) {
                loginStarted = true;
                if ((packet.getUnsignedByte(packet.readerIndex() + 1) & PacketStatus.EOM) != 0) {
                    dropTls(ctx);
                }
            }
        } catch (RuntimeException e) {
            packet.release();
            throw e;
        }
        ctx.fireChannelRead(packet);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == PlaintextAfterTlsEvent.INSTANCE && loginOnly && loginStarted) {
            dropTls(ctx);
        }
        ctx.fireUserEventTriggered(evt);
    }

    private void dropTls(ChannelHandlerContext ctx) {
        Tds7Tls.removeWithoutClose(ctx.pipeline());
        ctx.pipeline().remove(this);
    }
}
