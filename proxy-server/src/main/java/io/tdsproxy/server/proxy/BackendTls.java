package io.tdsproxy.server.proxy;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.tdsproxy.netty.Tds7Tls;
import io.tdsproxy.server.config.BackendConfig;
import io.tdsproxy.server.config.BackendEncrypt;
import io.tdsproxy.server.config.BackendTlsConfig;
import io.tdsproxy.server.config.ConfigException;
import io.tdsproxy.server.config.ProxyConfig;
import io.tdsproxy.tls.CertificateNameException;
import io.tdsproxy.tls.ClientTlsContexts;
import io.tdsproxy.tls.TlsProtocols;
import io.tdsproxy.tls.TlsProvider;
import io.tdsproxy.tls.TrustSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.util.Optional;

/**
 * The proxy as a TLS client towards the backend ({@code [backend] encrypt}): the client
 * {@link SslContext} built at start-up, the pipeline edits of each mode, and backend certificate
 * failures translated into the words SQL Server's clients use (SQL Server on Linux TLS guide,
 * "Common connection errors"; sql-server-on-linux-tls.md).
 *
 * <pre>
 *   login, on:  socket | FLUSH (full TLS) | TLS_FRAMER | TLS | FRAMES | BACKEND    (PRELOGIN-wrapped handshake)
 *   strict:     socket | FLUSH | TLS | FRAMES | BACKEND                           (TLS first, ALPN tds/8.0)
 * </pre>
 * Order rule: TLS directly in front of the packet decoder (which then sees decrypted TDS); FLUSH on
 * the socket side of everything, so that the per-packet flushes through TLS (one TDS packet per TLS
 * record, which SQL Server expects: protocol.md 4.1, go-mssqldb note) become few socket writes.
 */
final class BackendTls {
    private static final Logger LOG = LoggerFactory.getLogger(BackendTls.class);

    /** A backend TLS failure: the text for the client's ERROR and what the operator should change. */
    record Failure(String clientText, String operatorHint) {
    }

    private BackendTls() {
    }

    /**
     * The client context for {@code [backend]}, empty with {@code encrypt = off}.
     *
     * @throws ConfigException when the CA file cannot be used or no protocol fits the mode
     */
    static Optional<SslContext> create(ProxyConfig config) throws ConfigException {
        BackendTlsConfig tls = config.backend().tls();
        if (!tls.encrypted()) {
            return Optional.empty();
        }
        TlsProvider provider = TlsProvider.OPENSSL.availability().available() ? TlsProvider.OPENSSL : TlsProvider.JDK;
        TrustSettings trust = new TrustSettings(tls.trustServerCertificate(), tls.caFileOrNull(),
                tls.hostNameInCertificateOrNull());
        try {
            if (tls.encrypt() == BackendEncrypt.STRICT) {
                TlsProtocols.forStrict(tls.protocols());
            } else {
                TlsProtocols.forTds7(tls.protocols());
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException(config.describe("backend.tlsprotocols") + ": " + e.getMessage(), e);
        }
        try {
            SslContext context = tls.encrypt() == BackendEncrypt.STRICT
                    ? ClientTlsContexts.strict(trust, tls.protocols(), provider)
                    : ClientTlsContexts.tds7(trust, tls.protocols(), provider);
            LOG.info("backend-leg TLS: encrypt = {}, provider {}, protocols {}, {}", tls.encrypt().configValue(),
                    provider, tls.protocols(), tls.trustServerCertificate() ? "certificate NOT verified"
                            : "certificate verified against " + (tls.caFileOrNull() == null ? "the system trust store"
                            : tls.caFileOrNull()) + " for the name '" + tlsName(config.backend()) + "'");
            return Optional.of(context);
        } catch (RuntimeException e) {
            // The protocols were checked above: what fails now is the trust material.
            throw new ConfigException(config.describe("backend.cafile") + ": " + e.getMessage()
                    + "; expected a PEM file of CA certificates", e);
        }
    }

    /** The name the backend certificate must carry and SNI names: hostnameincertificate, else host. */
    static String tlsName(BackendConfig backend) {
        String fixed = backend.tls().hostNameInCertificateOrNull();
        return fixed != null ? fixed : backend.host();
    }

    /** login / on: the PRELOGIN-wrapped pair in front of FRAMES; the ClientHello goes out at once. */
    static SslHandler installTds7(ChannelPipeline pipeline, SslContext context, BackendConfig backend) {
        return Tds7Tls.installClient(pipeline, context, tlsName(backend), backend.port(), HandlerNames.FRAMES);
    }

    /** strict: a plain SslHandler in front of FRAMES, FLUSH below it; the ClientHello goes out at once. */
    static SslHandler installStrict(ChannelPipeline pipeline, SslContext context, BackendConfig backend) {
        SslHandler ssl = context.newHandler(pipeline.channel().alloc(), tlsName(backend), backend.port());
        pipeline.addBefore(HandlerNames.FRAMES, HandlerNames.TLS, ssl);
        pipeline.addBefore(HandlerNames.TLS, HandlerNames.FLUSH, new FlushConsolidationHandler(ClientTls.FLUSH_BATCH, true));
        return ssl;
    }

    /** Full TDS 7.x TLS after the handshake: batch socket writes below the per-packet flushes. */
    static void fullTlsEstablished(ChannelPipeline pipeline) {
        if (pipeline.get(HandlerNames.FLUSH) == null) {
            pipeline.addFirst(HandlerNames.FLUSH, new FlushConsolidationHandler(ClientTls.FLUSH_BATCH, true));
        }
    }

    /** Login-only: the first LOGIN7 packet went through TLS and was flushed; TLS goes without close_notify. */
    static void dropLoginOnly(ChannelPipeline pipeline) {
        Tds7Tls.removeWithoutClose(pipeline);
    }

    /** What the client is told about a failed backend handshake, and what the operator should change. */
    static Failure describe(Throwable cause, BackendConfig backend) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof CertificateNameException) {
                return new Failure("The target principal name is incorrect. (the backend certificate does not carry the name '"
                        + ((CertificateNameException) t).expectedName() + "')",
                        "set [backend] hostnameincertificate to a name the backend certificate carries, or give the "
                                + "backend a certificate for '" + tlsName(backend) + "' (" + t.getMessage() + ")");
            }
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException
                    || String.valueOf(t.getMessage()).contains("PKIX path")) {
                return new Failure("The certificate chain was issued by an authority that is not trusted.",
                        "set [backend] cafile to a PEM file holding the CA that issued the backend certificate"
                                + " (or trustservercertificate = 1 to skip verification) (" + t.getMessage() + ")");
            }
        }
        String detail = ExceptionKind.message(cause);
        return new Failure("The TLS handshake with the backend failed: " + detail,
                "check that [backend] tlsprotocols shares a TLS version and cipher with the backend (" + detail + ")");
    }
}
