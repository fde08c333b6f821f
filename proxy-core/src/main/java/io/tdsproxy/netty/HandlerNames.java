package io.tdsproxy.netty;

/**
 * Names of pipeline handlers. Pipelines are changed by name ({@code addBefore}, {@code replace},
 * {@code remove}), never by position, so every handler the project installs has its name here.
 */
public final class HandlerNames {
    /** {@link TdsPacketFrameDecoder}: byte stream to whole TDS packets. */
    public static final String FRAME_DECODER = "tds-frame-decoder";
    /** {@link Tds7TlsFramer}: PRELOGIN wrapping of the TDS 7.x TLS handshake, directly below {@link #TLS}. */
    public static final String TLS_FRAMER = "tds7-tls-framer";
    /** Netty's {@code SslHandler}, on the TDS 7.x path (above the framer) and the TDS 8.0 path (first). */
    public static final String TLS = "tls";
    /** A handler that sniffs the first byte (0x12 PRELOGIN vs 0x16 TLS) to tell TDS 7.x from TDS 8.0. */
    public static final String PROTOCOL_SNIFFER = "protocol-sniffer";
    /** Netty's {@code FlowControlHandler}, kept only while parsing. */
    public static final String FLOW_CONTROL = "flow-control";
    /** Idle / handshake timeouts. */
    public static final String IDLE = "idle";
    /** The per-connection TDS session state machine (client side of the proxy). */
    public static final String SESSION = "tds-session";
    /** The backend-facing session of the proxy. */
    public static final String BACKEND_SESSION = "tds-backend-session";
    /** Raw byte relay after login. */
    public static final String RELAY = "relay";
    /** Netty's {@code LoggingHandler} when wire logging is switched on. */
    public static final String WIRE_LOG = "wire-log";

    private HandlerNames() {
    }
}
