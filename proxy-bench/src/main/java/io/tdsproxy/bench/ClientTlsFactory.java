package io.tdsproxy.bench;

import io.netty.handler.ssl.SslContext;
import io.tdsproxy.tls.ClientTlsContexts;
import io.tdsproxy.tls.TlsProtocols;
import io.tdsproxy.tls.TlsProvider;
import io.tdsproxy.tls.TrustSettings;

import java.util.List;

/**
 * The generator's client TLS contexts (BoringSSL): one protocol version and one AES-128-GCM suite, so
 * that every target is measured with the same cipher. The certificate is not verified: the targets
 * are local processes started with a throw-away certificate, and verification cost is the same for
 * every target.
 */
final class ClientTlsFactory {
    /** TLS 1.2 suites: AES-128-GCM with ECDHE, for an RSA or an ECDSA certificate. */
    static final String TLS12_AES128_GCM = "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-GCM-SHA256";
    /** The TLS 1.3 suite. BoringSSL does not let a client restrict TLS 1.3 suites; the servers do. */
    static final String TLS13_AES128_GCM = "TLS_AES_128_GCM_SHA256";

    private ClientTlsFactory() {
    }

    /** The context for {@code mode} and {@code tlsVersion} ("1.2" or "1.3"; TDS 7.x modes need 1.2); null for plaintext. */
    static SslContext create(Mode mode, String tlsVersion) {
        if (!mode.usesTls()) {
            return null;
        }
        String protocol = TlsProtocols.jsseName(tlsVersion);
        boolean tls13 = TlsProtocols.TLS_1_3.equals(protocol);
        if (mode != Mode.STRICT && tls13) {
            throw new IllegalArgumentException("TDS 7.x (" + mode + ") never uses TLS 1.3; use --tls 1.2");
        }
        String ciphers = tls13 ? TLS13_AES128_GCM : TLS12_AES128_GCM;
        if (mode == Mode.STRICT) {
            return ClientTlsContexts.strict(TrustSettings.trustAll(), List.of(protocol), ciphers, TlsProvider.OPENSSL);
        }
        return ClientTlsContexts.tds7(TrustSettings.trustAll(), List.of(protocol), ciphers, TlsProvider.OPENSSL);
    }
}
