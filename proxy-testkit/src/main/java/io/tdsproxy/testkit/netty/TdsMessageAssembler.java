package io.tdsproxy.testkit.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.tdsproxy.tds.ProtocolException;
import io.tdsproxy.tds.packet.PacketHeader;
import io.tdsproxy.tds.packet.PacketStatus;
import io.tdsproxy.tds.packet.PacketType;
import io.tdsproxy.testkit.wire.TdsMessage;

/**
 * Joins the packets of one client message into a {@link TdsMessage} (MS-TDS 2.2.3: packets of the
 * same type until EOM). An ATTENTION packet (0x06) is passed on at once, even between two packets of
 * another message, because the client may send it at any time.
 *
 * <p>Ownership: releases every inbound packet; the payload of an emitted message is owned by the
 * next handler; a partly assembled message is released when the handler is removed or the channel
 * closes.
 */
public final class TdsMessageAssembler extends ChannelInboundHandlerAdapter {
    private final int maxMessageBytes;
    private CompositeByteBuf partial;
    private int partialType;
    private int partialStatus;

    /** @param maxMessageBytes largest message accepted; a larger one is a protocol error */
    public TdsMessageAssembler(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf packet = (ByteBuf) msg;
        try {
            PacketHeader header = PacketHeader.decode(packet);
            if (header.type() == PacketType.ATTENTION) {
                ctx.fireChannelRead(new TdsMessage(header.rawType(), header.status(), Unpooled.EMPTY_BUFFER));
                return;
            }
            if (partial == null) {
                partial = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
                partialType = header.rawType();
                partialStatus = header.status();
            } else if (header.rawType() != partialType) {
                throw new ProtocolException(String.format("packet type 0x%02X inside a message of type 0x%02X",
                        header.rawType(), partialType));
            }
            if ((long) partial.readableBytes() + header.payloadLength() > maxMessageBytes) {
                throw new ProtocolException("message larger than " + maxMessageBytes + " bytes");
            }
            partial.addComponent(true, packet.readRetainedSlice(header.payloadLength()));
            if (header.isEndOfMessage()) {
                CompositeByteBuf payload = partial;
                partial = null;
                int status = partialStatus | (header.status() & PacketStatus.IGNORE);
                ctx.fireChannelRead(new TdsMessage(partialType, status, payload));
            }
        } finally {
            packet.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releasePartial();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releasePartial();
    }

    private void releasePartial() {
        if (partial != null) {
            partial.release();
            partial = null;
        }
    }
}
