package io.tdsproxy.server.config;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code [proxy]}: how the proxy protects itself and ends. Defaults in {@link #DEFAULTS}.
 *
 * @param drainTimeout     {@code draintimeout}: on SIGTERM, how long open connections may still run
 *                         after the listener closed; zero ({@code off}) closes them at once
 * @param maxConnections   {@code maxconnections}: open client connections at most; one more is told so
 *                         at its LOGIN7 (error 17809) and closed
 * @param handshakeTimeout {@code handshaketimeout}: from accept until the LOGIN7 is forwarded
 *                         (PRELOGIN, TLS handshake, login); a client slower than this is closed
 * @param idleTimeout      {@code idletimeout}: a relaying connection with no bytes in either direction
 *                         for this long is closed; zero ({@code off}, the default) never
 * @param maxPreloginSize  {@code maxpreloginsize}: bytes of a client PRELOGIN message at most
 * @param maxLogin7Size    {@code maxlogin7size}: bytes of a client LOGIN7 message at most
 * @param lowWaterMark     {@code lowwatermark}: write-buffer bytes below which a paused leg reads again
 * @param highWaterMark    {@code highwatermark}: write-buffer bytes above which the other leg stops reading
 */
public record ProxyTuning(Duration drainTimeout, int maxConnections, Duration handshakeTimeout,
                          Duration idleTimeout, int maxPreloginSize, int maxLogin7Size,
                          int lowWaterMark, int highWaterMark) {
    /** SQL Server's own ceiling for user connections: the proxy never refuses what SQL Server would take. */
    public static final int DEFAULT_MAX_CONNECTIONS = 32_767;
    /** A PRELOGIN is a few dozen bytes; one pre-login packet (4096 bytes) is generous. */
    public static final int DEFAULT_MAX_PRELOGIN_SIZE = 4096;
    /** MS-TDS 2.2.6.4 caps a LOGIN7 at 128K-1 bytes. */
    public static final int DEFAULT_MAX_LOGIN7_SIZE = 128 * 1024 - 1;
    public static final int MIN_MESSAGE_LIMIT = 512;
    public static final int MAX_WATER_MARK = 1 << 30;

    /** Every default: drain 30 s, handshake 15 s, no idle timeout, water marks 64 KiB / 256 KiB. */
    public static final ProxyTuning DEFAULTS = new ProxyTuning(Duration.ofSeconds(30), DEFAULT_MAX_CONNECTIONS,
            Duration.ofSeconds(15), Duration.ZERO, DEFAULT_MAX_PRELOGIN_SIZE, DEFAULT_MAX_LOGIN7_SIZE,
            64 * 1024, 256 * 1024);

    public ProxyTuning {
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (drainTimeout.isNegative() || idleTimeout.isNegative()) {
            throw new IllegalArgumentException("negative timeout");
        }
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("handshakeTimeout must be more than 0");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections " + maxConnections + " < 1");
        }
        if (maxPreloginSize < MIN_MESSAGE_LIMIT || maxLogin7Size < MIN_MESSAGE_LIMIT) {
            throw new IllegalArgumentException("message limits below " + MIN_MESSAGE_LIMIT);
        }
        if (lowWaterMark < 1 || highWaterMark > MAX_WATER_MARK || lowWaterMark > highWaterMark) {
            throw new IllegalArgumentException("water marks " + lowWaterMark + "/" + highWaterMark);
        }
    }

    /** Whether idle relaying connections are closed at all. */
    public boolean idleTimeoutEnabled() {
        return !idleTimeout.isZero();
    }

    /** A copy with other water marks (tests of backpressure use small ones). */
    public ProxyTuning withWaterMarks(int low, int high) {
        return new ProxyTuning(drainTimeout, maxConnections, handshakeTimeout, idleTimeout, maxPreloginSize,
                maxLogin7Size, low, high);
    }

    /** A copy with another connection limit. */
    public ProxyTuning withMaxConnections(int max) {
        return new ProxyTuning(drainTimeout, max, handshakeTimeout, idleTimeout, maxPreloginSize, maxLogin7Size,
                lowWaterMark, highWaterMark);
    }

    /** A copy with other timeouts. */
    public ProxyTuning withTimeouts(Duration drain, Duration handshake, Duration idle) {
        return new ProxyTuning(drain, maxConnections, handshake, idle, maxPreloginSize, maxLogin7Size,
                lowWaterMark, highWaterMark);
    }
}
