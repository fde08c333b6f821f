package io.tdsproxy.server.proxy;

/**
 * Names of the handlers in the proxy's two pipelines; the shared ones come from
 * {@link io.tdsproxy.netty.HandlerNames}. Pipeline edits go by these names, never by position.
 *
 * <pre>
 * client, before login:  SNIFF (first read only) | FLUSH? | TLS_FRAMER? | TLS_OBSERVER? | TLS? | FRAMES | CLIENT
 *                        (TDS 8.0 strict: FLUSH | TLS | FRAMES | CLIENT, no framer)
 * client, relay:         FLUSH? | TLS? | FRAMES? | IDLE? | CLIENT (a full-TLS or strict leg keeps FLUSH and TLS;
 *                                                                  FRAMES stays for an encrypted backend leg;
 *                                                                  IDLE only with proxy.idletimeout)
 * backend, before login: FLUSH? | TLS_FRAMER? | TLS? | FRAMES | BACKEND   (per [backend] encrypt, see BackendTls)
 * backend, relay:        FLUSH? | TLS_FRAMER? | TLS? | FRAMES? | BACKEND (FRAMES kept only for a full-TLS client)
 * </pre>
 * ({@code ?}: only in some modes; inbound data flows left to right.)
 */
final class HandlerNames {
    /** Looks at the first byte once: 0x16 is a TDS 8.0 ClientHello, 0x12/0x10 TDS 7.x, anything else is closed. */
    static final String SNIFF = io.tdsproxy.netty.HandlerNames.PROTOCOL_SNIFFER;
    /** Batches socket flushes of an encrypted leg (either side) while {@link #TLS} makes one record per packet. */
    static final String FLUSH = "flush-consolidation";
    /** TDS 7.x handshake framing: TLS records inside PRELOGIN packets. */
    static final String TLS_FRAMER = io.tdsproxy.netty.HandlerNames.TLS_FRAMER;
    /** Watches the raw handshake bytes to explain a failed handshake; removed when the handshake succeeds. */
    static final String TLS_OBSERVER = "tls-handshake-observer";
    /** Netty's {@code SslHandler}. */
    static final String TLS = io.tdsproxy.netty.HandlerNames.TLS;
    /** Whole TDS packets: PRELOGIN and LOGIN7 parsing; towards a full-TLS client, one record per packet. */
    static final String FRAMES = io.tdsproxy.netty.HandlerNames.FRAME_DECODER;
    static final String CLIENT = io.tdsproxy.netty.HandlerNames.SESSION;
    /** {@link IdleCloser}: closes a relaying connection idle both ways for {@code proxy.idletimeout}. */
    static final String IDLE = "idle-timeout";
    static final String BACKEND = io.tdsproxy.netty.HandlerNames.BACKEND_SESSION;

    private HandlerNames() {
    }
}
