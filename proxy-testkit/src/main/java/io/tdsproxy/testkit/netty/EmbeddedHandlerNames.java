package io.tdsproxy.testkit.netty;

import io.tdsproxy.netty.HandlerNames;

/**
 * Names of the embedded server's pipeline handlers. Transitions go by name, never by position.
 *
 * <pre>
 * plaintext / before PRELOGIN:  head -&gt; [PROTOCOL_SNIFFER] -&gt; FRAME_DECODER -&gt; MESSAGE_ASSEMBLER -&gt; SESSION
 * TDS 7.x TLS after PRELOGIN:   head -&gt; TLS_FRAMER -&gt; SSL -&gt; FRAME_DECODER -&gt; LOGIN_SWITCH -&gt; MESSAGE_ASSEMBLER -&gt; SESSION
 * TDS 8.0 (strict):             head -&gt; SSL -&gt; FRAME_DECODER -&gt; MESSAGE_ASSEMBLER -&gt; SESSION
 * </pre>
 *
 * Order rule: bytes from the socket must be decrypted before they are framed, so TLS handlers sit
 * in front of {@link #FRAME_DECODER}. For TDS 7.x, {@link #TLS_FRAMER} (the server-side
 * {@code Tds7TlsFramer} of proxy-core) sits on the socket side of {@link #SSL}: during the handshake
 * it strips the PRELOGIN (0x12) headers around the TLS records and wraps the server's handshake flight
 * in 0x12 packets. {@link #LOGIN_SWITCH} sees the first decrypted packets and removes the framer (full
 * TLS) or both TLS handlers (login-only, after the LOGIN7; protocol.md 3.4), then itself.
 * {@link #PROTOCOL_SNIFFER} exists only on servers that accept TDS 8.0; it looks at the first byte and
 * is replaced by {@link #SSL} (0x16) or removed. The TLS names are proxy-core's {@link HandlerNames},
 * because proxy-core's {@code Tds7Tls} finds the handlers by them.
 */
public final class EmbeddedHandlerNames {
    /** First-byte sniffer telling TDS 8.0 (0x16) from TDS 7.x; only when strict is accepted. */
    public static final String PROTOCOL_SNIFFER = HandlerNames.PROTOCOL_SNIFFER;
    /** TDS 7.x TLS-in-PRELOGIN framing, on the socket side of {@link #SSL}. */
    public static final String TLS_FRAMER = HandlerNames.TLS_FRAMER;
    /** The {@code SslHandler}. */
    public static final String SSL = HandlerNames.TLS;
    /** Splits the byte stream into whole TDS packets. */
    public static final String FRAME_DECODER = "tds-frame-decoder";
    /** Ends the TLS-in-PRELOGIN phase at the first decrypted packets (TDS 7.x TLS only). */
    public static final String LOGIN_SWITCH = "tds-login-switch";
    /** Joins packets into messages. */
    public static final String MESSAGE_ASSEMBLER = "tds-message-assembler";
    /** Forwards messages and channel events to the connection's state machine. */
    public static final String SESSION = "tds-session";

    private EmbeddedHandlerNames() {
    }
}
