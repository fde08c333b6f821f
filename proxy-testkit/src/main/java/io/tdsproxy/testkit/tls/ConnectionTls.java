package io.tdsproxy.testkit.tls;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.tdsproxy.netty.Tds7Tls;
import io.tdsproxy.tds.prelogin.EncryptionOutcome;
import io.tdsproxy.tds.prelogin.EncryptionValue;
import io.tdsproxy.tds.prelogin.ServerEncryptionPolicy;
import io.tdsproxy.testkit.BackendEncryption;
import io.tdsproxy.testkit.ConnectionSecurity;
import io.tdsproxy.testkit.ConnectionSecurity.Outcome;
import io.tdsproxy.testkit.EncryptionMode;
import io.tdsproxy.testkit.netty.EmbeddedHandlerNames;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLSession;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * The encryption state of one embedded-server connection: decides what the policy allows, makes the
 * TLS pipeline edits, and publishes one {@link ConnectionSecurity} record. Event loop only.
 *
 * <pre>
 *   first byte 0x16 (strict accepted) ---------------------------------&gt; STRICT
 *   otherwise: PLAINTEXT --PRELOGIN outcome LOGIN_ONLY--&gt; LOGIN_ONLY (TLS until the LOGIN7 ends)
 *                        --PRELOGIN outcome FULL-------&gt; FULL_TLS
 * </pre>
 * Pipelines ({@link EmbeddedHandlerNames}): TDS 7.x adds {@code TLS_FRAMER + SSL} in front of
 * {@code FRAME_DECODER} right after the plaintext PRELOGIN reply was written, and
 * {@code LOGIN_SWITCH} behind it; TDS 8.0 replaces {@code PROTOCOL_SNIFFER} by {@code SSL}.
 */
public final class ConnectionTls {
    /** Largest packet size granted on an encrypted connection (go-mssqldb: SQL Server caps it; mssql-jdbc refuses more than 16384). */
    public static final int MAX_ENCRYPTED_PACKET_SIZE = 16383;

    private final String id;
    private final BackendEncryption policy;
    private final EmbeddedTls tls;
    private final Consumer<ConnectionSecurity> publisher;

    private EncryptionMode mode = EncryptionMode.PLAINTEXT;
    private OptionalInt clientEncryption = OptionalInt.empty();
    private SslHandler ssl;
    private String protocol;
    private String cipher;
    private String alpn;
    private String sni;
    private String tlsFailure;
    private boolean published;

    /**
     * @param tls       the server's TLS set-up; {@code null} only for {@link BackendEncryption#NOT_SUP}
     * @param publisher receives this connection's record, once
     */
    public ConnectionTls(String id, BackendEncryption policy, EmbeddedTls tls, Consumer<ConnectionSecurity> publisher) {
        this.id = Objects.requireNonNull(id, "id");
        this.policy = Objects.requireNonNull(policy, "policy");
        if (policy.needsCertificate() && tls == null) {
            throw new IllegalArgumentException("encryption " + policy + " needs a TLS set-up");
        }
        this.tls = tls;
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    /** Adds {@code PROTOCOL_SNIFFER} at the head when this server accepts TDS 8.0 (strict) connections. */
    public void installInitial(ChannelPipeline pipeline) {
        if (tls != null && tls.strict().isPresent()) {
            pipeline.addFirst(EmbeddedHandlerNames.PROTOCOL_SNIFFER, new ProtocolSniffer(this));
        }
    }

    /** Sniffer, first byte 0x16: the {@code SslHandler} of TDS 8.0 takes the sniffer's place. */
    void startStrict(ChannelHandlerContext snifferContext) {
        ssl = tls.strict().orElseThrow().newHandler(snifferContext.alloc());
        mode = EncryptionMode.STRICT;
        snifferContext.pipeline().replace(snifferContext.name(), EmbeddedHandlerNames.SSL, ssl);
    }

    /** True on a TDS 8.0 connection: PRELOGIN arrives inside TLS and negotiates nothing. */
    public boolean strict() {
        return mode == EncryptionMode.STRICT;
    }

    /** The column of the TDS 7.x negotiation table for this server. */
    public ServerEncryptionPolicy tds7Policy() {
        return policy.policy();
    }

    /**
     * After the plaintext PRELOGIN reply has passed the pipeline: records the client's byte and, for
     * LOGIN_ONLY and FULL, installs the TDS 7.x TLS handlers so that the ClientHello finds them.
     */
    public void preloginNegotiated(Optional<EncryptionValue> client, EncryptionOutcome outcome,
                                   ChannelPipeline pipeline) {
        clientEncryption = client.isPresent() ? OptionalInt.of(client.get().raw()) : OptionalInt.empty();
        if (outcome != EncryptionOutcome.LOGIN_ONLY && outcome != EncryptionOutcome.FULL) {
            return;
        }
        boolean loginOnly = outcome == EncryptionOutcome.LOGIN_ONLY;
        mode = loginOnly ? EncryptionMode.LOGIN_ONLY : EncryptionMode.FULL_TLS;
        ssl = Tds7Tls.installServer(pipeline, tls.tds7(), EmbeddedHandlerNames.FRAME_DECODER);
        pipeline.addAfter(EmbeddedHandlerNames.FRAME_DECODER, EmbeddedHandlerNames.LOGIN_SWITCH,
                new Tds7LoginSwitch(loginOnly));
    }

    /**
     * Whether a LOGIN7 arriving now must be refused, and with which text. Checked on its first
     * complete message, i.e. after login-only TLS has already been dropped.
     */
    public Optional<String> loginRefusal() {
        if (mode == EncryptionMode.STRICT) {
            return Optional.empty();
        }
        if (policy == BackendEncryption.STRICT) {
            return Optional.of("This server accepts only TDS 8.0 connections (strict encryption is forced). "
                    + "Connect with strict encryption (for example encrypt=strict).");
        }
        if (mode == EncryptionMode.PLAINTEXT && !policy.allowsPlaintextLogin()) {
            return Optional.of("The server requires encryption, but the client did not enable it. "
                    + "Connect with encryption enabled (for example encrypt=true).");
        }
        return Optional.empty();
    }

    /** The largest packet size a login on this connection may be granted. */
    public int maxPacketSize() {
        return mode == EncryptionMode.FULL_TLS || mode == EncryptionMode.STRICT ? MAX_ENCRYPTED_PACKET_SIZE : Integer.MAX_VALUE;
    }

    /** Any user event of the pipeline; handshake results are recorded. */
    public void userEvent(Object event) {
        if (!(event instanceof SslHandshakeCompletionEvent) || ssl == null) {
            return;
        }
        SslHandshakeCompletionEvent done = (SslHandshakeCompletionEvent) event;
        if (!done.isSuccess()) {
            tlsFailure = String.valueOf(done.cause());
            return;
        }
        SSLSession session = ssl.engine().getSession();
        protocol = session.getProtocol();
        cipher = session.getCipherSuite();
        alpn = ssl.applicationProtocol();
        sni = requestedServerName(session);
    }

    /** A pipeline exception that is a TLS failure (recorded so that the close reports TLS_FAILED). */
    public void tlsFailed(Throwable cause) {
        if (tlsFailure == null) {
            tlsFailure = String.valueOf(cause);
        }
    }

    /** Publishes the record (once; later calls are ignored). */
    public void publish(Outcome outcome, String detail) {
        if (published) {
            return;
        }
        published = true;
        publisher.accept(new ConnectionSecurity(id, mode, outcome, clientEncryption, Optional.ofNullable(protocol),
                Optional.ofNullable(cipher), Optional.ofNullable(alpn).filter(a -> !a.isEmpty()),
                Optional.ofNullable(sni), Optional.ofNullable(detail)));
    }

    /** The channel closed: publishes TLS_FAILED or CLOSED if nothing was published yet. */
    public void closed() {
        if (ssl != null && (tlsFailure != null || !ssl.handshakeFuture().isSuccess())) {
            publish(Outcome.TLS_FAILED, tlsFailure != null ? tlsFailure : "closed during the TLS handshake");
        } else {
            publish(Outcome.CLOSED, null);
        }
    }

    private static String requestedServerName(SSLSession session) {
        if (!(session instanceof ExtendedSSLSession)) {
            return null;
        }
        try {
            for (SNIServerName name : ((ExtendedSSLSession) session).getRequestedServerNames()) {
                if (name instanceof SNIHostName) {
                    return ((SNIHostName) name).getAsciiName();
                }
            }
        } catch (UnsupportedOperationException e) {
            return null;
        }
        return null;
    }

    @Override
    public String toString() {
        return "ConnectionTls[" + id + ", " + policy + ", " + mode + "]";
    }
}
