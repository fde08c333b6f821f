package io.tdsproxy.server.proxy;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.tdsproxy.netty.Tds7Tls;
import io.tdsproxy.server.config.ProxyConfig;
import io.tdsproxy.tls.TlsProtocols;

import java.util.List;

/**
 * The client-leg TLS pipeline edits of TDS 7.x (protocol.md 4.4), on top of {@link Tds7Tls}:
 *
 * <pre>
 *   socket | FLUSH (full TLS only) | TLS_FRAMER | TLS_OBSERVER (handshake only) | TLS | FRAMES | CLIENT
 * </pre>
 * Order rule: the framer sits directly on the socket side of the {@code SslHandler} (it wraps the
 * handshake in PRELOGIN packets and later spots plaintext at a record boundary), both on the socket
 * side of the packet decoder, which then sees decrypted TDS packets.
 *
 * <p>{@code FLUSH}: towards a fully encrypted client every TDS packet is flushed through the
 * {@code SslHandler} alone, so that each TLS record carries one packet (see {@link Relay}); a
 * {@link FlushConsolidationHandler} on the socket side turns those per-packet flushes into one socket
 * write per {@value #FLUSH_BATCH} packets or per event-loop turn, whichever comes first.
 */
final class ClientTls {
    /** Packets per socket write towards a full-TLS client at most. */
    static final int FLUSH_BATCH = 16;

    private ClientTls() {
    }

    /** Adds framer and {@code SslHandler} (and FLUSH for full TLS) in front of the packet decoder. */
    static SslHandler install(ChannelPipeline pipeline, SslContext context, boolean fullTls,
                              HandshakeTranscript transcript) {
        SslHandler ssl = Tds7Tls.installServer(pipeline, context, HandlerNames.FRAMES);
        pipeline.addBefore(HandlerNames.TLS, HandlerNames.TLS_OBSERVER, new HandshakeObserver(transcript));
        if (fullTls) {
            pipeline.addBefore(HandlerNames.TLS_FRAMER, HandlerNames.FLUSH,
                    new FlushConsolidationHandler(FLUSH_BATCH, true));
        }
        return ssl;
    }

    /** The handshake succeeded: nothing left to explain. */
    static void handshakeDone(ChannelPipeline pipeline) {
        if (pipeline.get(HandlerNames.TLS_OBSERVER) != null) {
            pipeline.remove(HandlerNames.TLS_OBSERVER);
        }
    }

    /** The TLS versions the client leg allows (TDS 7.x: never TLS 1.3), for explaining a failed handshake. */
    static List<String> allowedProtocols(ProxyConfig config) {
        return config.network().tls().map(tls -> TlsProtocols.forTds7(tls.protocols())).orElse(List.of());
    }

    /** Full TLS, LOGIN7 received as raw records: the framer's job is over. */
    static void loginReceived(ChannelPipeline pipeline) {
        Tds7Tls.removeFramer(pipeline);
    }

    /**
     * Ends login-only TLS the way clients do (protocol.md 3.4): no close_notify, nothing TLS written
     * afterwards; bytes the framer holds (plaintext LOGIN7 packets) go straight to the decoder.
     */
    static void dropLoginOnly(ChannelPipeline pipeline) {
        Tds7Tls.removeWithoutClose(pipeline);
    }
}
