package io.tdsproxy.testkit.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tdsproxy.tds.packet.PacketHeader;
import io.tdsproxy.tds.packet.PacketStatus;
import io.tdsproxy.tds.packet.PacketType;
import io.tdsproxy.tds.token.ColumnMetadata;
import io.tdsproxy.tds.token.Done;
import io.tdsproxy.tds.token.DoneStatus;
import io.tdsproxy.tds.token.TokenFormat;
import io.tdsproxy.tds.token.TokenType;
import io.tdsproxy.tds.types.Column;
import io.tdsproxy.tds.types.TypeInfo;
import io.tdsproxy.testkit.wire.ResponseSink;

import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A benchmark data source: the batch {@code EXEC tdsproxy_bulk @bytes = N} answers with one result set
 * of a single {@code VARBINARY(8000)} column whose rows carry at least {@code N} bytes of TDS payload,
 * streamed from pre-encoded packets so that the embedded server is never what limits a throughput
 * measurement (H2 is not involved).
 *
 * <pre>
 * packet 1:        COLMETADATA, rows filling the packet exactly
 * packets 2..k:    a pre-encoded chunk of identical full packets, each filled exactly with rows,
 *                  written again and again as retained slices (no copy, no encoding per packet)
 * last packet:     DONE(COUNT) with EOM
 * </pre>
 * Every packet but the last has the negotiated packet size and ends at a row boundary, as SQL Server's
 * would. A row holds at most 8000 bytes, so a packet larger than 8011 bytes carries several rows.
 * The packets carry SPID 0 (receivers ignore it, protocol.md 1.1), so one chunk serves any session.
 *
 * <p>An attention stops the stream at the next chunk; the message then ends as {@link RequestRunner}
 * ends an interrupted response (DONE_ERROR, or DONE_ATTN itself for TDS 7.1), and when {@link #stream}
 * says so the caller sends the acknowledgement as a message of its own.
 *
 * <p>Ownership: the chunk is allocated per request and released when the stream ends; the sink owns
 * each slice written.
 */
final class BulkResult {
    /** Largest VARBINARY(n) data per row. */
    static final int MAX_ROW_DATA = 8000;
    private static final Pattern REQUEST = Pattern.compile(
            "\\s*EXEC(?:UTE)?\\s+tdsproxy_bulk\\s+@bytes\\s*=\\s*(\\d{1,15})\\s*;?\\s*", Pattern.CASE_INSENSITIVE);
    private static final int ROW_OVERHEAD = 3; // ROW token byte + USHORT length
    private static final int CHUNK_BYTES = 128 * 1024;

    private final ByteBufAllocator alloc;
    private final TokenFormat format;
    private final int packetSize;
    private final ResponseSink sink;
    private final RequestControl control;
    private long rows;

    BulkResult(ByteBufAllocator alloc, TokenFormat format, int packetSize, ResponseSink sink, RequestControl control) {
        this.alloc = alloc;
        this.format = format;
        this.packetSize = packetSize;
        this.sink = sink;
        this.control = control;
    }

    /** The {@code N} of {@code EXEC tdsproxy_bulk @bytes = N}, or empty when {@code sql} is anything else. */
    static OptionalLong requestedBytes(String sql) {
        Matcher m = REQUEST.matcher(sql);
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    /**
     * Streams the result (worker thread; blocks while the channel is not writable).
     *
     * @return true when an attention cut the stream and its acknowledgement must follow
     */
    boolean stream(long bytes) {
        int payloadPerPacket = packetSize - PacketHeader.SIZE;
        long fullPackets = Math.max(1, (bytes + payloadPerPacket - 1) / payloadPerPacket);
        sink.packet(firstPacket());
        int packetsPerChunk = Math.max(1, CHUNK_BYTES / packetSize);
        ByteBuf chunk = alloc.directBuffer(packetsPerChunk * packetSize);
        try {
            long rowsPerPacket = 0;
            for (int i = 0; i < packetsPerChunk; i++) {
                chunk.writeByte(PacketType.TABULAR_RESULT.code()).writeByte(PacketStatus.NORMAL)
                        .writeShort(packetSize).writeShort(0).writeByte(1).writeByte(0);
                rowsPerPacket = writeRows(chunk, payloadPerPacket);
            }
            long left = fullPackets - 1;
            while (left > 0) {
                if (control.attentionRequested()) {
                    break;
                }
                int n = (int) Math.min(left, packetsPerChunk);
                sink.packet(chunk.retainedSlice(0, n * packetSize));
                sink.flush();
                rows += n * rowsPerPacket;
                left -= n;
            }
        } finally {
            chunk.release();
        }
        RequestControl.Ending ending = control.requestFinished();
        boolean tds72 = format == TokenFormat.TDS_7_2;
        Done last;
        switch (ending) {
            case ACKNOWLEDGE:
                // As RequestRunner: TDS 7.2+ ends with DONE(DONE_ERROR) and the acknowledgement follows as
                // a message of its own; TDS 7.1 ends the response with the DONE(DONE_ATTN) itself.
                last = new Done(TokenType.DONE, tds72 ? DoneStatus.ERROR : DoneStatus.ATTN, 0, 0);
                break;
            case INTERRUPTED:
                last = new Done(TokenType.DONE, tds72 ? DoneStatus.ERROR : DoneStatus.FINAL, 0, 0);
                break;
            default:
                last = new Done(TokenType.DONE, DoneStatus.COUNT, Done.CMD_SELECT, rows);
        }
        sink.packet(lastPacket(last));
        sink.flush();
        return ending == RequestControl.Ending.ACKNOWLEDGE && tds72;
    }

    private ByteBuf firstPacket() {
        ByteBuf packet = alloc.buffer(packetSize);
        try {
            packet.writeZero(PacketHeader.SIZE);
            ColumnMetadata.encode(packet, List.of(Column.nullable("bulk", TypeInfo.varbinary(MAX_ROW_DATA))), format);
            rows += writeRows(packet, packetSize - packet.writerIndex());
            header(packet, PacketStatus.NORMAL);
            return packet;
        } catch (RuntimeException e) {
            packet.release();
            throw e;
        }
    }

    private ByteBuf lastPacket(Done done) {
        ByteBuf packet = alloc.buffer(PacketHeader.SIZE + Done.SIZE);
        packet.writeZero(PacketHeader.SIZE);
        done.encode(packet, format);
        header(packet, PacketStatus.EOM);
        return packet;
    }

    private static void header(ByteBuf packet, int status) {
        new PacketHeader(PacketType.TABULAR_RESULT.code(), status, packet.writerIndex(), 0, 1, 0)
                .encode(packet.duplicate().writerIndex(0));
    }

    /** Fills exactly {@code room} bytes with ROW tokens of near-equal size; returns how many. */
    static int writeRows(ByteBuf out, int room) {
        int count = (room + MAX_ROW_DATA + ROW_OVERHEAD - 1) / (MAX_ROW_DATA + ROW_OVERHEAD);
        int data = room - count * ROW_OVERHEAD;
        for (int i = 0; i < count; i++) {
            int length = data / count + (i < data % count ? 1 : 0);
            out.writeByte(TokenType.ROW.code()).writeShortLE(length);
            for (int b = 0; b < length; b++) {
                out.writeByte(b);
            }
        }
        return count;
    }
}
