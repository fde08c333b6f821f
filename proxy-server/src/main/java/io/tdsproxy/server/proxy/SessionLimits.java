package io.tdsproxy.server.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.util.concurrent.ScheduledFuture;
import io.tdsproxy.server.config.ProxyTuning;

import java.util.concurrent.TimeUnit;

/**
 * The {@code [proxy]} limits of one client connection, kept out of {@link ClientSession}, which only
 * calls the hooks: whether the connection was admitted under {@code maxconnections}, the
 * {@code handshaketimeout} from accept until the LOGIN7 is forwarded, the {@code maxlogin7size} count,
 * and the {@code idletimeout} handler once the relay runs. Used on the connection's event loop only.
 */
final class SessionLimits {
    private final ProxyTuning tuning;
    private final Channel client;
    private final String refusal;
    private ScheduledFuture<?> handshakeTimer;
    private long login7Bytes;

    /**
     * @param refusal null when the connection was admitted; otherwise what the client is told at LOGIN7
     */
    SessionLimits(ProxyTuning tuning, Channel client, String refusal) {
        this.tuning = tuning;
        this.client = client;
        this.refusal = refusal;
    }

    boolean admitted() {
        return refusal == null;
    }

    /** Why the connection is refused (only when not {@link #admitted()}). */
    String refusal() {
        return refusal;
    }

    /** Starts the handshake clock; {@code onTimeout} runs on the event loop unless the relay started first. */
    void startHandshakeClock(Runnable onTimeout) {
        handshakeTimer = client.eventLoop().schedule(onTimeout, tuning.handshakeTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
        client.closeFuture().addListener(f -> handshakeTimer.cancel(false));
    }

    /** The handshake timeout, for log lines. */
    long handshakeTimeoutMillis() {
        return tuning.handshakeTimeout().toMillis();
    }

    /** The PRELOGIN size cap. */
    int maxPreloginSize() {
        return tuning.maxPreloginSize();
    }

    /** Counts a LOGIN7 packet's payload; false once the message exceeds {@code maxlogin7size}. */
    boolean login7Fits(int payloadBytes) {
        login7Bytes += payloadBytes;
        return login7Bytes <= tuning.maxLogin7Size();
    }

    String login7TooLarge() {
        return "The login packet is larger than tdsproxy allows (proxy.maxlogin7size = " + tuning.maxLogin7Size()
                + " bytes).";
    }

    /** The login went through: stop the handshake clock and, if configured, start the idle one. */
    void relayStarted(ChannelPipeline pipeline, Runnable onIdle) {
        if (handshakeTimer != null) {
            handshakeTimer.cancel(false);
        }
        if (tuning.idleTimeoutEnabled()) {
            pipeline.addBefore(HandlerNames.CLIENT, HandlerNames.IDLE, new IdleCloser(tuning.idleTimeout(), onIdle));
        }
    }

    /** The idle timeout, for log lines. */
    long idleTimeoutMillis() {
        return tuning.idleTimeout().toMillis();
    }
}
