package io.tdsproxy.server.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.tdsproxy.tds.packet.PacketHeader;
import io.tdsproxy.tds.packet.PacketType;
import io.tdsproxy.tds.token.Done;
import io.tdsproxy.tds.token.DoneStatus;
import io.tdsproxy.tds.token.ServerMessage;
import io.tdsproxy.tds.token.TokenType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TdsRepliesTest {

    @Test
    void fatalLoginErrorIsOneReplyMessageWithErrorThenDoneError() {
        String text = "tdsproxy could not use the backend db:1433: cannot connect: Connection refused";
        ByteBuf message = TdsReplies.fatalLoginError(UnpooledByteBufAllocator.DEFAULT, 50_001, text);
        try {
            PacketHeader header = PacketHeader.decode(message);
            assertThat(header.type()).isEqualTo(PacketType.TABULAR_RESULT);
            assertThat(header.isEndOfMessage()).isTrue();
            assertThat(header.length()).isEqualTo(message.readableBytes() + PacketHeader.SIZE);

            ServerMessage error = ServerMessage.decode(message);
            assertThat(error.number()).isEqualTo(50_001);
            assertThat(error.severity()).isEqualTo(20);
            assertThat(error.isFatal()).isTrue();
            assertThat(error.text()).isEqualTo(text);
            assertThat(error.serverName()).isEqualTo("tdsproxy");

            Done done = Done.decode(message);
            assertThat(done.kind()).isEqualTo(TokenType.DONE);
            assertThat(done.status() & DoneStatus.ERROR).isEqualTo(DoneStatus.ERROR);
            assertThat(message.isReadable()).isFalse();
        } finally {
            message.release();
        }
    }
}
