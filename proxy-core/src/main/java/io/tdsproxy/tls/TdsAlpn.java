package io.tdsproxy.tls;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolConfig.Protocol;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectedListenerFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectorFailureBehavior;
import io.netty.handler.ssl.SslHandler;

/**
 * The ALPN protocol of TDS 8.0 ("strict"): every client offers exactly {@code tds/8.0}
 * (protocol.md 5; MS-TDS 3.3.5.1).
 */
public final class TdsAlpn {
    /** The ALPN protocol id. */
    public static final String TDS_8_0 = "tds/8.0";

    /**
     * Server and client config. {@code NO_ADVERTISE}: a client that offers other protocols gets no ALPN
     * answer instead of an alert, and one that offers none is unaffected (the only failure mode both
     * BoringSSL and the JDK support). {@code ACCEPT}: a client accepts a server that selects nothing,
     * as mssql-jdbc does; {@link #selectedIsAcceptable} checks the rest.
     */
    static final ApplicationProtocolConfig CONFIG = new ApplicationProtocolConfig(Protocol.ALPN,
            SelectorFailureBehavior.NO_ADVERTISE, SelectedListenerFailureBehavior.ACCEPT, TDS_8_0);

    private TdsAlpn() {
    }

    /**
     * After a client handshake: true when the server selected {@code tds/8.0} or nothing, false when it
     * selected another protocol (mssql-jdbc then fails with "Failed to negotiate Application-Layer Protocol").
     */
    public static boolean selectedIsAcceptable(SslHandler handler) {
        String selected = handler.applicationProtocol();
        return selected == null || selected.isEmpty() || TDS_8_0.equals(selected);
    }
}
