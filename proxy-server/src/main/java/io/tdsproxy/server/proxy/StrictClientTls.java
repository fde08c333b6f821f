package io.tdsproxy.server.proxy;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

/**
 * The client-leg pipeline of TDS 8.0 strict encryption (MS-TDS 3.3.5.1: a TLS ClientHello as the first
 * bytes; protocol.md 4.4, 5): a plain {@code SslHandler}, no PRELOGIN framing.
 *
 * <pre>
 *   socket | FLUSH | TLS | FRAMES | CLIENT
 * </pre>
 * Order rule: TLS directly in front of the packet decoder, which then sees the PRELOGIN, LOGIN7 and
 * everything else decrypted. FLUSH batches socket writes while the relay flushes every TDS packet
 * through TLS alone (one packet per record, as SQL Server sends them; see {@link ClientTls}).
 * The context selects ALPN {@code tds/8.0} when offered and accepts clients that offer none.
 */
final class StrictClientTls {
    private StrictClientTls() {
    }

    /** Adds FLUSH and TLS in front of the packet decoder; the handshake starts with the next read. */
    static SslHandler install(ChannelPipeline pipeline, SslContext strictContext) {
        SslHandler ssl = strictContext.newHandler(pipeline.channel().alloc());
        pipeline.addBefore(HandlerNames.FRAMES, HandlerNames.TLS, ssl);
        pipeline.addBefore(HandlerNames.TLS, HandlerNames.FLUSH, new FlushConsolidationHandler(ClientTls.FLUSH_BATCH, true));
        return ssl;
    }

    /** The ALPN protocol selected ({@code tds/8.0}), or "none" when the client offered none. */
    static String alpn(SslHandler ssl) {
        String selected = ssl.applicationProtocol();
        return selected == null || selected.isEmpty() ? "none" : selected;
    }
}
