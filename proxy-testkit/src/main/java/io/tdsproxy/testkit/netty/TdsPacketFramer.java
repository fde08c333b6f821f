package io.tdsproxy.testkit.netty;

import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.tdsproxy.tds.packet.PacketHeader;

/**
 * Cuts the inbound byte stream into whole TDS packets, header included (MS-TDS 2.2.3.1: Length is
 * the big-endian USHORT at offset 2 and counts the 8-byte header). A length under 4 is rejected by
 * the decoder itself, 4..7 by {@link PacketHeader#decode} downstream; both close the connection.
 *
 * <p>Ownership: each emitted frame is a new buffer that the next handler releases.
 */
public final class TdsPacketFramer extends LengthFieldBasedFrameDecoder {
    public TdsPacketFramer() {
        super(PacketHeader.MAX_LENGTH, 2, 2, -4, 0, true);
    }
}
