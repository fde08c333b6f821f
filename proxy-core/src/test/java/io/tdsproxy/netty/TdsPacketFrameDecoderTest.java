package io.tdsproxy.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.tdsproxy.tds.ProtocolException;
import io.tdsproxy.testsupport.Vectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TdsPacketFrameDecoderTest {
    private final EmbeddedChannel channel = new EmbeddedChannel();

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
    }

    private List<byte[]> packets() {
        List<byte[]> out = new ArrayList<>();
        for (Object o = channel.readInbound(); o != null; o = channel.readInbound()) {
            ByteBuf b = (ByteBuf) o;
            out.add(ByteBufUtil.getBytes(b));
            b.release();
        }
        return out;
    }

    private byte[] stream() {
        return TlsShuttle.concat(List.of(Vectors.bytes("freetds_doc_prelogin_request_tds71"),
                Vectors.bytes("freetds_doc_tls_clienthello_in_prelogin_pkt"),
                TdsBytes.packet(0x01, 0x01, 1, new byte[0]),
                Vectors.bytes("mstds_4.6_sql_batch_request")));
    }

    @Test
    void splitsAStreamAtEveryBoundaryIntoWholePackets() {
        byte[] stream = stream();
        List<byte[]> expected = new ArrayList<>();
        channel.pipeline().addLast(HandlerNames.FRAME_DECODER, new TdsPacketFrameDecoder());
        channel.writeInbound(Unpooled.wrappedBuffer(stream));
        expected.addAll(packets());
        assertThat(expected).hasSize(4);
        assertThat(expected.get(2)).hasSize(8);
        assertThat(TlsShuttle.concat(expected)).isEqualTo(stream);
        for (int split = 1; split < stream.length; split++) {
            channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(stream, 0, split)));
            channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(stream, split, stream.length)));
            assertThat(packets()).as("split at " + split).containsExactlyElementsOf(expected);
        }
        for (byte b : stream) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertThat(packets()).containsExactlyElementsOf(expected);
    }

    @Test
    void lengthAboveTheLimitOrBelowTheHeaderIsAProtocolError() {
        channel.pipeline().addLast(new TdsPacketFrameDecoder(512));
        byte[] big = TdsBytes.packet(0x01, 0x01, 1, new byte[600]);
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(big, 0, 8)))
                .isInstanceOf(DecoderException.class).hasCauseInstanceOf(ProtocolException.class)
                .hasMessageContaining("exceeds the limit 512");
        EmbeddedChannel other = new EmbeddedChannel(new TdsPacketFrameDecoder());
        try {
            assertThatThrownBy(() -> other.writeInbound(Unpooled.wrappedBuffer(new byte[] {1, 1, 0, 7, 0, 0, 1, 0})))
                    .isInstanceOf(DecoderException.class).hasMessageContaining("shorter than its header");
        } finally {
            other.finishAndReleaseAll();
        }
    }

    @Test
    void limitCanBeRaisedAfterLogin() {
        TdsPacketFrameDecoder decoder = new TdsPacketFrameDecoder(4096);
        channel.pipeline().addLast(decoder);
        decoder.setMaxPacketLength(32767);
        byte[] big = TdsBytes.packet(0x04, 0x01, 1, new byte[32767 - 8]);
        channel.writeInbound(Unpooled.wrappedBuffer(big));
        assertThat(packets()).containsExactly(big);
        assertThatThrownBy(() -> decoder.setMaxPacketLength(7)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void removalForwardsThePartialPacket() {
        channel.pipeline().addLast(HandlerNames.FRAME_DECODER, new TdsPacketFrameDecoder());
        byte[] stream = stream();
        channel.writeInbound(Unpooled.wrappedBuffer(stream, 0, 60));
        List<byte[]> whole = packets();
        assertThat(whole).hasSize(1);
        channel.pipeline().remove(HandlerNames.FRAME_DECODER);
        assertThat(TlsShuttle.concat(packets())).isEqualTo(Arrays.copyOfRange(stream, whole.get(0).length, 60));
    }
}
