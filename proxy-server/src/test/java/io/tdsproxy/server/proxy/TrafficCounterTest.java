package io.tdsproxy.server.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tdsproxy.tds.packet.PacketType;
import io.tdsproxy.tds.packet.TdsMessageWriter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TrafficCounterTest {
    /** Three messages: 5000 bytes in 512-byte packets (10), 3 bytes (1), an empty one (1): 12 packets. */
    private static byte[] stream() {
        ByteBuf out = Unpooled.buffer();
        TdsMessageWriter.writeMessage(out, PacketType.SQL_BATCH, 0, 512, Unpooled.wrappedBuffer(new byte[5000]));
        TdsMessageWriter.writeMessage(out, PacketType.SQL_BATCH, 0, 512, Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));
        TdsMessageWriter.writeMessage(out, PacketType.ATTENTION, 0, 512, Unpooled.EMPTY_BUFFER);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        out.release();
        return bytes;
    }

    @Test
    void countsPacketsAndBytesWhateverTheBufferBoundaries() {
        byte[] stream = stream();
        for (int split = 0; split <= stream.length; split++) {
            for (int second = split; second <= Math.min(stream.length, split + 9); second++) {
                TrafficCounter counter = new TrafficCounter(RelayDirection.TO_BACKEND);
                counter.count(Unpooled.wrappedBuffer(stream, 0, split));
                counter.count(Unpooled.wrappedBuffer(stream, split, second - split));
                counter.count(Unpooled.wrappedBuffer(stream, second, stream.length - second));
                assertThat(counter.packets()).as("split at %d and %d", split, second).isEqualTo(12);
                assertThat(counter.bytes()).isEqualTo(stream.length);
                assertThat(counter.lost()).isFalse();
            }
        }
    }

    @Test
    void leavesTheBufferIndexesAlone() {
        ByteBuf buf = Unpooled.wrappedBuffer(stream());
        buf.readerIndex(0);
        new TrafficCounter(RelayDirection.TO_CLIENT).count(buf);
        assertThat(buf.readerIndex()).isZero();
        assertThat(buf.writerIndex()).isEqualTo(stream().length);
    }

    @Test
    void aLengthBelowTheHeaderSizeStopsPacketCountingButNotByteCounting() {
        TrafficCounter counter = new TrafficCounter(RelayDirection.TO_BACKEND);
        counter.count(Unpooled.wrappedBuffer(new byte[] {0x01, 0x01, 0x00, 0x04, 0, 0, 0, 0}));
        counter.count(Unpooled.wrappedBuffer(stream()));
        assertThat(counter.lost()).isTrue();
        assertThat(counter.packets()).isZero();
        assertThat(counter.bytes()).isEqualTo(8 + stream().length);
    }

    @Test
    void reportsOnlyWhatIsNewSinceTheLastReport() {
        List<long[]> reports = new ArrayList<>();
        ConnectionListener listener = new ConnectionListener() {
            @Override
            public void trafficRelayed(RelayDirection direction, long bytes, long packets) {
                assertThat(direction).isEqualTo(RelayDirection.TO_CLIENT);
                reports.add(new long[] {bytes, packets});
            }
        };
        byte[] stream = stream();
        TrafficCounter counter = new TrafficCounter(RelayDirection.TO_CLIENT);
        counter.count(Unpooled.wrappedBuffer(stream, 0, 600));
        counter.report(1, listener);
        counter.report(1, listener);
        counter.count(Unpooled.wrappedBuffer(stream, 600, stream.length - 600));
        counter.report(1, listener);
        assertThat(reports).hasSize(2);
        assertThat(reports.get(0)).containsExactly(600, 2);
        assertThat(reports.get(1)).containsExactly(stream.length - 600, 10);
    }
}
