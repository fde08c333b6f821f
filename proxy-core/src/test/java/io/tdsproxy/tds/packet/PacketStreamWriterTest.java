package io.tdsproxy.tds.packet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Streaming packetization in bounded memory. */
class PacketStreamWriterTest {
    private static final int PACKET = 4096;

    /** Checks each packet as it arrives and releases it, like a channel would. */
    private static final class CheckingSink implements java.util.function.Consumer<ByteBuf> {
        final CRC32 crc = new CRC32();
        final List<Integer> statuses = new ArrayList<>();
        long bytes;
        int expectedId = 1;

        @Override
        public void accept(ByteBuf packet) {
            try {
                PacketHeader header = PacketHeader.decode(packet);
                assertThat(header.length()).isEqualTo(packet.readableBytes() + PacketHeader.SIZE);
                assertThat(header.length()).isLessThanOrEqualTo(PACKET);
                assertThat(header.packetId()).isEqualTo(expectedId);
                assertThat(header.spid()).isEqualTo(51);
                assertThat(header.type()).isEqualTo(PacketType.TABULAR_RESULT);
                if (!PacketStatus.isEndOfMessage(header.status())) {
                    assertThat(header.length()).isEqualTo(PACKET);
                }
                expectedId = (expectedId + 1) & 0xFF;
                statuses.add(header.status());
                bytes += packet.readableBytes();
                byte[] data = new byte[packet.readableBytes()];
                packet.readBytes(data);
                crc.update(data);
            } finally {
                packet.release();
            }
        }
    }

    @Test
    void streamsAManyMegabyteMessageHoldingAboutOnePacket() {
        CheckingSink sink = new CheckingSink();
        CRC32 expected = new CRC32();
        PacketStreamWriter writer = new PacketStreamWriter(PooledByteBufAllocator.DEFAULT, PacketType.TABULAR_RESULT,
                51, PACKET, sink);
        byte[] row = new byte[333];
        long written = 0;
        int maxCapacity = 0;
        for (int i = 0; i < 30_000; i++) {
            row[i % row.length] = (byte) i;
            writer.payload().writeBytes(row);
            expected.update(row);
            written += row.length;
            writer.emitFullPackets();
            assertThat(writer.payload().readableBytes()).isLessThanOrEqualTo(PACKET - PacketHeader.SIZE);
            maxCapacity = Math.max(maxCapacity, writer.payload().capacity());
        }
        writer.finish(0);
        assertThat(sink.bytes).isEqualTo(written);
        assertThat(sink.crc.getValue()).isEqualTo(expected.getValue());
        assertThat(maxCapacity).as("scratch capacity").isLessThanOrEqualTo(2 * PACKET);
        assertThat(sink.statuses.subList(0, sink.statuses.size() - 1)).containsOnly(PacketStatus.NORMAL);
        assertThat(sink.statuses.get(sink.statuses.size() - 1)).isEqualTo(PacketStatus.EOM);
        assertThatThrownBy(writer::payload).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anExactMultipleOfThePacketPayloadEndsWithAFullEomPacketNotAnEmptyOne() {
        CheckingSink sink = new CheckingSink();
        PacketStreamWriter writer = new PacketStreamWriter(UnpooledByteBufAllocator.DEFAULT, PacketType.TABULAR_RESULT, 51,
                PACKET, sink);
        writer.payload().writeZero(2 * (PACKET - PacketHeader.SIZE));
        writer.emitFullPackets();
        assertThat(sink.statuses).containsExactly(PacketStatus.NORMAL);
        writer.finish(PacketStatus.IGNORE);
        assertThat(sink.statuses).containsExactly(PacketStatus.NORMAL, PacketStatus.EOM | PacketStatus.IGNORE);
        assertThat(sink.bytes).isEqualTo(2L * (PACKET - PacketHeader.SIZE));
    }

    @Test
    void anEmptyMessageYieldsOneHeaderOnlyPacket() {
        CheckingSink sink = new CheckingSink();
        PacketStreamWriter writer = new PacketStreamWriter(PooledByteBufAllocator.DEFAULT, PacketType.TABULAR_RESULT,
                51, PACKET, sink);
        writer.emitFullPackets();
        writer.finish(0);
        assertThat(sink.statuses).containsExactly(PacketStatus.EOM);
        assertThat(sink.bytes).isZero();
    }

    @Test
    void finishWithoutEmitSplitsEverythingBuffered() {
        CheckingSink sink = new CheckingSink();
        PacketStreamWriter writer = new PacketStreamWriter(PooledByteBufAllocator.DEFAULT, PacketType.TABULAR_RESULT,
                51, PACKET, sink);
        writer.payload().writeZero(3 * PACKET);
        writer.finish(0);
        assertThat(sink.statuses).containsExactly(PacketStatus.NORMAL, PacketStatus.NORMAL, PacketStatus.NORMAL,
                PacketStatus.EOM);
        assertThat(sink.bytes).isEqualTo(3L * PACKET);
    }

    @Test
    void discardReleasesTheScratchBufferAndIsIdempotent() {
        CheckingSink sink = new CheckingSink();
        PacketStreamWriter writer = new PacketStreamWriter(PooledByteBufAllocator.DEFAULT, PacketType.TABULAR_RESULT,
                51, PACKET, sink);
        ByteBuf scratch = writer.payload();
        scratch.writeZero(100);
        writer.discard();
        writer.discard();
        assertThat(scratch.refCnt()).isZero();
        assertThat(sink.statuses).isEmpty();
        assertThatThrownBy(() -> writer.finish(0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aThrowingSinkStillLetsTheCallerReleaseEverything() {
        List<ByteBuf> received = new ArrayList<>();
        PacketStreamWriter writer = new PacketStreamWriter(PooledByteBufAllocator.DEFAULT, PacketType.TABULAR_RESULT,
                51, PACKET, packet -> {
                    received.add(packet);
                    throw new IllegalStateException("channel closed");
                });
        writer.payload().writeZero(PACKET * 2);
        assertThatThrownBy(writer::emitFullPackets).isInstanceOf(IllegalStateException.class);
        writer.discard();
        received.forEach(ByteBuf::release);
        assertThat(received).hasSize(1);
    }
}
