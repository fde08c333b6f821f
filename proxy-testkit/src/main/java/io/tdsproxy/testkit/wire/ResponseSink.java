package io.tdsproxy.testkit.wire;

import io.netty.buffer.ByteBuf;

/**
 * Where a {@link ResponseWriter} delivers finished packets: in the server, the client channel. The
 * writer runs on a worker thread, so {@link #flush()} is also the place that waits for the channel
 * to become writable again (backpressure), which bounds the memory a huge result needs.
 */
public interface ResponseSink {
    /** Takes ownership of one whole TDS packet (header included). */
    void packet(ByteBuf packet);

    /** Pushes the packets handed over so far to the peer and waits while the peer is slow. */
    void flush();
}
