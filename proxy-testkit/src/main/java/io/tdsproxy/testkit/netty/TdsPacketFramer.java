package io.tdsproxy.testkit.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.tdsproxy.tds.ProtocolException;
import io.tdsproxy.tds.packet.PacketHeader;
import io.tdsproxy.tds.packet.PacketType;

/**
 * Cuts the inbound byte stream into whole TDS packets, header included (MS-TDS 2.2.3.1: Length is
 * the big-endian USHORT at offset 2 and counts the 8-byte header). A type byte MS-TDS does not define
 * is refused as soon as it arrives, instead of waiting for as many bytes as its "length" claims (an
 * HTTP request would otherwise hold the connection open for 21 KB that never come). A length under 4
 * is rejected by the decoder itself, 4..7 by {@link PacketHeader#decode} downstream; all of these
 * close the connection.
 *
 * <p>Ownership: each emitted frame is a new buffer that the next handler releases.
 */
public final class TdsPacketFramer extends LengthFieldBasedFrameDecoder {
    /** A framer for packets of up to 65535 bytes (the USHORT Length limit). */
    public TdsPacketFramer() {
        super(PacketHeader.MAX_LENGTH, 2, 2, -4, 0, true);
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        if (in.isReadable()) {
            int type = in.getUnsignedByte(in.readerIndex());
            if (PacketType.of(type) == PacketType.UNKNOWN) {
                // drop the rest so that the decoder does not report the same bytes again at close
                in.skipBytes(in.readableBytes());
                throw new ProtocolException(String.format("not a TDS packet: type byte 0x%02X", type));
            }
        }
        return super.decode(ctx, in);
    }
}
