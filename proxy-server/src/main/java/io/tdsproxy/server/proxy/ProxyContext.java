package io.tdsproxy.server.proxy;

import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.ssl.SslContext;
import io.tdsproxy.server.config.ProxyConfig;
import io.tdsproxy.server.config.ProxyTuning;
import io.tdsproxy.tds.prelogin.ServerEncryptionPolicy;

import java.util.Objects;
import java.util.Optional;

/**
 * What every session of one {@link ProxyServer} shares. Immutable but for the certificate reload, which swaps the context atomically; {@link SslContext} is thread-safe.
 *
 * @param config     the configuration
 * @param tls        the client-leg TDS 7.x server context, present when a certificate is configured; a
 *                   certificate reload swaps what it holds
 * @param transport  epoll or NIO; backend channels use its channel class
 * @param listener   observer of connection events
 * @param connectTimeoutMillis backend connect timeout
 * @param tuning     {@code [proxy]}: limits, timeouts and the water marks of both legs
 * @param backendContext the backend-leg client context, present unless {@code [backend] encrypt = off}
 */
record ProxyContext(ProxyConfig config, Optional<ReloadableTls> tls, Transport transport,
                    ConnectionListener listener, int connectTimeoutMillis, ProxyTuning tuning,
                    Optional<SslContext> backendContext) {
    ProxyContext {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(backendContext, "backendContext");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(tuning, "tuning");
    }

    /** Write-buffer water marks of both legs: above high the opposite leg stops reading. */
    WriteBufferWaterMark waterMark() {
        return new WriteBufferWaterMark(tuning.lowWaterMark(), tuning.highWaterMark());
    }

    /** The TDS 8.0 (strict) context new handshakes use, present with a certificate listing TLS 1.2/1.3. */
    Optional<SslContext> strictContext() {
        return tls.flatMap(ReloadableTls::strictContext);
    }

    /** The context new handshakes use: the one the last successful certificate reload installed. */
    Optional<SslContext> sslContext() {
        return tls.map(ReloadableTls::context);
    }

    /** The client-leg policy: OFF or FORCE with a certificate (forceencryption 0/1), NOT_SUP without. */
    ServerEncryptionPolicy policy() {
        if (tls.isEmpty()) {
            return ServerEncryptionPolicy.NOT_SUP;
        }
        return config.network().forceEncryption() ? ServerEncryptionPolicy.FORCE : ServerEncryptionPolicy.OFF;
    }
}
