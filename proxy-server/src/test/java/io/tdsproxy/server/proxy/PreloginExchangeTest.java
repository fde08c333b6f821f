package io.tdsproxy.server.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.tdsproxy.tds.packet.PacketHeader;
import io.tdsproxy.tds.packet.PacketType;
import io.tdsproxy.tds.prelogin.EncryptionValue;
import io.tdsproxy.tds.prelogin.PreloginMessage;
import io.tdsproxy.tds.prelogin.PreloginOption;
import io.tdsproxy.tds.prelogin.PreloginOptionToken;
import io.tdsproxy.tds.prelogin.PreloginVersion;
import io.tdsproxy.testsupport.Vectors;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PreloginExchangeTest {
    private static final ByteBufAllocator ALLOC = UnpooledByteBufAllocator.DEFAULT;

    private static PreloginMessage body(String vector) {
        ByteBuf packet = Vectors.buffer(vector);
        try {
            packet.skipBytes(PacketHeader.SIZE);
            return PreloginMessage.decode(packet);
        } finally {
            packet.release();
        }
    }

    @Test
    void backendRequestKeepsEveryClientOptionButEncryption() {
        PreloginMessage client = body("mstds_4.1_prelogin_request")
                .with(0x42, new byte[] {1, 2, 3}); // an option no specification names
        PreloginMessage request = PreloginExchange.backendRequest(client);

        assertThat(request.encryption()).contains(EncryptionValue.NOT_SUP);
        assertThat(request.without(PreloginOptionToken.ENCRYPTION))
                .isEqualTo(client.without(PreloginOptionToken.ENCRYPTION));
        assertThat(request.find(0x42).orElseThrow().data()).containsExactly(1, 2, 3);
        assertThat(request.options().get(0).tokenType()).isEqualTo(PreloginOptionToken.VERSION);
    }

    @Test
    void clientReplyIsTheBackendReplyWithTheClientLegDecision() {
        PreloginMessage backend = body("pytds_prelogin_response_fedauthrequired");
        for (EncryptionValue decision : new EncryptionValue[] {EncryptionValue.OFF, EncryptionValue.ON, EncryptionValue.REQ}) {
            PreloginMessage reply = PreloginExchange.clientReply(backend, decision);
            assertThat(reply.encryption()).contains(decision);
            assertThat(reply.without(PreloginOptionToken.ENCRYPTION)).isEqualTo(backend.without(PreloginOptionToken.ENCRYPTION));
            assertThat(reply.version()).isEqualTo(backend.version());
        }
    }

    @Test
    void standaloneReplyHasTheShapeOfARealServerReply() {
        PreloginMessage reply = PreloginExchange.standaloneReply(EncryptionValue.OFF);
        PreloginMessage real = body("pytds_real_prelogin_response_sql2008");

        assertThat(reply.options()).extracting(PreloginOption::token)
                .containsExactlyElementsOf(real.options().stream().map(PreloginOption::token).toList());
        assertThat(reply.version()).contains(new PreloginVersion(16, 0, 1000, 0));
        assertThat(reply.encryption()).contains(EncryptionValue.OFF);
    }

    @Test
    void toPacketsReproducesTheCapturedReplyPacket() {
        PreloginMessage real = body("pytds_real_prelogin_response_sql2008");
        ByteBuf packet = PreloginExchange.toPackets(ALLOC, real, PacketType.TABULAR_RESULT, 0);
        try {
            byte[] expected = Vectors.bytes("pytds_real_prelogin_response_sql2008");
            byte[] actual = new byte[packet.readableBytes()];
            packet.getBytes(0, actual);
            assertThat(actual).containsExactly(expected);
        } finally {
            packet.release();
        }
    }
}
