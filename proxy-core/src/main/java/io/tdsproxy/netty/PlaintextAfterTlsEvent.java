package io.tdsproxy.netty;

/**
 * Fired (inbound, through the {@code SslHandler}) by {@link Tds7TlsFramer} when, after the handshake,
 * a byte at a TLS record boundary is not a TLS content type: the peer has dropped TLS, as TDS 7.x
 * clients do right after the first LOGIN7 packet when the PRELOGIN reply was ENCRYPT_OFF
 * (protocol.md 3.4). The bytes from there on are held by the framer.
 *
 * <p>A handler expecting login-only encryption answers by calling {@link Tds7Tls#removeWithoutClose};
 * the held bytes then flow on as plaintext. If TLS is still installed when the event returns, the
 * framer raises a {@link io.tdsproxy.tds.ProtocolException} (plaintext inside a fully encrypted connection).
 */
public final class PlaintextAfterTlsEvent {
    /** The only instance. */
    public static final PlaintextAfterTlsEvent INSTANCE = new PlaintextAfterTlsEvent();

    private PlaintextAfterTlsEvent() {
    }

    @Override
    public String toString() {
        return "PlaintextAfterTlsEvent";
    }
}
