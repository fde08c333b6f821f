package io.tdsproxy.testkit.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tdsproxy.tds.packet.PacketStreamWriter;
import io.tdsproxy.tds.packet.PacketType;
import io.tdsproxy.tds.token.ColumnMetadata;
import io.tdsproxy.tds.token.Done;
import io.tdsproxy.tds.token.EnvChange;
import io.tdsproxy.tds.token.LoginAck;
import io.tdsproxy.tds.token.ReturnStatus;
import io.tdsproxy.tds.token.ReturnValue;
import io.tdsproxy.tds.token.RowToken;
import io.tdsproxy.tds.token.ServerMessage;
import io.tdsproxy.tds.token.TokenFormat;
import io.tdsproxy.tds.token.TokenType;
import io.tdsproxy.tds.types.Column;

import java.util.List;

/**
 * Writes one server response message (type 0x04, MS-TDS 2.2.4) token by token in the layouts of the
 * session's {@link ProtocolLevel} (proxy-core's {@link TokenFormat}: TDS 7.1 or 7.2+), and streams it: whenever a whole packet of the negotiated size is
 * ready it goes to the {@link ResponseSink}, so memory stays at about one packet plus one row no
 * matter how large the result is.
 *
 * <p>Ownership: the scratch buffer belongs to the underlying {@link PacketStreamWriter}; exactly one
 * of {@link #finish()} or {@link #discard()} must be called. Packets belong to the sink. Used by
 * one thread at a time.
 */
public final class ResponseWriter {
    /** Emit to the sink once this much is buffered beyond a packet: batches writes without growing much. */
    private static final int FLUSH_THRESHOLD = 32 * 1024;

    private final ProtocolLevel level;
    private final TokenFormat format;
    private final PacketStreamWriter packets;
    private final ResponseSink sink;
    private final int packetSize;
    private boolean finished;

    /**
     * @param level      the session's TDS version, which picks the token layouts
     * @param alloc      allocates the scratch buffer and the packets
     * @param spid       stamped into every packet header
     * @param packetSize the negotiated packet size (4096 during login)
     * @param sink       receives the packets
     */
    public ResponseWriter(ProtocolLevel level, ByteBufAllocator alloc, int spid, int packetSize, ResponseSink sink) {
        this.level = level;
        this.format = level.atLeast72() ? TokenFormat.TDS_7_2 : TokenFormat.TDS_7_1;
        this.sink = sink;
        this.packetSize = packetSize;
        this.packets = new PacketStreamWriter(alloc, PacketType.TABULAR_RESULT, spid, packetSize, sink::packet);
    }

    /** The session's TDS version. */
    public ProtocolLevel level() {
        return level;
    }

    /** COLMETADATA (MS-TDS 2.2.7.4). */
    public void columnMetadata(List<Column> columns) {
        ColumnMetadata.encode(buf(), columns, format);
        maybeFlush();
    }

    /** ROW (MS-TDS 2.2.7.19); the same layout in every version. */
    public void row(List<Column> columns, Object[] values) {
        RowToken.encode(buf(), columns, values);
        maybeFlush();
    }

    /** DONE / DONEPROC / DONEINPROC (MS-TDS 2.2.7.6-8). */
    public void done(TokenType kind, int status, int currentCommand, long rowCount) {
        new Done(kind, status, currentCommand, rowCount).encode(buf(), format);
        maybeFlush();
    }

    /** ERROR (MS-TDS 2.2.7.10). */
    public void error(ServerMessage message) {
        message.encodeError(buf(), format);
        maybeFlush();
    }

    /** INFO (MS-TDS 2.2.7.13). */
    public void info(ServerMessage message) {
        message.encodeInfo(buf(), format);
        maybeFlush();
    }

    /** ENVCHANGE (MS-TDS 2.2.7.9). */
    public void envChange(EnvChange change) {
        change.encode(buf());
        maybeFlush();
    }

    /** LOGINACK (MS-TDS 2.2.7.14). */
    public void loginAck(LoginAck ack) {
        ack.encode(buf());
        maybeFlush();
    }

    /** RETURNSTATUS (MS-TDS 2.2.7.18). */
    public void returnStatus(int value) {
        new ReturnStatus(value).encode(buf());
        maybeFlush();
    }

    /** RETURNVALUE (MS-TDS 2.2.7.19). */
    public void returnValue(ReturnValue value) {
        value.encode(buf(), format);
        maybeFlush();
    }

    /** Ends the message (EOM on the last packet) and flushes it to the sink. */
    public void finish() {
        if (!finished) {
            finished = true;
            packets.finish(0);
            sink.flush();
        }
    }

    /** Drops whatever is buffered and not yet handed to the sink. */
    public void discard() {
        if (!finished) {
            finished = true;
            packets.discard();
        }
    }

    private ByteBuf buf() {
        return packets.payload();
    }

    private void maybeFlush() {
        if (packets.payload().readableBytes() >= packetSize + FLUSH_THRESHOLD) {
            packets.emitFullPackets();
            sink.flush();
        }
    }
}
