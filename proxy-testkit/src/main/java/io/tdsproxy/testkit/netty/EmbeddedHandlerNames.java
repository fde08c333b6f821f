package io.tdsproxy.testkit.netty;

/**
 * Names of the embedded server's pipeline handlers. Transitions go by name, never by position.
 *
 * <pre>
 * head -&gt; [TLS_FRAMER] -&gt; [SSL] -&gt; FRAME_DECODER -&gt; MESSAGE_ASSEMBLER -&gt; SESSION
 *          \___ reserved: inserted before FRAME_DECODER when a TLS policy is implemented ___/
 * </pre>
 *
 * Order rule: bytes from the socket must be decrypted before they are framed, so TLS handlers sit
 * in front of {@link #FRAME_DECODER}. For TDS 7.x, {@link #TLS_FRAMER} (the server-side
 * {@code Tds7TlsFramer} of proxy-core) goes first: during the handshake it strips the PRELOGIN
 * (0x12) headers around the TLS records and wraps the server's handshake flight in 0x12 packets;
 * afterwards it passes raw TLS records through to {@link #SSL} (an {@code SslHandler}). For
 * login-only encryption both are removed after the first LOGIN7 packet (protocol.md 3.4). For TDS 8
 * (STRICT) only {@link #SSL} is added, before any byte is read. Today only plaintext
 * ({@code BackendEncryption.NOT_SUP}) exists, so neither reserved handler is ever added.
 */
public final class EmbeddedHandlerNames {
    /** Reserved: TDS 7.x TLS-in-PRELOGIN framing, in front of {@link #SSL}. */
    public static final String TLS_FRAMER = "tds-tls-framer";
    /** Reserved: the {@code SslHandler}. */
    public static final String SSL = "tds-ssl";
    /** Splits the byte stream into whole TDS packets. */
    public static final String FRAME_DECODER = "tds-frame-decoder";
    /** Joins packets into messages. */
    public static final String MESSAGE_ASSEMBLER = "tds-message-assembler";
    /** Forwards messages and channel events to the connection's state machine. */
    public static final String SESSION = "tds-session";

    private EmbeddedHandlerNames() {
    }
}
