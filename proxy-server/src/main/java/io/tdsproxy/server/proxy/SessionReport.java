package io.tdsproxy.server.proxy;

import io.netty.channel.Channel;
import io.tdsproxy.tds.ProtocolException;

import javax.net.ssl.SSLSession;
import java.util.Optional;

/**
 * What one {@link ClientSession} has learnt about its connection (TLS protocol, cipher, SNI, how it
 * ended) and its reports to the {@link ConnectionListener}: the handshake, the login, the relay start
 * and the close. Kept apart from the state machine so that the facts observers see are gathered in one
 * place. Event-loop confined, like the session.
 */
final class SessionReport {
    private final long id;
    private final Channel client;
    private final ConnectionListener listener;
    private String tlsProtocol;
    private String tlsCipher;
    private Optional<String> sni = Optional.empty();
    private long tlsStartedNanos;
    private ConnectionOutcome outcome;
    private String detail = "";

    SessionReport(long id, Channel client, ConnectionListener listener) {
        this.id = id;
        this.client = client;
        this.listener = listener;
    }

    /** A client-leg handshake starts now (its duration is measured from here). */
    void tlsStarted() {
        tlsStartedNanos = System.nanoTime();
    }

    /** The client-leg handshake completed with {@code session}. */
    void tlsEstablished(SSLSession session) {
        tlsProtocol = session.getProtocol();
        tlsCipher = session.getCipherSuite();
        sni = ServerNameIndication.of(session);
    }

    Optional<String> tlsProtocol() {
        return Optional.ofNullable(tlsProtocol);
    }

    Optional<String> tlsCipher() {
        return Optional.ofNullable(tlsCipher);
    }

    Optional<String> sni() {
        return sni;
    }

    /** {@code " tls=... cipher=... sni=..."} for log lines, empty for a plaintext leg. */
    String tlsSummary() {
        return (tlsProtocol == null ? "" : " tls=" + tlsProtocol + " cipher=" + tlsCipher)
                + sni.map(name -> " sni=" + name).orElse("");
    }

    /** Keeps the first reason the connection ends for; later ones are consequences. */
    void outcome(ConnectionOutcome why, String reason) {
        if (outcome == null) {
            outcome = why;
            detail = reason;
        }
    }

    ConnectionOutcome outcome() {
        return outcome;
    }

    String detail() {
        return detail;
    }

    void handshakeFinished(ClientLegMode mode, boolean success) {
        HandshakeRecord handshake = new HandshakeRecord(id, mode, success, tlsProtocol(), tlsCipher(),
                System.nanoTime() - tlsStartedNanos);
        ListenerCalls.notify(listener, id, l -> l.handshakeFinished(handshake));
    }

    /**
     * The audit fields of the LOGIN7 just completed (decoded from the slices {@code capture} kept; never
     * the password); {@code refused} is the reason the client was given when it is not forwarded, else empty.
     */
    void login(ClientLegMode mode, BackendLink backend, LoginCapture capture, String refused) {
        Optional<LoginSummary> summary = Optional.empty();
        String problem = "";
        try {
            summary = Optional.of(capture.summarize());
        } catch (ProtocolException e) {
            problem = e.getMessage();
        }
        LoginRecord login = new LoginRecord(id, client.remoteAddress(), mode, backend.mode().name(), tlsProtocol(),
                tlsCipher(), sni, summary, problem, refused);
        ListenerCalls.notify(listener, id, l -> l.loginReceived(login));
    }

    /** The relay started: {@link ConnectionListener#established}. */
    void established(ClientLegMode mode, Relay relay, BackendLink backend) {
        ConnectionRecord record = record(mode, ConnectionOutcome.OPEN, "", relay, backend);
        ListenerCalls.notify(listener, id, l -> l.established(record));
    }

    /** The connection ended: {@link ConnectionListener#closed}, exactly once. */
    void closed(ClientLegMode mode, Relay relay, BackendLink backend) {
        ConnectionRecord record = record(mode, outcome, detail, relay, backend);
        ListenerCalls.notify(listener, id, l -> l.closed(record));
    }

    private ConnectionRecord record(ClientLegMode mode, ConnectionOutcome why, String reason, Relay relay,
                                    BackendLink backend) {
        return new ConnectionRecord(id, client.remoteAddress(), mode, tlsProtocol(), tlsCipher(), why, reason,
                relay == null ? 0 : relay.bytesToBackend(), relay == null ? 0 : relay.bytesToClient(),
                sni, backend.mode(), backend.tlsProtocol());
    }
}
