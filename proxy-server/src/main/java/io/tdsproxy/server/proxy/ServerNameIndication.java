package io.tdsproxy.server.proxy;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLSession;
import java.util.Optional;

/** Reads the host name a client asked for in its ClientHello (RFC 6066 server_name) from a server session. */
final class ServerNameIndication {
    private ServerNameIndication() {
    }

    /** The requested host name, or empty when the client sent none or the engine does not tell. */
    static Optional<String> of(SSLSession session) {
        if (!(session instanceof ExtendedSSLSession)) {
            return Optional.empty();
        }
        try {
            for (SNIServerName name : ((ExtendedSSLSession) session).getRequestedServerNames()) {
                if (name instanceof SNIHostName) {
                    return Optional.of(((SNIHostName) name).getAsciiName());
                }
            }
        } catch (UnsupportedOperationException e) {
            // An engine without SNI support: nothing to report.
        }
        return Optional.empty();
    }
}
