package io.tdsproxy.tls;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * Client-side trust: the chain is checked by the JDK's PKIX trust manager, the name by
 * {@link HostnameMatcher} against {@code hostNameInCertificate} when configured, else against the
 * host the engine was created for ({@code SslContext.newHandler(alloc, host, port)}). Doing the name
 * check here, instead of through JSSE endpoint identification, is what lets the name differ from the
 * dial address while working the same for the JDK and the OpenSSL provider.
 */
final class VerifyingTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager chain;
    private final String fixedName;

    VerifyingTrustManager(X509ExtendedTrustManager chain, String hostNameInCertificateOrNull) {
        this.chain = chain;
        this.fixedName = hostNameInCertificateOrNull;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certs, String authType, SSLEngine engine)
            throws CertificateException {
        chain.checkServerTrusted(certs, authType, engine);
        checkName(certs, engine == null ? null : engine.getPeerHost());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certs, String authType, Socket socket)
            throws CertificateException {
        chain.checkServerTrusted(certs, authType, socket);
        checkName(certs, socket == null || socket.getInetAddress() == null ? null
                : socket.getInetAddress().getHostName());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certs, String authType) throws CertificateException {
        chain.checkServerTrusted(certs, authType);
        checkName(certs, null);
    }

    private void checkName(X509Certificate[] certs, String dialHost) throws CertificateException {
        String expected = fixedName != null ? fixedName : dialHost;
        if (expected == null || expected.isEmpty()) {
            throw new CertificateException("no host name to check the server certificate against: "
                    + "set hostNameInCertificate or create the handler with the server's host");
        }
        if (!HostnameMatcher.matches(expected, certs[0])) {
            throw new CertificateNameException("server certificate (" + certs[0].getSubjectX500Principal().getName()
                    + ") does not match host name '" + expected + "'", expected);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certs, String authType, SSLEngine engine)
            throws CertificateException {
        chain.checkClientTrusted(certs, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certs, String authType, Socket socket)
            throws CertificateException {
        chain.checkClientTrusted(certs, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certs, String authType) throws CertificateException {
        chain.checkClientTrusted(certs, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return chain.getAcceptedIssuers();
    }
}
