package io.tdsproxy.testkit.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tdsproxy.tds.ProtocolException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AllHeadersTest {

    @Test
    void skipsTheDeclaredLengthFrom72On() {
        ByteBuf b = Unpooled.buffer().writeIntLE(22).writeIntLE(18).writeShortLE(2).writeLongLE(0).writeIntLE(1).writeByte(0x53);
        try {
            AllHeaders.skip(b, ProtocolLevel.V7_4);
            assertThat(b.readableBytes()).isEqualTo(1);
            assertThat(b.readByte()).isEqualTo((byte) 0x53);
        } finally {
            b.release();
        }
    }

    @Test
    void tds71HasNone() {
        ByteBuf b = Unpooled.buffer().writeIntLE(22);
        try {
            AllHeaders.skip(b, ProtocolLevel.V7_1);
            assertThat(b.readableBytes()).isEqualTo(4);
        } finally {
            b.release();
        }
    }

    @Test
    void lengthOutsideTheMessageIsRefused() {
        for (int total : new int[] {0, 3, 100}) {
            ByteBuf b = Unpooled.buffer().writeIntLE(total).writeIntLE(0);
            try {
                assertThatThrownBy(() -> AllHeaders.skip(b, ProtocolLevel.V7_4)).isInstanceOf(ProtocolException.class);
            } finally {
                b.release();
            }
        }
        ByteBuf tiny = Unpooled.buffer().writeByte(1);
        try {
            assertThatThrownBy(() -> AllHeaders.skip(tiny, ProtocolLevel.V7_2)).isInstanceOf(ProtocolException.class);
        } finally {
            tiny.release();
        }
    }
}
