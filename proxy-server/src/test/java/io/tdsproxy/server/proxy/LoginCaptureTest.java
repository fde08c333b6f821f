package io.tdsproxy.server.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.tdsproxy.tds.ProtocolException;
import io.tdsproxy.tds.login.Login7;
import io.tdsproxy.tds.login.Login7Builder;
import io.tdsproxy.tds.packet.PacketHeader;
import io.tdsproxy.tds.packet.PacketType;
import io.tdsproxy.tds.packet.TdsMessageWriter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoginCaptureTest {
    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    /** The LOGIN7 as the packets a client sends, {@code packetSize} bytes at most each, each its own buffer. */
    private static List<ByteBuf> packets(Login7Builder login, int packetSize) {
        ByteBuf payload = login.build(ALLOC);
        ByteBuf wire = ALLOC.buffer();
        TdsMessageWriter.writeMessage(wire, PacketType.LOGIN7, 0, packetSize, payload);
        payload.release();
        List<ByteBuf> packets = new ArrayList<>();
        while (wire.isReadable()) {
            int length = PacketHeader.peek(wire, wire.readerIndex()).length();
            packets.add(wire.readBytes(length));
        }
        wire.release();
        return packets;
    }

    private static Login7Builder login() {
        return new Login7Builder().tdsVersion(Login7.TDS_7_4).userName("auditor").password("Secret!1")
                .appName("reporting").hostName("ws-17").database("sales").clientLibrary("Test Driver")
                .serverName("db.example.com");
    }

    @Test
    void decodesTheAuditFieldsOfAMultiPacketLoginWithoutTakingThePackets() {
        List<ByteBuf> packets = packets(login(), 64);
        assertThat(packets.size()).isGreaterThan(3);
        LoginCapture capture = new LoginCapture(ALLOC);
        for (ByteBuf packet : packets) {
            capture.add(PacketHeader.peek(packet, packet.readerIndex()), packet);
        }
        LoginSummary summary = capture.summarize();
        assertThat(summary).isEqualTo(new LoginSummary("auditor", "reporting", "ws-17", "sales", "Test Driver",
                "db.example.com", Login7.TDS_7_4));
        assertThat(summary.tdsVersionName()).isEqualTo("7.4");
        for (ByteBuf packet : packets) {
            assertThat(packet.refCnt()).as("the caller still owns the packet").isEqualTo(1);
            assertThat(packet.release()).isTrue();
        }
    }

    @Test
    void releaseDropsTheSlicesOfAnUnfinishedLogin() {
        List<ByteBuf> packets = packets(login(), 64);
        LoginCapture capture = new LoginCapture(ALLOC);
        ByteBuf first = packets.get(0);
        capture.add(PacketHeader.peek(first, first.readerIndex()), first);
        capture.release();
        capture.release();
        packets.forEach(p -> assertThat(p.release()).isTrue());
    }

    @Test
    void aMalformedLoginIsAProtocolExceptionAndLeavesNothingHeld() {
        ByteBuf packet = Unpooled.wrappedBuffer(new byte[] {0x10, 0x01, 0x00, 0x0C, 0, 0, 1, 0, 0x50, 0, 0, 0});
        LoginCapture capture = new LoginCapture(ALLOC);
        capture.add(PacketHeader.peek(packet, 0), packet);
        assertThatThrownBy(capture::summarize).isInstanceOf(ProtocolException.class);
        assertThat(packet.release()).isTrue();
    }

    @Test
    void aLoginBeyondTheCapIsNotHeld() {
        List<ByteBuf> packets = packets(login().sspi(new byte[LoginCapture.MAX_BYTES]), 32768);
        LoginCapture capture = new LoginCapture(ALLOC);
        for (ByteBuf packet : packets) {
            capture.add(PacketHeader.peek(packet, packet.readerIndex()), packet);
        }
        assertThatThrownBy(capture::summarize).isInstanceOf(ProtocolException.class).hasMessageContaining("longer");
        packets.forEach(p -> assertThat(p.release()).isTrue());
    }
}
