package io.tdsproxy.netty;

import io.netty.buffer.ByteBuf;

/**
 * Follows TLS record boundaries in a byte stream without copying it (RFC 5246 6.2.1: content type,
 * 2-byte version, 2-byte big-endian length, body). A header split across reads is remembered byte by
 * byte. Used by {@link Tds7TlsFramer} to notice exactly where TLS records stop and plaintext TDS
 * begins (login-only, protocol.md 3.4). Not thread-safe; one per connection.
 */
final class TlsRecordTracker {
    static final int HEADER = 5;

    private final byte[] header = new byte[HEADER];
    private int headerFill;
    private int bodyRemaining;

    /** True for change_cipher_spec (0x14), alert, handshake and application_data (0x17). */
    static boolean isTlsContentType(int b) {
        return b >= 0x14 && b <= 0x17;
    }

    /**
     * Advances over {@code in[from, to)}.
     *
     * @return {@code to}, or the index of the first byte that stands at a record boundary and is not a
     *         TLS content type (the tracker then stays at that boundary)
     */
    int scan(ByteBuf in, int from, int to) {
        int pos = from;
        while (pos < to) {
            if (bodyRemaining > 0) {
                int take = Math.min(bodyRemaining, to - pos);
                pos += take;
                bodyRemaining -= take;
                continue;
            }
            if (headerFill == 0 && !isTlsContentType(in.getUnsignedByte(pos))) {
                return pos;
            }
            while (headerFill < HEADER && pos < to) {
                header[headerFill++] = in.getByte(pos++);
            }
            if (headerFill == HEADER) {
                bodyRemaining = (header[3] & 0xFF) << 8 | (header[4] & 0xFF);
                headerFill = 0;
            }
        }
        return pos;
    }

    /** True when no record has been started but not finished. */
    boolean atBoundary() {
        return headerFill == 0 && bodyRemaining == 0;
    }
}
