package io.tdsproxy.testkit.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.tdsproxy.testkit.wire.ResponseSink;

/**
 * Delivers response packets from a worker thread to the client channel. Writes from outside the
 * event loop are queued as tasks in order, and Netty counts them against the channel's write-buffer
 * water marks, so {@link #flush()} can wait for {@code isWritable()} to bound what is in flight.
 *
 * <p>Ownership: each packet passes to the channel, which releases it when written or when the write
 * fails (for example after the client disconnected).
 */
final class ChannelResponseSink implements ResponseSink {
    private final Channel channel;
    private final RequestControl control;

    ChannelResponseSink(Channel channel, RequestControl control) {
        this.channel = channel;
        this.control = control;
    }

    @Override
    public void packet(ByteBuf packet) {
        if (control.isClosed()) {
            packet.release();
            throw new ConnectionClosedException();
        }
        channel.write(packet, channel.voidPromise());
    }

    @Override
    public void flush() {
        channel.flush();
        control.awaitWritable(channel::isWritable);
    }
}
