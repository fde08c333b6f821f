package io.tdsproxy.testkit.wire;

import io.netty.buffer.ByteBuf;
import io.tdsproxy.tds.packet.PacketStatus;
import io.tdsproxy.tds.packet.PacketType;

/**
 * One client message reassembled from its packets (MS-TDS 2.2.3: packets of one type up to EOM).
 *
 * <p>Ownership: whoever receives a {@code TdsMessage} owns {@code payload} and must release it.
 *
 * @param rawType the packet type byte
 * @param status  the status of the first packet (RESETCONNECTION lives there) ORed with the last
 *                packet's IGNORE bit
 * @param payload the concatenated packet payloads, headers removed
 */
public record TdsMessage(int rawType, int status, ByteBuf payload) {

    /** The packet type, {@link PacketType#UNKNOWN} for undefined codes. */
    public PacketType type() {
        return PacketType.of(rawType);
    }

    /** The client asked to ignore this message (MS-TDS 2.2.3.1.2, 0x02 with EOM). */
    public boolean ignored() {
        return (status & PacketStatus.IGNORE) != 0;
    }

    /** RESETCONNECTION or RESETCONNECTIONSKIPTRAN was set on the first packet. */
    public boolean resetConnection() {
        return (status & (PacketStatus.RESET_CONNECTION | PacketStatus.RESET_CONNECTION_SKIP_TRAN)) != 0;
    }
}
