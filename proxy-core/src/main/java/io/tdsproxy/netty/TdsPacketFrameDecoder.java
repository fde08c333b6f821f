package io.tdsproxy.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.tdsproxy.tds.ProtocolException;
import io.tdsproxy.tds.packet.PacketHeader;

import java.util.List;

/**
 * Splits a TDS byte stream into whole packets (MS-TDS 2.2.3.1), header included, using the big-endian
 * length at offset 2. Nothing else of the header is interpreted: unknown types and status bits pass.
 *
 * <p>Ownership: each emitted packet is a retained slice of the cumulation; the next handler releases
 * it. A malformed length raises a {@link ProtocolException} (wrapped by Netty in a
 * {@code DecoderException}) and discards the cumulation, which cannot be resynchronised. On removal ({@code pipeline.remove(HandlerNames.FRAME_DECODER)}) the bytes of an unfinished
 * packet are forwarded unchanged (ByteToMessageDecoder behaviour), so leaving parsing mode loses nothing.
 * Not sharable: it holds the cumulation of one connection.
 */
public final class TdsPacketFrameDecoder extends ByteToMessageDecoder {
    /** SQL Server's largest negotiable packet size (MS-TDS 2.2.6.4 PacketSize, 512..32767). */
    public static final int DEFAULT_MAX_PACKET_LENGTH = 32767;

    private int maxPacketLength;

    public TdsPacketFrameDecoder() {
        this(DEFAULT_MAX_PACKET_LENGTH);
    }

    /** @param maxPacketLength largest packet accepted, header included (8..65535) */
    public TdsPacketFrameDecoder(int maxPacketLength) {
        setMaxPacketLength(maxPacketLength);
    }

    /** Changes the limit, e.g. after the login negotiated a packet size. Call on the event loop. */
    public void setMaxPacketLength(int maxPacketLength) {
        if (maxPacketLength < PacketHeader.SIZE || maxPacketLength > PacketHeader.MAX_LENGTH) {
            throw new IllegalArgumentException("max packet length " + maxPacketLength + " outside "
                    + PacketHeader.SIZE + ".." + PacketHeader.MAX_LENGTH);
        }
        this.maxPacketLength = maxPacketLength;
    }

    public int maxPacketLength() {
        return maxPacketLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= PacketHeader.SIZE) {
            int length = in.getUnsignedShort(in.readerIndex() + 2);
            if (length < PacketHeader.SIZE) {
                in.skipBytes(in.readableBytes()); // the stream cannot be resynchronised; do not decode it again
                throw new ProtocolException("TDS packet length " + length + " is shorter than its header");
            }
            if (length > maxPacketLength) {
                in.skipBytes(in.readableBytes());
                throw new ProtocolException("TDS packet length " + length + " exceeds the limit " + maxPacketLength);
            }
            if (in.readableBytes() < length) {
                return;
            }
            out.add(in.readRetainedSlice(length));
        }
    }
}
