package io.tdsproxy.testkit.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tdsproxy.tds.packet.PacketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Malformed client input closes that connection, without an exception escaping the pipeline. */
class MalformedInputTest {

    @Test
    void truncatedPreloginCloses() throws Exception {
        try (ConnectionHarness h = new ConnectionHarness()) {
            h.send(PacketType.PRELOGIN, Unpooled.wrappedBuffer(new byte[] {0x00, 0x00, 0x40, 0x00}));
            assertThat(h.channel.isOpen()).isFalse();
            assertThat(h.next()).isNull();
        }
    }

    @Test
    void preloginWithoutVersionFirstCloses() throws Exception {
        try (ConnectionHarness h = new ConnectionHarness()) {
            h.prelogin(io.tdsproxy.tds.prelogin.PreloginMessage.of(io.tdsproxy.tds.prelogin.PreloginOption.of(
                    io.tdsproxy.tds.prelogin.PreloginOptionToken.ENCRYPTION, new byte[] {0})));
            assertThat(h.channel.isOpen()).isFalse();
            assertThat(h.next()).isNull();
        }
    }

    @Test
    void truncatedLogin7Closes() throws Exception {
        try (ConnectionHarness h = new ConnectionHarness()) {
            h.send(PacketType.LOGIN7, Unpooled.wrappedBuffer(new byte[] {0x10, 0x00, 0x00, 0x00, 0x04, 0x00}));
            assertThat(h.channel.isOpen()).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0x02, 0x07, 0x11, 0x55})
    void unsupportedPacketTypeCloses(int type) throws Exception {
        try (ConnectionHarness h = new ConnectionHarness()) {
            h.sendRaw(new byte[] {(byte) type, 0x01, 0x00, 0x0A, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00});
            assertThat(h.channel.isOpen()).isFalse();
        }
    }

    @Test
    void packetLengthBelowHeaderSizeCloses() throws Exception {
        try (ConnectionHarness h = new ConnectionHarness()) {
            h.sendRaw(new byte[] {0x12, 0x01, 0x00, 0x05, 0x00, 0x00, 0x01, 0x00});
            assertThat(h.channel.isOpen()).isFalse();
        }
    }

    @Test
    void requestBeforeLoginCloses() throws Exception {
        try (ConnectionHarness h = new ConnectionHarness()) {
            h.batch("SELECT 1", true);
            assertThat(h.channel.isOpen()).isFalse();
        }
    }

    @Test
    void allHeadersLongerThanTheMessageCloses() throws Exception {
        try (ConnectionHarness h = new ConnectionHarness()) {
            h.loggedIn();
            ByteBuf b = Unpooled.buffer();
            b.writeIntLE(1000);
            b.writeCharSequence("SELECT 1", StandardCharsets.UTF_16LE);
            h.send(PacketType.SQL_BATCH, b);
            assertThat(h.channel.isOpen()).isFalse();
        }
    }

    @Test
    void rpcWithTruncatedParameterCloses() throws Exception {
        try (ConnectionHarness h = new ConnectionHarness()) {
            h.loggedIn();
            ByteBuf b = Unpooled.buffer();
            b.writeIntLE(22).writeIntLE(18).writeShortLE(2).writeLongLE(0).writeIntLE(1);
            b.writeShortLE(0xFFFF).writeShortLE(10).writeShortLE(0); // sp_executesql, no options
            b.writeByte(0).writeByte(0).writeByte(0xE7).writeShortLE(8000); // NVARCHAR(4000) without collation/value
            h.send(PacketType.RPC, b);
            assertThat(h.channel.isOpen()).isFalse();
        }
    }

    @Test
    void oddLengthBatchTextCloses() throws Exception {
        try (ConnectionHarness h = new ConnectionHarness()) {
            h.loggedIn();
            ByteBuf b = Unpooled.buffer();
            b.writeIntLE(22).writeIntLE(18).writeShortLE(2).writeLongLE(0).writeIntLE(1);
            b.writeBytes(new byte[] {0x53, 0x00, 0x45});
            h.send(PacketType.SQL_BATCH, b);
            assertThat(h.channel.isOpen()).isFalse();
        }
    }
}
