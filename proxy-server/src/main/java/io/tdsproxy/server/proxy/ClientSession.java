package io.tdsproxy.server.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.tdsproxy.netty.PlaintextAfterTlsEvent;
import io.tdsproxy.server.proxy.SessionState.AwaitingLogin;
import io.tdsproxy.server.proxy.SessionState.AwaitingPrelogin;
import io.tdsproxy.server.proxy.SessionState.Closed;
import io.tdsproxy.server.proxy.SessionState.Negotiation;
import io.tdsproxy.server.proxy.SessionState.NegotiatingBackend;
import io.tdsproxy.server.proxy.SessionState.Relaying;
import io.tdsproxy.server.proxy.SessionState.TlsHandshake;
import io.tdsproxy.tds.ProtocolException;
import io.tdsproxy.tds.packet.PacketHeader;
import io.tdsproxy.tds.packet.PacketType;
import io.tdsproxy.tds.prelogin.EncryptionValue;
import io.tdsproxy.tds.prelogin.PreloginMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLSession;

/**
 * One client connection: the TDS 7.x state machine of the proxy. {@link ClientHandler} forwards every
 * client-channel callback here; the backend leg is a {@link BackendLink}; after the login a
 * {@link Relay} moves the bytes. All of it runs on the client channel's event loop, which the backend
 * channel shares, so nothing is locked.
 *
 * <pre>
 *                   PRELOGIN                            backend replied (or failed):
 * AwaitingPrelogin ---------> NegotiatingBackend ------ reply ENCRYPT = decision ------+
 *    |                        (client paused; backend                                   |
 *    | LOGIN7 first           gets the client's options                                 |
 *    | (jTDS ssl=off:         with ENCRYPT = NOT_SUP)          LOGIN_ONLY, FULL_TLS     v
 *    |  negotiated as                                       +-------------------- TlsHandshake
 *    |  ENCRYPT_NOT_SUP)           handshake done           |                         |
 *    +--------------------> AwaitingLogin <-----------------+  PLAINTEXT, refused     |
 *                            |    |    |    <-------------------------------------------+
 *                            |    |    +-- refused (forceencryption=1 and client NOT_SUP, or client wants TLS
 *                            |    |        and there is no certificate) and LOGIN7 arrives, or the backend
 *                            |    |        failed: ERROR(class 20) + DONE(ERROR), close
 *                            |    +------- PRELOGIN after an ENCRYPT_REQ refusal: the client encrypts after
 *                            |             all; the packet is replayed into the new TLS pipeline -> TlsHandshake
 *                            | LOGIN7 EOM forwarded (login-only: TLS dropped after the packet that ends it,
 *                            v             or at the first plaintext byte, whichever is first)
 *                         Relaying --- either side closes ---> Closed
 * </pre>
 * From any state: a protocol error (logged with the reason and {@code conn=<id>}), a TLS failure or
 * the client going away leads to {@code Closed}; only this one connection is affected.
 *
 * <p><b>TDS 8.0 (strict).</b> A connection whose first byte is 0x16 ({@link FirstByteSniffer}) starts in
 * {@code TlsHandshake} with a plain SslHandler ({@link StrictClientTls}); once it completes, the same
 * machine runs inside TLS from {@code AwaitingPrelogin}, the PRELOGIN answered as {@link ClientLegPolicy}
 * says and no second handshake. {@code forcestrict = 1} refuses every TDS 7.x LOGIN7 (see there).
 *
 * <p><b>Client starts TLS after ENCRYPT_REQ.</b> MS-TDS expects a client that sent ENCRYPT_NOT_SUP and
 * got ENCRYPT_REQ to give up; tiberius' NotSupported mode starts TLS anyway. The proxy accepts that as a
 * fully encrypted connection, which is what {@code forceencryption = 1} asks for.
 *
 * <p><b>Buffer ownership.</b> Every message reaching {@link #clientRead} is owned here until it is
 * forwarded ({@link BackendLink#send}, which queues until the backend is ready), accumulated
 * ({@link PacketAccumulator}) or released. Nothing is kept once {@code Closed}.
 */
final class ClientSession implements BackendLink.Owner, Relay.Ended, FirstByteSniffer.Target {
    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);

    private final ProxyContext context;
    private final long id;
    private final Channel client;
    private final BackendLink backend;
    private final SessionLimits limits;
    private SessionState state;
    private Negotiation negotiation;
    private PreloginMessage clientPrelogin;
    private boolean tlsActive;
    private HandshakeTranscript transcript;
    private Relay relay;
    private boolean loginStarted;
    private final SessionReport report;
    private final LoginCapture loginCapture;
    /** TDS 8.0: the connection began with a TLS ClientHello (see {@link ClientLegPolicy}). */
    private boolean strict;

    /**
     * @param refusal null for an admitted connection; otherwise why it is refused ({@code maxconnections}),
     *                told to the client at its LOGIN7 without contacting the backend
     */
    ClientSession(ProxyContext context, long id, Channel client, String refusal) {
        this.context = context;
        this.id = id;
        this.client = client;
        this.backend = new BackendLink(context, this);
        this.limits = new SessionLimits(context.tuning(), client, refusal);
        this.loginCapture = new LoginCapture(client.alloc());
        this.report = new SessionReport(id, client, context.listener());
        this.state = new AwaitingPrelogin(new PacketAccumulator(client.alloc(), limits.maxPreloginSize(), "PRELOGIN"));
        client.closeFuture().addListener(f -> clientClosed());
        limits.startHandshakeClock(this::handshakeTimedOut);
    }

    @Override
    public long id() {
        return id;
    }

    // ---------------------------------------------------------------- client channel callbacks

    void clientRead(Object msg) {
        if (state instanceof Relaying) {
            ((Relaying) state).relay().clientRead(msg);
            return;
        }
        if (!(msg instanceof ByteBuf) || state instanceof Closed) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            clientPacket((ByteBuf) msg);
        } catch (ProtocolException e) {
            protocolError("client " + e.getMessage());
        } catch (RuntimeException e) {
            internalError(e);
        }
    }

    void clientReadComplete() {
        if (state instanceof Relaying) {
            ((Relaying) state).relay().clientReadComplete();
        } else {
            backend.flush();
        }
    }

    void clientWritabilityChanged() {
        if (state instanceof Relaying) {
            ((Relaying) state).relay().clientWritabilityChanged();
        }
    }

    void clientEvent(Object event) {
        if (event instanceof SslHandshakeCompletionEvent) {
            handshakeCompleted((SslHandshakeCompletionEvent) event);
        } else if (event == PlaintextAfterTlsEvent.INSTANCE) {
            plaintextAfterTls();
        } else if (event instanceof SslCloseCompletionEvent) {
            LOG.debug("conn={} client TLS closed: {}", id, ((SslCloseCompletionEvent) event).cause());
        } else if (event instanceof ChannelInputShutdownEvent) {
            if (state instanceof Relaying) {
                ((Relaying) state).relay().clientInputShutdown();
            } else {
                clientGone("closed the connection");
            }
        }
    }

    void clientInactive() {
        if (state instanceof Relaying) {
            ((Relaying) state).relay().clientInactive();
        } else {
            clientGone("closed the connection");
        }
    }

    /**
     * The client left before its login was forwarded. During the TLS handshake that is how a driver
     * that rejects the certificate ends (mssql-jdbc closes without a TLS alert), so it counts as a TLS
     * failure there.
     */
    private void clientGone(String what) {
        if (state instanceof TlsHandshake) {
            handshakeFailed(null);
        } else {
            close(ConnectionOutcome.CLIENT_CLOSED, "client " + what + " in " + state.label());
        }
    }

    void clientException(Throwable cause) {
        if (state instanceof Relaying) {
            ((Relaying) state).relay().clientException(cause);
            return;
        }
        switch (ExceptionKind.of(cause)) {
            case NETWORK:
                LOG.debug("conn={} client connection error: {}", id, cause.toString());
                clientGone("connection failed (" + ExceptionKind.message(cause) + ")");
                break;
            case TLS:
                if (state instanceof TlsHandshake) {
                    handshakeFailed(cause);
                } else {
                    tlsFailed("TLS failure: " + ExceptionKind.message(cause));
                }
                break;
            case PROTOCOL:
                protocolError("client " + ExceptionKind.message(cause));
                break;
            default:
                internalError(cause);
        }
    }

    /** The first byte was 0x16: a TLS ClientHello before any TDS, i.e. TDS 8.0 strict encryption. */
    @Override
    public boolean strictRequested() {
        if (context.strictContext().isEmpty()) {
            String why = "TDS 8.0 (strict encryption) needs a certificate (tlscert, tlskey) and TLS 1.2 or 1.3 in tlsprotocols";
            LOG.info("conn={} closing connection from {}: {}", id, client.remoteAddress(), why);
            close(ConnectionOutcome.UNSUPPORTED, why);
            return false;
        }
        ((AwaitingPrelogin) state).prelogin().release();
        StrictClientTls.install(client.pipeline(), context.strictContext().get());
        strict = true;
        tlsActive = true;
        report.tlsStarted();
        state = new TlsHandshake();
        return true;
    }

    /** The first byte is neither TDS (0x12, 0x10) nor TLS (0x16). */
    @Override
    public void unknownProtocol(int firstByte) {
        protocolError(String.format("client sent byte 0x%02x first, which starts neither a TDS PRELOGIN (0x12) or "
                + "LOGIN7 (0x10) nor a TLS ClientHello (0x16): not a SQL Server client", firstByte));
    }

    // ---------------------------------------------------------------- PRELOGIN

    private void clientPacket(ByteBuf packet) {
        PacketHeader header = PacketHeader.peek(packet, packet.readerIndex());
        if (state instanceof AwaitingPrelogin) {
            firstMessage(((AwaitingPrelogin) state).prelogin(), header, packet);
        } else if (state instanceof AwaitingLogin) {
            loginPacket(header, packet);
        } else {
            packet.release();
            throw new ProtocolException("sent a " + hex(header) + " packet while the proxy was in " + state.label());
        }
    }

    private void firstMessage(PacketAccumulator prelogin, PacketHeader header, ByteBuf packet) {
        if (header.type() == PacketType.LOGIN7) {
            // jTDS ssl=off sends no PRELOGIN at all; such a client cannot encrypt.
            prelogin.release();
            negotiation = negotiate(EncryptionValue.NOT_SUP, false);
            state = new AwaitingLogin();
            if (negotiation.forwardsLogin()) {
                connectBackend(PreloginExchange.defaultBackendRequest());
            }
            loginPacket(header, packet);
            return;
        }
        if (header.type() != PacketType.PRELOGIN) {
            packet.release();
            throw new ProtocolException("sent a " + hex(header) + " packet first; expected PRELOGIN (0x12)");
        }
        if (!prelogin.add(header, packet)) {
            return;
        }
        clientPrelogin = prelogin.decodePrelogin();
        EncryptionValue requested = clientPrelogin.encryption().orElse(EncryptionValue.NOT_SUP);
        negotiation = negotiate(requested, true);
        LOG.debug("conn={} client PRELOGIN encryption {} -> reply {} ({})", id, requested,
                negotiation.decision().reply(), negotiation.decision().outcome());
        state = new NegotiatingBackend();
        client.config().setAutoRead(false);
        if (!negotiation.forwardsLogin()) {
            replyToClient(null, 0);
        } else {
            connectBackend(PreloginExchange.backendRequest(clientPrelogin));
        }
    }

    /** Starts the backend leg; a connection over {@code maxconnections} fails it at once instead. */
    private void connectBackend(PreloginMessage request) {
        if (limits.admitted()) {
            backend.connect(client.eventLoop(), request);
        } else {
            backend.refuse(limits.refusal());
        }
    }

    private Negotiation negotiate(EncryptionValue requested, boolean replyToClient) {
        return ClientLegPolicy.decide(requested, replyToClient, strict, context.sslContext().isPresent(),
                context.config().network().forceEncryption(), context.config().network().forceStrict());
    }

    @Override
    public void backendReady(PreloginMessage reply, int spid) {
        if (state instanceof NegotiatingBackend) {
            replyToClient(reply, spid);
        }
        // A relay already running (client without PRELOGIN) is started by BackendLink once the leg is ready.
    }

    @Override
    public void backendFailed(String reason) {
        LOG.debug("conn={} {}", id, reason);
        if (state instanceof NegotiatingBackend) {
            replyToClient(null, 0);
        } else if (state instanceof Relaying) {
            // The LOGIN7 was waiting for the backend (a client without PRELOGIN): answer it. Its audit line
            // is written already, and a connection over the limit never gets here (its link fails at once).
            refuseLogin(ConnectionOutcome.BACKEND_UNAVAILABLE, TdsReplies.BACKEND_UNAVAILABLE, reason);
        }
        // Otherwise the client is told when its LOGIN7 is complete (loginPacket).
    }

    /**
     * Answers the client's PRELOGIN with the backend's reply (or the proxy's own when there is none),
     * ENCRYPTION set to the client-leg decision; then starts TLS if negotiated.
     */
    private void replyToClient(PreloginMessage backendReply, int spid) {
        EncryptionValue decision = negotiation.decision().reply();
        PreloginMessage reply = backendReply == null
                ? PreloginExchange.standaloneReply(decision)
                : PreloginExchange.clientReply(backendReply, decision);
        client.writeAndFlush(PreloginExchange.toPackets(client.alloc(), reply, PacketType.TABULAR_RESULT, spid))
                .addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
        // The reply has passed the pipeline already: TLS handlers added now do not see it.
        if (negotiation.tls()) {
            startTls();
        } else {
            state = new AwaitingLogin();
        }
        client.config().setAutoRead(true);
    }

    // ---------------------------------------------------------------- TLS

    private void startTls() {
        transcript = new HandshakeTranscript();
        ClientTls.install(client.pipeline(), context.sslContext().orElseThrow(),
                negotiation.mode() == ClientLegMode.FULL_TLS, transcript);
        tlsActive = true;
        report.tlsStarted();
        state = new TlsHandshake();
    }

    private void handshakeCompleted(SslHandshakeCompletionEvent event) {
        if (!(state instanceof TlsHandshake)) {
            return;
        }
        if (!event.isSuccess()) {
            handshakeFailed(event.cause());
            return;
        }
        ClientTls.handshakeDone(client.pipeline());
        SslHandler ssl = (SslHandler) client.pipeline().get(HandlerNames.TLS);
        SSLSession session = ssl.engine().getSession();
        report.tlsEstablished(session);
        report.handshakeFinished(clientMode(), true);
        if (strict) {
            LOG.debug("conn={} client TDS 8.0{} alpn={}", id, report.tlsSummary(), StrictClientTls.alpn(ssl));
            state = new AwaitingPrelogin(new PacketAccumulator(client.alloc(), limits.maxPreloginSize(), "PRELOGIN"));
            return;
        }
        LOG.debug("conn={} client{} ({})", id, report.tlsSummary(), negotiation.mode());
        state = new AwaitingLogin();
    }

    /** The framer met plaintext after TLS records: fine in the middle of a login-only LOGIN7. */
    private void plaintextAfterTls() {
        if (tlsActive && loginStarted && negotiation.mode() == ClientLegMode.LOGIN_ONLY) {
            dropLoginOnlyTls();
        }
        // Otherwise TLS stays and the framer reports a protocol error.
    }

    private void dropLoginOnlyTls() {
        tlsActive = false;
        ClientTls.dropLoginOnly(client.pipeline());
        LOG.debug("conn={} login-only TLS ended", id);
    }

    // ---------------------------------------------------------------- LOGIN7

    /** One LOGIN7 packet, decrypted if TLS is on. Owns {@code packet}. */
    private void loginPacket(PacketHeader header, ByteBuf packet) {
        if (!negotiation.forwardsLogin()) {
            refusedPacket(header, packet);
            return;
        }
        if (!loginStarted && header.type() != PacketType.LOGIN7) {
            packet.release();
            throw new ProtocolException("sent a " + hex(header) + " packet; expected LOGIN7 (0x10)");
        }
        loginStarted = true;
        boolean eom = header.isEndOfMessage();
        if (eom && tlsActive && negotiation.mode() == ClientLegMode.LOGIN_ONLY) {
            dropLoginOnlyTls();
        }
        if (!limits.login7Fits(header.payloadLength())) {
            packet.release();
            refuseLogin(ConnectionOutcome.PROTOCOL_ERROR, TdsReplies.LOGIN_TOO_LARGE, limits.login7TooLarge());
            return;
        }
        loginCapture.add(header, packet);
        if (backend.failed()) {
            packet.release();
            if (eom) {
                refuseBackendless();
            }
            return;
        }
        backend.send(packet);
        if (eom) {
            report.login(clientMode(), backend, loginCapture, "");
            startRelay();
        }
    }

    private void refusedPacket(PacketHeader header, ByteBuf packet) {
        if (header.type() == PacketType.PRELOGIN && !loginStarted && negotiation.encryptionRequired()
                && negotiation.tlsPossible()) {
            LOG.debug("conn={} client starts TLS after the ENCRYPT_REQ reply", id);
            negotiation = negotiation.upgradedToFullTls();
            startTls();
            if (negotiation.forwardsLogin()) {
                connectBackend(clientPrelogin == null
                        ? PreloginExchange.defaultBackendRequest() : PreloginExchange.backendRequest(clientPrelogin));
            }
            // Replayed from the pipeline head, outside the decoder that emitted it.
            client.eventLoop().execute(() -> {
                if (client.isActive()) {
                    client.pipeline().fireChannelRead(packet).fireChannelReadComplete();
                } else {
                    packet.release();
                }
            });
            return;
        }
        if (header.type() != PacketType.LOGIN7 && !loginStarted) {
            packet.release();
            throw new ProtocolException("sent a " + hex(header) + " packet after its encryption was refused");
        }
        loginStarted = true;
        loginCapture.add(header, packet);
        packet.release();
        if (header.isEndOfMessage()) {
            String text = negotiation.strictRequired() ? ClientLegPolicy.STRICT_REQUIRED
                    : negotiation.encryptionRequired()
                    ? "The server requires encryption, but the client did not enable it. "
                      + "Connect with encryption enabled (for example encrypt=true)."
                    : "The client requires encryption, but the server has no TLS certificate configured.";
            report.login(clientMode(), backend, loginCapture, text);
            refuseLogin(ConnectionOutcome.ENCRYPTION_REQUIRED, TdsReplies.ENCRYPTION_REQUIRED, text);
        }
    }

    /** Answers a complete LOGIN7 that has no backend: refused by the connection limit, or the backend failed. */
    private void refuseBackendless() {
        if (limits.admitted()) {
            report.login(clientMode(), backend, loginCapture, backend.failure());
            refuseLogin(ConnectionOutcome.BACKEND_UNAVAILABLE, TdsReplies.BACKEND_UNAVAILABLE, backend.failure());
        } else {
            report.login(clientMode(), backend, loginCapture, limits.refusal());
            refuseLogin(ConnectionOutcome.CONNECTION_LIMIT, TdsReplies.CONNECTION_LIMIT, limits.refusal());
        }
    }

    /** ERROR(class 20) + DONE(ERROR) to the client on its current leg (TLS or not), then close both legs. */
    private void refuseLogin(ConnectionOutcome why, long number, String text) {
        LOG.info("conn={} login from {} refused: {}", id, client.remoteAddress(), text);
        report.outcome(why, text);
        state = new Closed();
        backend.close();
        client.writeAndFlush(TdsReplies.fatalLoginError(client.alloc(), number, text))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private void startRelay() {
        relay = new Relay(id, client, backend, tlsActive, this, context.listener());
        state = new Relaying(relay);
        if (tlsActive) {
            ClientTls.loginReceived(client.pipeline());
        }
        if (!backend.wantsWholePackets()) {
            // Leaving parsing mode: the removed decoder hands on the bytes it still holds.
            client.pipeline().remove(HandlerNames.FRAMES);
        }
        limits.relayStarted(client.pipeline(), this::idleTimedOut);
        backend.attach(relay);
        if (backend.ready()) {
            relay.backendReady();
        }
        LOG.info("conn={} relaying {} -> {} mode={}{} backend={}", id, client.remoteAddress(),
                context.config().backend().address(), negotiation.mode(), report.tlsSummary(),
                context.config().backend().tls().encrypt().configValue());
        report.established(clientMode(), relay, backend);
    }

    @Override
    public void relayEnded(String reason) {
        LOG.debug("conn={} relay ended: {}", id, reason);
        close(ConnectionOutcome.RELAYED, reason);
    }

    // ---------------------------------------------------------------- ending

    /** {@code proxy.handshaketimeout} passed before the LOGIN7 was forwarded: a slow or stalled client. */
    private void handshakeTimedOut() {
        if (state instanceof Relaying || state instanceof Closed) {
            return;
        }
        LOG.info("conn={} closing connection from {}: no login within {} ms (proxy.handshaketimeout), stuck in {}",
                id, client.remoteAddress(), limits.handshakeTimeoutMillis(), state.label());
        close(ConnectionOutcome.HANDSHAKE_TIMEOUT, "no login within proxy.handshaketimeout, in " + state.label());
        // A stalled client may not read either: do not wait for queued bytes to drain.
        client.close();
    }

    /** {@code proxy.idletimeout} passed without a byte either way. */
    private void idleTimedOut() {
        LOG.info("conn={} closing connection from {}: idle both ways for {} ms (proxy.idletimeout)",
                id, client.remoteAddress(), limits.idleTimeoutMillis());
        close(ConnectionOutcome.IDLE_TIMEOUT, "idle for proxy.idletimeout");
    }

    private void protocolError(String reason) {
        LOG.info("conn={} closing connection from {}: protocol error: {}", id, client.remoteAddress(), reason);
        close(ConnectionOutcome.PROTOCOL_ERROR, reason);
    }

    /** Once per connection: the alert or cause and its explanation ({@link HandshakeDiagnosis}). */
    private void handshakeFailed(Throwable cause) {
        if (state instanceof TlsHandshake) {
            HandshakeDiagnosis diagnosis = HandshakeDiagnosis.of(cause, transcript,
                    ClientTls.allowedProtocols(context.config()));
            tlsFailed("TLS handshake failed: " + diagnosis.line());
        }
    }

    private void tlsFailed(String reason) {
        if (state instanceof Closed) {
            return;
        }
        LOG.info("conn={} closing connection from {}: {}", id, client.remoteAddress(), reason);
        close(ConnectionOutcome.TLS_FAILED, reason);
    }

    private void internalError(Throwable cause) {
        LOG.warn("conn={} closing connection after an internal error", id, cause);
        close(ConnectionOutcome.INTERNAL_ERROR, cause.toString());
    }

    /** Closes both legs once their queued bytes are written; the first recorded outcome wins. */
    private void close(ConnectionOutcome why, String reason) {
        report.outcome(why, reason);
        if (state instanceof Closed) {
            return;
        }
        if (state instanceof AwaitingPrelogin) {
            ((AwaitingPrelogin) state).prelogin().release();
        } else if (state instanceof TlsHandshake) {
            report.handshakeFinished(clientMode(), false);
        }
        state = new Closed();
        loginCapture.release();
        backend.close();
        Relay.closeAfterFlush(client);
    }

    private void clientClosed() {
        close(relay != null ? ConnectionOutcome.RELAYED : ConnectionOutcome.CLIENT_CLOSED,
                "client connection closed in " + state.label());
        backend.close();
        // A refused login ends in Closed without close(): what the capture holds goes here at the latest.
        loginCapture.release();
        if (relay != null) {
            relay.reportTraffic();
        }
        LOG.debug("conn={} closed: {} {}", id, report.outcome(), report.detail());
        report.closed(clientMode(), relay, backend);
    }

    /** The client-leg mode so far: STRICT from the first byte on, else what the PRELOGIN decided. */
    private ClientLegMode clientMode() {
        return negotiation != null ? negotiation.mode() : strict ? ClientLegMode.STRICT : ClientLegMode.UNNEGOTIATED;
    }

    private static String hex(PacketHeader header) {
        return String.format("0x%02x", header.rawType());
    }
}
