package io.tdsproxy.testkit.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.tdsproxy.tds.ProtocolException;
import io.tdsproxy.tds.login.Login7;
import io.tdsproxy.tds.packet.PacketType;
import io.tdsproxy.tds.packet.TdsMessageWriter;
import io.tdsproxy.tds.prelogin.EncryptionOutcome;
import io.tdsproxy.tds.prelogin.PreloginMessage;
import io.tdsproxy.tds.token.DoneStatus;
import io.tdsproxy.tds.token.EnvChange;
import io.tdsproxy.tds.token.TokenFormat;
import io.tdsproxy.tds.token.TokenType;
import io.tdsproxy.testkit.ConnectionSecurity.Outcome;
import io.tdsproxy.testkit.h2.ErrorMapper;
import io.tdsproxy.testkit.h2.H2Session;
import io.tdsproxy.testkit.rpc.RpcCall;
import io.tdsproxy.testkit.rpc.RpcDecoder;
import io.tdsproxy.testkit.tls.ConnectionTls;
import io.tdsproxy.testkit.wire.AllHeaders;
import io.tdsproxy.testkit.wire.ProtocolLevel;
import io.tdsproxy.testkit.wire.ResponseWriter;
import io.tdsproxy.testkit.wire.TdsMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;

/**
 * One client connection of the embedded server (MS-TDS 3.3.5 server states):
 *
 * <pre>
 *   INITIAL --PRELOGIN--&gt; AWAIT_LOGIN --LOGIN7--&gt; LOGGED_IN --SQL batch / RPC / ATTENTION--&gt; ...
 *      \------------------LOGIN7 (jTDS ssl=off: no PRELOGIN)--^
 *   any state --malformed message / refused login / channel closed--&gt; CLOSED
 * </pre>
 *
 * Encryption is {@link ConnectionTls}'s business: it installs TLS after the PRELOGIN reply when the
 * negotiation says so (the reply itself always travels in clear, or inside TDS 8.0 TLS), says whether a
 * LOGIN7 must be refused (plaintext on a server that forces encryption, TDS 7.x on a strict-only
 * server: ERROR class 20 + DONE, then close) and publishes the connection's record.
 *
 * Threads: the event loop calls the {@code on*} methods; it answers PRELOGIN itself (no blocking
 * work) and hands LOGIN7 and every request to the connection's {@link SerialExecutor}, so H2 never
 * runs on the event loop and requests run in arrival order. ATTENTION is handled on the event loop
 * through {@link RequestControl} so that it can cancel a running statement at once.
 *
 * <p>Backpressure: responses are written from the worker, which blocks in
 * {@link ChannelResponseSink#flush()} while the channel is above its high water mark; the event loop
 * keeps reading, so an ATTENTION still gets through while the client is not draining results.
 *
 * <p>Ownership: every {@link TdsMessage} handed to {@link #onMessage} is released here (on the event
 * loop for PRELOGIN and ATTENTION, by the worker task otherwise).
 */
public final class TdsConnection {
    private static final Logger LOG = LoggerFactory.getLogger(TdsConnection.class);

    private enum Phase { INITIAL, AWAIT_LOGIN, LOGGED_IN, CLOSED }

    private final Channel channel;
    private final ServerSettings settings;
    private final RequestControl control = new RequestControl();
    private final SerialExecutor serial;
    private final ChannelResponseSink sink;
    private final String id;
    private final ConnectionTls tls;
    /** Event loop only. */
    private Phase phase = Phase.INITIAL;

    // Worker side: touched only by tasks of the serial executor.
    private H2Session session;
    private ProtocolLevel level = ProtocolLevel.V7_4;
    private int packetSize = LoginProcessor.INITIAL_PACKET_SIZE;
    private int spid;

    /**
     * @param channel  the client channel; responses are written to it
     * @param settings what all connections of the server share
     */
    public TdsConnection(Channel channel, ServerSettings settings) {
        this.channel = channel;
        this.settings = settings;
        this.serial = new SerialExecutor(settings.workers());
        this.sink = new ChannelResponseSink(channel, control);
        this.id = channel.id().asShortText();
        this.tls = new ConnectionTls(id, settings.encryption(), settings.tls(), settings.security());
    }

    /** This connection's encryption state (to install its first handler). */
    public ConnectionTls tls() {
        return tls;
    }

    /** Event loop: a whole client message; this method owns its payload. */
    public void onMessage(TdsMessage message) {
        boolean handedOver = false;
        try {
            if (phase == Phase.CLOSED) {
                return;
            }
            if (LOG.isTraceEnabled()) {
                LOG.trace("conn={} message type={} status=0x{} bytes={}", id, message.type(),
                        Integer.toHexString(message.status()), message.payload().readableBytes());
            }
            if (message.ignored() && message.type() != PacketType.ATTENTION) {
                LOG.debug("conn={} dropping message of type {} marked IGNORE", id, message.type());
                return;
            }
            switch (message.type()) {
                case PRELOGIN:
                    expect(Phase.INITIAL, message);
                    prelogin(message.payload());
                    return;
                case LOGIN7:
                    if (phase != Phase.INITIAL && phase != Phase.AWAIT_LOGIN) {
                        throw new ProtocolException("LOGIN7 after login");
                    }
                    phase = Phase.LOGGED_IN;
                    Optional<String> refusal = tls.loginRefusal();
                    if (refusal.isPresent()) {
                        tls.publish(Outcome.REFUSED, refusal.get());
                        phase = Phase.CLOSED;
                        handedOver = submit(() -> refuseLogin(message, refusal.get()));
                        return;
                    }
                    tls.publish(Outcome.LOGIN_RECEIVED, null);
                    int maxPacketSize = tls.maxPacketSize();
                    handedOver = submit(() -> login(message, maxPacketSize));
                    return;
                case SQL_BATCH:
                case RPC:
                case TRANSACTION_MANAGER:
                    expect(Phase.LOGGED_IN, message);
                    control.requestAccepted();
                    handedOver = submit(() -> request(message));
                    return;
                case ATTENTION:
                    expect(Phase.LOGGED_IN, message);
                    LOG.debug("conn={} ATTENTION", id);
                    if (control.attention()) {
                        control.requestAccepted();
                        submit(this::queuedAttention);
                    }
                    return;
                default:
                    throw new ProtocolException(String.format("unsupported packet type 0x%02X", message.rawType()));
            }
        } catch (ProtocolException e) {
            fail("malformed client message: " + e.getMessage());
        } finally {
            if (!handedOver) {
                message.payload().release();
            }
        }
    }

    /** Event loop: writability changed; a worker may be waiting for it. */
    public void onWritabilityChanged() {
        control.wake();
    }

    /** Event loop: a pipeline user event (TLS handshake results among them). */
    public void onUserEvent(Object event) {
        tls.userEvent(event);
    }

    /** Event loop: the channel closed. */
    public void onInactive() {
        phase = Phase.CLOSED;
        tls.closed();
        control.closed();
        if (!submit(this::closeSession)) {
            closeSession();
        }
    }

    /** Event loop: a pipeline exception (decoder error, I/O error). */
    public void onException(Throwable cause) {
        if (phase == Phase.CLOSED) {
            LOG.debug("conn={} after close: {}", id, cause.toString());
            return;
        }
        if (cause instanceof SSLException || cause.getCause() instanceof SSLException) {
            tls.tlsFailed(cause.getCause() instanceof SSLException ? cause.getCause() : cause);
            LOG.info("conn={} TLS failure, closing: {}", id, cause.getMessage());
            phase = Phase.CLOSED;
            channel.close();
        } else if (cause instanceof ProtocolException || cause instanceof io.netty.handler.codec.DecoderException) {
            fail("malformed client input: " + cause.getMessage());
        } else {
            LOG.debug("conn={} I/O error, closing: {}", id, cause.toString());
            channel.close();
        }
    }

    private void expect(Phase expected, TdsMessage message) {
        if (phase != expected) {
            throw new ProtocolException("unexpected " + message.type() + " in state " + phase);
        }
    }

    private void prelogin(ByteBuf payload) {
        PreloginMessage request = PreloginMessage.decode(payload);
        PreloginResponder.Reply reply = tls.strict() ? PreloginResponder.replyInsideStrict(request)
                : PreloginResponder.reply(request, tls.tds7Policy());
        ByteBuf body = channel.alloc().buffer();
        ByteBuf packets = channel.alloc().buffer();
        try {
            reply.message().encode(body);
            TdsMessageWriter.writeMessage(packets, PacketType.TABULAR_RESULT, 0, LoginProcessor.INITIAL_PACKET_SIZE, body);
        } catch (RuntimeException e) {
            packets.release();
            throw e;
        } finally {
            body.release();
        }
        EncryptionOutcome outcome = reply.decision().outcome();
        LOG.debug("conn={} PRELOGIN client={} reply={} outcome={}", id, request.encryption().orElse(null),
                reply.decision().reply(), outcome);
        if (outcome == EncryptionOutcome.REFUSE) {
            // The client asked for encryption this server cannot give, or refuses what it requires
            // (protocol.md 3.2): the reply lets it report its own error, then the connection ends (8.1).
            LOG.info("conn={} closing after PRELOGIN: client ENCRYPTION={} reply={}", id,
                    request.encryption().orElse(null), reply.decision().reply());
            tls.preloginNegotiated(request.encryption(), outcome, channel.pipeline());
            tls.publish(Outcome.REFUSED, "PRELOGIN ENCRYPTION " + request.encryption().orElse(null)
                    + " answered with " + reply.decision().reply() + " under " + settings.encryption());
            phase = Phase.CLOSED;
            channel.writeAndFlush(packets).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        // On the event loop the reply passes the whole pipeline now, before TLS handlers are added.
        channel.writeAndFlush(packets, channel.voidPromise());
        tls.preloginNegotiated(request.encryption(), outcome, channel.pipeline());
        phase = Phase.AWAIT_LOGIN;
    }

    /** Worker: answers a LOGIN7 the encryption policy refuses with ERROR (class 20) + DONE, then closes. */
    private void refuseLogin(TdsMessage message, String text) {
        ProtocolLevel at = ProtocolLevel.V7_4;
        try {
            at = ProtocolLevel.fromLogin(Login7.decode(message.payload()).tdsVersion());
        } catch (ProtocolException e) {
            LOG.debug("conn={} refused LOGIN7 is malformed too: {}", id, e.getMessage());
        } finally {
            message.payload().release();
        }
        LOG.info("conn={} login refused: {}", id, text);
        ResponseWriter out = new ResponseWriter(at, channel.alloc(), 0, LoginProcessor.INITIAL_PACKET_SIZE, sink);
        try {
            out.error(ErrorMapper.message(LoginProcessor.ENCRYPTION_REFUSED, 20, text));
            out.done(TokenType.DONE, DoneStatus.ERROR, 0, 0);
            out.finish();
            closeAfterFlush();
        } catch (ConnectionClosedException e) {
            out.discard();
        }
    }

    private void login(TdsMessage message, int maxPacketSize) {
        try {
            Login7 login = Login7.decode(message.payload());
            ProtocolLevel requested = ProtocolLevel.fromLogin(login.tdsVersion());
            int newSpid = settings.nextSpid();
            ResponseWriter out = new ResponseWriter(requested, channel.alloc(), newSpid,
                    LoginProcessor.INITIAL_PACKET_SIZE, sink);
            try {
                LoginProcessor.Accepted accepted = new LoginProcessor(settings).check(login, out, maxPacketSize);
                if (accepted == null) {
                    out.finish();
                    LOG.info("conn={} login refused for user '{}'", id, login.userName());
                    closeAfterFlush();
                    return;
                }
                session = new H2Session(settings.h2().open(), newSpid, accepted.database(), login.userName(),
                        login.hostName(), login.appName());
                LoginProcessor.writeAccepted(accepted, out);
                out.finish();
                level = accepted.level();
                packetSize = accepted.packetSize();
                spid = newSpid;
                LOG.debug("conn={} spid={} logged in user '{}' tds={} packetSize={}", id, spid, login.userName(),
                        level, packetSize);
            } catch (SQLException e) {
                out.discard();
                LOG.warn("conn={} cannot open the H2 session: {}", id, e.toString());
                channel.close();
            } catch (RuntimeException e) {
                out.discard();
                throw e;
            }
        } catch (ProtocolException e) {
            LOG.info("conn={} malformed LOGIN7, closing: {}", id, e.getMessage());
            channel.close();
        } catch (ConnectionClosedException e) {
            LOG.debug("conn={} closed during login", id);
        } finally {
            message.payload().release();
        }
    }

    private void request(TdsMessage message) {
        ByteBuf payload = message.payload();
        try {
            if (session == null) {
                LOG.info("conn={} request without a successful login, closing", id);
                channel.close();
                return;
            }
            String sql = null;
            List<RpcCall> calls = null;
            if (message.type() != PacketType.TRANSACTION_MANAGER) {
                AllHeaders.skip(payload, level);
            }
            if (message.type() == PacketType.SQL_BATCH) {
                if ((payload.readableBytes() & 1) != 0) {
                    throw new ProtocolException("SQL batch text of odd length " + payload.readableBytes());
                }
                sql = payload.readCharSequence(payload.readableBytes(), StandardCharsets.UTF_16LE).toString();
            } else if (message.type() == PacketType.RPC) {
                calls = RpcDecoder.decode(payload);
            }
            if (sql != null && BulkResult.requestedBytes(sql).isPresent()) {
                bulk(BulkResult.requestedBytes(sql).getAsLong());
                return;
            }
            respond(message, sql, calls);
        } catch (ProtocolException e) {
            LOG.info("conn={} spid={} malformed {} request, closing: {}", id, spid, message.type(), e.getMessage());
            channel.close();
        } finally {
            payload.release();
        }
    }

    private void respond(TdsMessage message, String sql, List<RpcCall> calls) {
        ResponseWriter out = new ResponseWriter(level, channel.alloc(), spid, packetSize, sink);
        try {
            if (message.resetConnection()) {
                session.reset();
                // ENVCHANGE 18: acknowledgement of RESETCONNECTION, empty new and old values
                out.envChange(new EnvChange.Other(18, new byte[] {0, 0}));
            }
            RequestRunner runner = new RequestRunner(session, control, out);
            boolean ack;
            if (sql != null) {
                ack = runner.batch(sql);
            } else if (calls != null) {
                ack = runner.rpc(calls);
            } else {
                ack = runner.unsupported("Transaction manager requests are not supported by the embedded server.");
            }
            out.finish();
            if (ack) {
                attentionAck();
            }
        } catch (ConnectionClosedException e) {
            out.discard();
            LOG.debug("conn={} spid={} closed while answering", id, spid);
        } catch (SQLException | RuntimeException e) {
            out.discard();
            LOG.warn("conn={} spid={} failed answering a {} request, closing", id, spid, message.type(), e);
            channel.close();
        }
    }

    /** The benchmark source {@code EXEC tdsproxy_bulk @bytes = N} (see {@link BulkResult}). */
    private void bulk(long bytes) {
        TokenFormat format = level.atLeast72() ? TokenFormat.TDS_7_2 : TokenFormat.TDS_7_1;
        try {
            if (new BulkResult(channel.alloc(), format, packetSize, sink, control).stream(bytes)) {
                attentionAck();
            }
        } catch (ConnectionClosedException e) {
            LOG.debug("conn={} spid={} closed during a bulk result", id, spid);
        }
    }

    /** A queued attention that found nothing running: counts itself out and acknowledges. */
    private void queuedAttention() {
        if (control.requestFinished() == RequestControl.Ending.ACKNOWLEDGE) {
            attentionAck();
        }
    }

    /** The attention acknowledgement as a message of its own (MS-TDS 2.2.1.7). */
    private void attentionAck() {
        ResponseWriter out = new ResponseWriter(level, channel.alloc(), spid, packetSize, sink);
        try {
            RequestRunner.acknowledgeAttention(out);
            out.finish();
            LOG.debug("conn={} spid={} attention acknowledged", id, spid);
        } catch (ConnectionClosedException e) {
            out.discard();
        }
    }

    private void closeSession() {
        H2Session s = session;
        session = null;
        if (s != null) {
            try {
                s.close();
            } catch (SQLException e) {
                LOG.debug("conn={} closing H2 session: {}", id, e.toString());
            }
        }
    }

    private boolean submit(Runnable task) {
        try {
            serial.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            LOG.debug("conn={} worker pool shut down, closing", id);
            channel.close();
            return false;
        }
    }

    private void fail(String why) {
        LOG.info("conn={} {}; closing the connection", id, why);
        phase = Phase.CLOSED;
        channel.close();
    }

    private void closeAfterFlush() {
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
}
