package io.tdsproxy.server.proxy;

import io.tdsproxy.server.config.BackendEncrypt;
import io.tdsproxy.tds.prelogin.EncryptionNegotiation;
import io.tdsproxy.tds.prelogin.EncryptionOutcome;
import io.tdsproxy.tds.prelogin.EncryptionValue;

import java.util.Optional;

/**
 * The backend-leg negotiation of one connection, the proxy acting as a SQL Server client (MS-TDS
 * 2.2.6.5 client table, {@link EncryptionNegotiation#clientSide}; protocol.md 3.2-3.4, 5). Never
 * settles for less encryption than {@code [backend] encrypt} asks for:
 *
 * <pre>
 * encrypt  PRELOGIN sent   backend reply -> leg
 * off      NOT_SUP         OFF, NOT_SUP -> PLAINTEXT; ON, REQ -> refused (the backend forces encryption)
 * login    OFF             OFF -> LOGIN_ONLY; ON, REQ -> FULL_TLS; NOT_SUP -> refused
 * on       ON              ON, REQ -> FULL_TLS; OFF, NOT_SUP -> refused
 * strict   NOT_SUP (in TLS) any -> STRICT (TLS came first; the value means nothing in TDS 8.0)
 * </pre>
 * Pure state, no I/O; used on the connection's event loop.
 */
final class BackendLegTls {
    private final BackendEncrypt encrypt;
    private BackendLegMode mode = BackendLegMode.UNNEGOTIATED;
    private boolean tlsActive;
    private boolean loginOnlyPending;
    private String protocol;

    BackendLegTls(BackendEncrypt encrypt) {
        this.encrypt = encrypt;
    }

    BackendEncrypt encrypt() {
        return encrypt;
    }

    /** The ENCRYPTION byte of the proxy's PRELOGIN to the backend. */
    EncryptionValue requestValue() {
        switch (encrypt) {
            case LOGIN: return EncryptionValue.OFF;
            case ON: return EncryptionValue.ON;
            default: return EncryptionValue.NOT_SUP; // off; strict sends it inside TLS like mssql-jdbc
        }
    }

    /**
     * The backend's PRELOGIN reply arrived.
     *
     * @return why the backend cannot be used under this {@code encrypt}, if it cannot
     */
    Optional<String> replied(EncryptionValue reply) {
        if (encrypt == BackendEncrypt.STRICT) {
            mode = BackendLegMode.STRICT;
            return Optional.empty();
        }
        EncryptionOutcome outcome = EncryptionNegotiation.clientSide(requestValue(), reply);
        switch (outcome) {
            case NONE:
                if (encrypt == BackendEncrypt.OFF) {
                    mode = BackendLegMode.PLAINTEXT;
                    return Optional.empty();
                }
                return Optional.of("the backend does not support encryption (PRELOGIN ENCRYPTION " + reply
                        + "), but tdsproxy has [backend] encrypt = " + encrypt.configValue());
            case LOGIN_ONLY:
                mode = BackendLegMode.LOGIN_ONLY;
                return Optional.empty();
            case FULL:
                mode = BackendLegMode.FULL_TLS;
                return Optional.empty();
            default:
                if (encrypt == BackendEncrypt.OFF) {
                    return Optional.of("SQL Server login requires an encrypted connection (the backend answered PRELOGIN "
                            + "ENCRYPTION " + reply + "), but tdsproxy has [backend] encrypt = off; set encrypt = on");
                }
                return Optional.of("the backend does not offer full encryption (PRELOGIN ENCRYPTION " + reply
                        + "), but tdsproxy has [backend] encrypt = " + encrypt.configValue());
        }
    }

    /** A PRELOGIN-wrapped (TDS 7.x) handshake must run after the reply. */
    boolean needsTds7Handshake() {
        return encrypt != BackendEncrypt.STRICT
                && (mode == BackendLegMode.LOGIN_ONLY || mode == BackendLegMode.FULL_TLS);
    }

    /** A backend handshake completed with {@code tlsProtocol}. */
    void handshakeDone(String tlsProtocol) {
        protocol = tlsProtocol;
        tlsActive = true;
        if (encrypt == BackendEncrypt.STRICT) {
            mode = BackendLegMode.STRICT;
        }
        loginOnlyPending = mode == BackendLegMode.LOGIN_ONLY;
    }

    /** Login-only and the first LOGIN7 packet not sent yet: it goes through TLS, then TLS is dropped. */
    boolean loginOnlyPending() {
        return loginOnlyPending;
    }

    void loginOnlyDropped() {
        loginOnlyPending = false;
        tlsActive = false;
    }

    /** Bytes to the backend go through TLS now. */
    boolean tlsActive() {
        return tlsActive;
    }

    /** The leg is, or may still turn out to be, encrypted after the login. */
    boolean mayEncryptAfterLogin() {
        switch (encrypt) {
            case OFF: return false;
            case LOGIN: return mode != BackendLegMode.LOGIN_ONLY;
            default: return true;
        }
    }

    BackendLegMode mode() {
        return mode;
    }

    Optional<String> protocol() {
        return Optional.ofNullable(protocol);
    }
}
