package io.tdsproxy.server.proxy;

import io.tdsproxy.tls.ClientHelloVersions;

import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a client-leg TLS handshake failed, in words an operator can act on: the alert or cause, and the
 * documented explanation with its fix where one applies (sql-server-on-linux-tls.md, "Common connection
 * errors"). Evidence comes first from the wire ({@link HandshakeTranscript}: alerts, offered versions,
 * whether the certificate went out, whether the client hung up), then from the exception text, which
 * differs by provider: the JDK writes {@code Received fatal alert: unknown_ca}, BoringSSL
 * {@code TLSV1_ALERT_UNKNOWN_CA}; both texts are recognised.
 *
 * @param cause       what happened, e.g. {@code client sent TLS alert certificate_unknown}
 * @param explanation the documented meaning and the fix, or empty when there is none
 */
record HandshakeDiagnosis(String cause, String explanation) {
    static final String UNTRUSTED = "the client does not trust the certificate. Fix: install the CA certificate "
            + "that issued it (for a self-signed certificate, the certificate itself) in the client's trust store, "
            + "see the README section \"Trusting the certificate on clients\"";
    static final String NO_SHARED_VERSION = "client and proxy share no TLS version";
    static final String CLOSED_AFTER_CERTIFICATE = "likely a name mismatch or an untrusted certificate: the "
            + "server name the client connects to (or its hostNameInCertificate) is not in the certificate, or the "
            + "client does not trust its issuer (mssql-jdbc closes silently when it refuses a certificate). "
            + "Fix: tdsproxy cert check --host NAME shows the names; install the CA on the client";
    static final String INTERNAL_AFTER_CERTIFICATE = "the client failed while checking the certificate, which is "
            + "how clients on netty-tcnative/BoringSSL report a certificate they refuse: likely it does not trust "
            + "the issuer or the name does not match. Fix: install the CA on the client, and check the names with "
            + "tdsproxy cert check --host NAME";

    private static final Pattern JDK_RECEIVED = Pattern.compile("Received fatal alert: (\\w+)");
    private static final Pattern OPENSSL_RECEIVED = Pattern.compile("\\b((?:SSLV3|TLSV1)_ALERT_[A-Z_]+)");
    private static final Pattern VERSION_REFUSED = Pattern.compile("UNSUPPORTED_PROTOCOL|WRONG_VERSION_NUMBER"
            + "|Client requested protocol \\S+ is not enabled|protocol versions .* are not accepted"
            + "|No appropriate protocol");
    private static final Pattern NO_SHARED_CIPHER = Pattern.compile("NO_SHARED_CIPHER|no cipher suites in common");
    private static final Pattern CLOSED = Pattern.compile("closed while SSL/TLS handshake|Connection closed");

    /** The diagnosis as one log phrase: {@code cause: explanation}. */
    String line() {
        return explanation.isEmpty() ? cause : cause + ": " + explanation;
    }

    /**
     * Explains a failed handshake.
     *
     * @param failure    the TLS engine's exception, or {@code null} when the client simply went away
     * @param transcript what went over the wire
     * @param allowed    the JSSE names of the TLS versions the proxy allows, ascending
     */
    static HandshakeDiagnosis of(Throwable failure, HandshakeTranscript transcript, List<String> allowed) {
        String text = failure == null ? "" : ExceptionKind.message(failure);
        Optional<String> clientAlert = transcript.clientAlert().or(() -> receivedAlert(text));
        if (clientAlert.isPresent()) {
            String alert = clientAlert.get();
            String cause = "client sent TLS alert " + alert;
            if (TlsAlert.UNTRUSTED.contains(alert)) {
                return new HandshakeDiagnosis(cause, UNTRUSTED);
            }
            if (alert.equals(TlsAlert.PROTOCOL_VERSION)) {
                return new HandshakeDiagnosis(cause, noSharedVersion(transcript, allowed));
            }
            if (alert.equals("internal_error") && transcript.certificateSent()) {
                return new HandshakeDiagnosis(cause, INTERNAL_AFTER_CERTIFICATE);
            }
            if (alert.equals("certificate_expired")) {
                return new HandshakeDiagnosis(cause, "the client finds the certificate expired (or its clock is "
                        + "wrong). Fix: renew the certificate (tdsproxy cert check shows its dates)");
            }
            return new HandshakeDiagnosis(cause, "");
        }
        boolean disjoint = transcript.offered().map(o -> !shareVersion(o, allowed)).orElse(false);
        if (VERSION_REFUSED.matcher(text).find()
                || transcript.proxyAlert().filter(TlsAlert.PROTOCOL_VERSION::equals).isPresent()) {
            return new HandshakeDiagnosis(causeOf(text, "proxy refused the client's TLS version"),
                    noSharedVersion(transcript, allowed));
        }
        if (NO_SHARED_CIPHER.matcher(text).find()) {
            return new HandshakeDiagnosis(causeOf(text, "no shared cipher suite"), disjoint
                    ? noSharedVersion(transcript, allowed)
                    : "client and proxy share no cipher suite for " + String.join(", ", allowed)
                      + ". Fix: widen network.tlsciphers or the client's cipher list");
        }
        if (failure == null || transcript.clientHasClosed() || CLOSED.matcher(text).find()
                || hasCause(failure, ClosedChannelException.class)) {
            if (transcript.certificateSent()) {
                return new HandshakeDiagnosis("client closed the connection right after the proxy's certificate, "
                        + "without a TLS alert", CLOSED_AFTER_CERTIFICATE);
            }
            return new HandshakeDiagnosis("client closed the connection during the TLS handshake, before the "
                    + "proxy's certificate", disjoint ? noSharedVersion(transcript, allowed) : "");
        }
        return new HandshakeDiagnosis(causeOf(text, "TLS handshake failed"),
                disjoint ? noSharedVersion(transcript, allowed) : "");
    }

    static String noSharedVersion(HandshakeTranscript transcript, List<String> allowed) {
        return NO_SHARED_VERSION + ": proxy allows " + String.join(", ", allowed) + ", client offered "
                + transcript.offered().map(ClientHelloVersions::describe).orElse("versions it did not show")
                + ". Fix: enable a common version on the client, or add the client's version to "
                + "network.tlsprotocols (for example tlsprotocols = 1.0,1.1,1.2)";
    }

    /** Whether the client's offer includes a version the proxy allows. */
    static boolean shareVersion(ClientHelloVersions offered, List<String> allowed) {
        for (String name : allowed) {
            int wire = wireVersion(name);
            boolean offeredIt = offered.supportedVersions().isEmpty()
                    ? wire <= offered.legacyVersion() // before TLS 1.3 only the highest version is stated
                    : offered.supportedVersions().contains(wire);
            if (offeredIt) {
                return true;
            }
        }
        return false;
    }

    private static int wireVersion(String jsseName) {
        for (int v = 0x0300; v <= 0x0304; v++) {
            if (ClientHelloVersions.name(v).equals(jsseName)) {
                return v;
            }
        }
        return Integer.MAX_VALUE;
    }

    /** The alert a provider's exception text says the peer sent, by RFC name. */
    static Optional<String> receivedAlert(String text) {
        Matcher jdk = JDK_RECEIVED.matcher(text);
        if (jdk.find()) {
            return TlsAlert.fromProviderName(jdk.group(1));
        }
        Matcher openssl = OPENSSL_RECEIVED.matcher(text);
        return openssl.find() ? TlsAlert.fromProviderName(openssl.group(1)) : Optional.empty();
    }

    private static String causeOf(String text, String fallback) {
        return text.isEmpty() ? fallback : fallback + " (" + text + ")";
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
