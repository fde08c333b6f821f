package io.tdsproxy.tds.packet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Splitting an in-memory message into packets. */
class TdsMessageWriterTest {

    @ParameterizedTest(name = "{0} payload bytes at packet size {1}")
    @CsvSource({"0, 512, 1", "1, 512, 1", "504, 512, 1", "505, 512, 2", "1008, 512, 2", "1009, 512, 3",
        "10000, 4096, 3", "70000, 32767, 3"})
    void splitsIntoFullPacketsWithEomOnTheLast(int size, int packetSize, int expectedPackets) {
        ByteBuf payload = Unpooled.buffer(size);
        for (int i = 0; i < size; i++) {
            payload.writeByte(i * 7);
        }
        ByteBuf out = Unpooled.buffer();
        try {
            TdsMessageWriter.writeMessage(out, PacketType.TABULAR_RESULT, 0x5A, packetSize, payload);
            assertThat(payload.readerIndex()).isZero();
            List<PacketHeader> headers = new ArrayList<>();
            ByteBuf joined = Unpooled.buffer();
            try {
                while (out.isReadable()) {
                    PacketHeader header = PacketHeader.decode(out);
                    headers.add(header);
                    joined.writeBytes(out, header.payloadLength());
                }
                assertThat(joined).isEqualTo(payload);
            } finally {
                joined.release();
            }
            assertThat(headers).hasSize(expectedPackets);
            for (int i = 0; i < headers.size(); i++) {
                PacketHeader header = headers.get(i);
                boolean last = i == headers.size() - 1;
                assertThat(header.type()).isEqualTo(PacketType.TABULAR_RESULT);
                assertThat(header.spid()).isEqualTo(0x5A);
                assertThat(header.packetId()).isEqualTo((i + 1) & 0xFF);
                assertThat(header.status()).isEqualTo(last ? PacketStatus.EOM : PacketStatus.NORMAL);
                if (!last) {
                    assertThat(header.length()).isEqualTo(packetSize);
                }
                assertThat(header.length()).isLessThanOrEqualTo(packetSize);
            }
        } finally {
            payload.release();
            out.release();
        }
    }

    @Test
    void packetIdsWrapModulo256() {
        ByteBuf payload = Unpooled.buffer().writeZero(300);
        ByteBuf out = Unpooled.buffer();
        try {
            TdsMessageWriter.writeMessage(out, PacketType.TABULAR_RESULT, 0, 9, payload);
            int last = -1;
            while (out.isReadable()) {
                PacketHeader header = PacketHeader.decode(out);
                out.skipBytes(header.payloadLength());
                last = header.packetId();
            }
            assertThat(last).isEqualTo(300 & 0xFF);
        } finally {
            payload.release();
            out.release();
        }
    }

    @Test
    void rejectsPacketSizesThatCannotCarryData() {
        ByteBuf payload = Unpooled.buffer();
        ByteBuf out = Unpooled.buffer();
        try {
            assertThatThrownBy(() -> TdsMessageWriter.writeMessage(out, PacketType.PRELOGIN, 0, 8, payload))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> TdsMessageWriter.writeMessage(out, PacketType.PRELOGIN, 0, 65536, payload))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(out.isReadable()).isFalse();
        } finally {
            payload.release();
            out.release();
        }
    }
}
