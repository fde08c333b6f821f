package io.tdsproxy.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.tdsproxy.netty.TdsBytes.Packet;
import io.tdsproxy.tds.ProtocolException;
import io.tdsproxy.testsupport.Vectors;
import io.tdsproxy.tls.ClientTlsContexts;
import io.tdsproxy.tls.TlsProtocols;
import io.tdsproxy.tls.TlsProvider;
import io.tdsproxy.tls.TrustSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The framer on its own: an SslHandler that is never added to the pipeline stands in, so its handshake
 * never completes and the framer stays in its handshake states; a capturing handler sits above.
 */
class Tds7TlsFramerTest {
    private SslHandler idleSsl;
    private EmbeddedChannel channel;

    @BeforeEach
    void setUp() {
        // JDK provider: its engine is not reference counted, so an SslHandler never added leaks nothing.
        SslContext context = ClientTlsContexts.tds7(TrustSettings.trustAll(), TlsProtocols.parse("1.2"), TlsProvider.JDK);
        idleSsl = context.newHandler(io.netty.buffer.UnpooledByteBufAllocator.DEFAULT);
        channel = new EmbeddedChannel();
        channel.pipeline().addLast(HandlerNames.TLS_FRAMER, Tds7TlsFramer.forServer(idleSsl));
    }

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
    }

    private byte[] inboundBytes() {
        List<byte[]> parts = new ArrayList<>();
        for (Object o = channel.readInbound(); o != null; o = channel.readInbound()) {
            ByteBuf b = (ByteBuf) o;
            parts.add(ByteBufUtil.getBytes(b));
            b.release();
        }
        return TlsShuttle.concat(parts);
    }

    private List<Packet> outboundPackets() {
        List<byte[]> parts = new ArrayList<>();
        for (Object o = channel.readOutbound(); o != null; o = channel.readOutbound()) {
            ByteBuf b = (ByteBuf) o;
            parts.add(ByteBufUtil.getBytes(b));
            b.release();
        }
        return TdsBytes.packets(TlsShuttle.concat(parts));
    }

    @Test
    void stripsPreloginHeaderOfRealClientHello() {
        byte[] packet = Vectors.bytes("freetds_doc_tls_clienthello_in_prelogin_pkt");
        channel.writeInbound(Unpooled.wrappedBuffer(packet));
        assertThat(inboundBytes()).isEqualTo(Arrays.copyOfRange(packet, 8, packet.length));
    }

    @Test
    void acceptsType04PacketWithTwoRecords() {
        byte[] packet = Vectors.bytes("freetds_doc_server_ccs_finished_in_0x04_pkt");
        channel.writeInbound(Unpooled.wrappedBuffer(packet));
        byte[] tls = inboundBytes();
        assertThat(tls).isEqualTo(Arrays.copyOfRange(packet, 8, packet.length));
        assertThat(tls[0]).isEqualTo((byte) 0x14);
        assertThat(tls[6]).isEqualTo((byte) 0x16);
    }

    @Test
    void packetsSplitAtEveryByteGiveTheSamePayload() {
        byte[] a = Vectors.bytes("freetds_doc_client_kex_ccs_finished_in_prelogin_pkt");
        byte[] b = Vectors.bytes("freetds_doc_tls_clienthello_in_prelogin_pkt");
        byte[] stream = TlsShuttle.concat(List.of(a, b));
        for (int split = 1; split < stream.length; split++) {
            channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(stream, 0, split)));
            channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(stream, split, stream.length)));
            assertThat(inboundBytes()).as("split at " + split)
                    .isEqualTo(TlsShuttle.concat(List.of(TdsBytes.stripHeaders(a), TdsBytes.stripHeaders(b))));
        }
    }

    @Test
    void recordSpanningTinyPacketsIsReassembledByteExact() {
        byte[] records = TdsBytes.stripHeaders(Vectors.bytes("freetds_doc_client_kex_ccs_finished_in_prelogin_pkt"));
        channel.writeInbound(Unpooled.wrappedBuffer(TdsBytes.prelogins(records, 5)));
        assertThat(inboundBytes()).isEqualTo(records);
    }

    @Test
    void otherPacketTypeDuringHandshakeIsAProtocolErrorAndReleasesTheInput() {
        ByteBuf login = Unpooled.directBuffer().writeBytes(TdsBytes.login7Packet(0x01, 20));
        assertThatThrownBy(() -> channel.writeInbound(login))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("0x10");
        assertThat(login.refCnt()).isZero();
    }

    @Test
    void unfinishedPacketIsReleasedWhenTheChannelCloses() {
        ByteBuf part = Unpooled.directBuffer().writeBytes(Vectors.bytes("freetds_doc_tls_clienthello_in_prelogin_pkt"), 0, 30);
        channel.writeInbound(part);
        assertThat(part.refCnt()).isOne();
        channel.close();
        assertThat(part.refCnt()).isZero();
    }

    @Test
    void rawTlsRecordBeforeOurHandshakeSucceededIsAProtocolError() {
        byte[] raw = Vectors.bytes("freetds_doc_login7_as_raw_tls_record");
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(raw)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("0x17");
    }

    @Test
    void handshakeWritesBecomeOnePreloginMessagePerFlush() {
        byte[] flight = new byte[10_000];
        for (int i = 0; i < flight.length; i++) {
            flight[i] = (byte) i;
        }
        // Three writes, one flush: one message of ceil(10000 / 4088) packets.
        channel.write(Unpooled.wrappedBuffer(flight, 0, 3000));
        channel.write(Unpooled.wrappedBuffer(flight, 3000, 5000));
        channel.write(Unpooled.wrappedBuffer(flight, 8000, 2000));
        channel.flush();
        List<Packet> packets = outboundPackets();
        assertThat(packets).hasSize(3);
        assertThat(packets).extracting(Packet::length).containsExactly(4096, 4096, 10_000 - 2 * 4088 + 8);
        assertThat(packets).extracting(Packet::eom).containsExactly(false, false, true);
        assertThat(packets).extracting(Packet::type).containsOnly(0x12);
        assertThat(TlsShuttle.concat(packets.stream().map(Packet::payload).toList())).isEqualTo(flight);

        channel.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));
        List<Packet> second = outboundPackets();
        assertThat(second).hasSize(1);
        assertThat(second.get(0).eom()).isTrue();
        assertThat(second.get(0).payload()).containsExactly(1, 2, 3);
    }

    @Test
    void emptyFlushSendsNoMessage() {
        channel.write(Unpooled.EMPTY_BUFFER);
        channel.flush();
        assertThat((Object) channel.readOutbound()).isNull();
    }

    @Test
    void smallerPacketSizeIsHonoured() {
        EmbeddedChannel small = new EmbeddedChannel(Tds7TlsFramer.of(Tds7TlsFramer.Side.CLIENT, idleSsl, 512));
        try {
            small.writeAndFlush(Unpooled.wrappedBuffer(new byte[1200]));
            List<byte[]> parts = new ArrayList<>();
            for (Object o = small.readOutbound(); o != null; o = small.readOutbound()) {
                parts.add(ByteBufUtil.getBytes((ByteBuf) o));
                ((ByteBuf) o).release();
            }
            assertThat(TdsBytes.packets(TlsShuttle.concat(parts))).extracting(Packet::length)
                    .containsExactly(512, 512, 1200 - 2 * 504 + 8);
        } finally {
            small.finishAndReleaseAll();
        }
    }

    @Test
    void removalForwardsAnUnfinishedPacketUnchanged() {
        byte[] packet = Vectors.bytes("freetds_doc_tls_clienthello_in_prelogin_pkt");
        channel.writeInbound(Unpooled.wrappedBuffer(packet, 0, 20));
        assertThat(inboundBytes()).isEmpty();
        channel.pipeline().remove(HandlerNames.TLS_FRAMER);
        assertThat(inboundBytes()).isEqualTo(Arrays.copyOfRange(packet, 0, 20));
    }

    @Test
    void removalWritesCollectedHandshakeBytes() {
        channel.write(Unpooled.wrappedBuffer(new byte[] {9, 8, 7}));
        channel.pipeline().remove(HandlerNames.TLS_FRAMER);
        channel.flush();
        List<Packet> packets = outboundPackets();
        assertThat(packets).hasSize(1);
        assertThat(packets.get(0).payload()).containsExactly(9, 8, 7);
    }
}
