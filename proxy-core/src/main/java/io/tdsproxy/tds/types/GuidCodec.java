package io.tdsproxy.tds.types;

import io.netty.buffer.ByteBuf;
import io.tdsproxy.tds.ProtocolException;

import java.util.UUID;

/**
 * uniqueidentifier (MS-TDS 2.2.5.5.1.6): 16 bytes in the Windows GUID layout, where the first
 * three groups (4, 2 and 2 bytes) are little-endian and the last 8 bytes are in textual order.
 * {@code 6F9619FF-8B86-D011-B42D-00C04FC964FF} is sent as {@code FF 19 96 6F 86 8B 11 D0 B4 2D 00 C0 4F C9 64 FF}.
 */
final class GuidCodec {
    static final int SIZE = 16;

    private GuidCodec() {
    }

    static void write(ByteBuf out, UUID uuid) {
        long msb = uuid.getMostSignificantBits();
        out.writeIntLE((int) (msb >>> 32));
        out.writeShortLE((int) (msb >>> 16));
        out.writeShortLE((int) msb);
        out.writeLong(uuid.getLeastSignificantBits());
    }

    static UUID read(ByteBuf in) {
        ProtocolException.requireReadable(in.readableBytes(), SIZE, "uniqueidentifier");
        long a = in.readUnsignedIntLE();
        long b = in.readUnsignedShortLE();
        long c = in.readUnsignedShortLE();
        long lsb = in.readLong();
        return new UUID(a << 32 | b << 16 | c, lsb);
    }
}
