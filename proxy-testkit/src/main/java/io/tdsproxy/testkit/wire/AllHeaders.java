package io.tdsproxy.testkit.wire;

import io.netty.buffer.ByteBuf;
import io.tdsproxy.tds.ProtocolException;

/**
 * Skips the ALL_HEADERS block (MS-TDS 2.2.5.3) that starts SQL batch and RPC requests from TDS 7.2
 * on: {@code TotalLength DWORD} (itself included) followed by the headers (transaction descriptor,
 * query notifications, trace activity), none of which the embedded server uses.
 */
public final class AllHeaders {
    private AllHeaders() {
    }

    /** Advances {@code in} past ALL_HEADERS when {@code level} has them. */
    public static void skip(ByteBuf in, ProtocolLevel level) {
        if (!level.atLeast72()) {
            return;
        }
        ProtocolException.requireReadable(in.readableBytes(), 4, "ALL_HEADERS TotalLength");
        long total = in.getUnsignedIntLE(in.readerIndex());
        if (total < 4 || total > in.readableBytes()) {
            throw new ProtocolException("ALL_HEADERS TotalLength " + total + " outside 4.." + in.readableBytes());
        }
        in.skipBytes((int) total);
    }
}
