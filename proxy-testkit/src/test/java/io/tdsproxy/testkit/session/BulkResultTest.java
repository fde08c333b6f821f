package io.tdsproxy.testkit.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.tdsproxy.tds.packet.PacketHeader;
import io.tdsproxy.tds.packet.PacketType;
import io.tdsproxy.tds.token.Done;
import io.tdsproxy.tds.token.DoneStatus;
import io.tdsproxy.tds.token.Token;
import io.tdsproxy.tds.token.TokenFormat;
import io.tdsproxy.tds.token.TokenReader;
import io.tdsproxy.tds.token.TokenType;
import io.tdsproxy.testkit.wire.ResponseSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BulkResultTest {

    /** Keeps what the stream writes, split back into packets; copies, so nothing is left to release. */
    private static final class Packets implements ResponseSink {
        final List<PacketHeader> headers = new ArrayList<>();
        final ByteBuf payload = Unpooled.buffer();

        @Override
        public void packet(ByteBuf packets) {
            try {
                while (packets.isReadable()) {
                    PacketHeader h = PacketHeader.decode(packets);
                    headers.add(h);
                    payload.writeBytes(packets, h.payloadLength());
                }
            } finally {
                packets.release();
            }
        }

        @Override
        public void flush() {
        }
    }

    @Test
    void recognisesOnlyTheBulkStatement() {
        assertThat(BulkResult.requestedBytes("EXEC tdsproxy_bulk @bytes = 1048576").getAsLong()).isEqualTo(1048576);
        assertThat(BulkResult.requestedBytes("  execute TDSPROXY_BULK @bytes=7;\n").getAsLong()).isEqualTo(7);
        assertThat(BulkResult.requestedBytes("SELECT 1")).isEmpty();
        assertThat(BulkResult.requestedBytes("EXEC tdsproxy_bulk @bytes = -1")).isEmpty();
        assertThat(BulkResult.requestedBytes("EXEC tdsproxy_bulk @bytes = 1; DROP TABLE t")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"4096, 200000, TDS_7_2", "8000, 1, TDS_7_2", "32767, 300000, TDS_7_2", "512, 20000, TDS_7_1"})
    void fullPacketsOfWholeRowsThenDoneWithTheRowCount(int packetSize, long bytes, TokenFormat format) {
        Packets sink = new Packets();
        try {
            boolean ack = new BulkResult(ByteBufAllocator.DEFAULT, format, packetSize, sink, control()).stream(bytes);

            assertThat(ack).isFalse();
            List<PacketHeader> headers = sink.headers;
            PacketHeader last = headers.get(headers.size() - 1);
            assertThat(last.isEndOfMessage()).isTrue();
            assertThat(headers.subList(0, headers.size() - 1))
                    .allSatisfy(h -> {
                        assertThat(h.length()).isEqualTo(packetSize);
                        assertThat(h.isEndOfMessage()).isFalse();
                        assertThat(h.type()).isEqualTo(PacketType.TABULAR_RESULT);
                    });
            long rowPayload = (long) (headers.size() - 1) * (packetSize - PacketHeader.SIZE);
            assertThat(rowPayload).isGreaterThanOrEqualTo(bytes).isLessThan(bytes + 2L * packetSize);

            List<Token> tokens = TokenReader.readAll(sink.payload, format);
            assertThat(tokens.get(0).type()).isEqualTo(TokenType.COLMETADATA);
            long rows = tokens.stream().filter(t -> t.type() == TokenType.ROW).count();
            Done done = tokens.get(tokens.size() - 1).as(Done.class);
            assertThat(tokens).hasSize((int) rows + 2);
            assertThat(done.has(DoneStatus.COUNT)).isTrue();
            assertThat(done.rowCount()).isEqualTo(rows);
        } finally {
            sink.payload.release();
        }
    }

    @Test
    void attentionEndsTheStreamWithDoneErrorAndAsksForTheAcknowledgement() {
        Packets sink = new Packets();
        try {
            RequestControl control = control();
            control.attention();
            boolean ack = new BulkResult(ByteBufAllocator.DEFAULT, TokenFormat.TDS_7_2, 4096, sink, control)
                    .stream(100L << 30);

            assertThat(ack).isTrue();
            assertThat(sink.headers).hasSize(2);
            List<Token> tokens = TokenReader.readAll(sink.payload, TokenFormat.TDS_7_2);
            assertThat(tokens.get(tokens.size() - 1).as(Done.class).has(DoneStatus.ERROR)).isTrue();
        } finally {
            sink.payload.release();
        }
    }

    @Test
    void attentionOnTds71EndsTheResponseWithTheAcknowledgementItself() {
        Packets sink = new Packets();
        try {
            RequestControl control = control();
            control.attention();
            boolean ack = new BulkResult(ByteBufAllocator.DEFAULT, TokenFormat.TDS_7_1, 4096, sink, control)
                    .stream(100L << 30);

            assertThat(ack).isFalse();
            List<Token> tokens = TokenReader.readAll(sink.payload, TokenFormat.TDS_7_1);
            assertThat(tokens.get(tokens.size() - 1).as(Done.class).has(DoneStatus.ATTN)).isTrue();
        } finally {
            sink.payload.release();
        }
    }

    private static RequestControl control() {
        RequestControl control = new RequestControl();
        control.requestAccepted();
        return control;
    }
}
