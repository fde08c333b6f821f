package io.tdsproxy.server.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@code proxy.idletimeout}: on a relaying client channel, tells the session when nothing was read
 * from the client and nothing written to it for the whole timeout. Reads are client-to-backend bytes
 * and writes are backend-to-client bytes, so "all idle" on the client channel is "idle both ways".
 * Added in front of {@link HandlerNames#CLIENT} when the relay starts (handshakes have their own
 * timeout); one instance per channel.
 */
final class IdleCloser extends IdleStateHandler {
    private final Runnable onIdle;

    IdleCloser(Duration timeout, Runnable onIdle) {
        super(0, 0, timeout.toMillis(), TimeUnit.MILLISECONDS);
        this.onIdle = onIdle;
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent evt) {
        if (evt.state() == IdleState.ALL_IDLE) {
            onIdle.run();
        }
    }
}
