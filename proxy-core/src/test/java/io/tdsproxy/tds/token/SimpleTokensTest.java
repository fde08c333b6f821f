package io.tdsproxy.tds.token;

import io.tdsproxy.tds.ProtocolException;
import io.tdsproxy.tds.types.TestBytes;
import io.tdsproxy.tds.types.TypeInfo;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static io.tdsproxy.tds.types.TestBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DONE*, RETURNSTATUS, RETURNVALUE, ERROR/INFO and LOGINACK: exact bytes, round trips, truncation. */
class SimpleTokensTest {

    @Test
    void doneKindsAndStatusBits() {
        Done done = new Done(TokenType.DONEINPROC, DoneStatus.MORE | DoneStatus.COUNT, Done.CMD_INSERT, 0x1_0000_0001L);
        byte[] wire = TestBytes.encode(done::encode);
        assertThat(hex(wire)).isEqualTo("ff1100c3000100000001000000");
        assertThat(wire).hasSize(Done.SIZE);
        assertThat(TestBytes.decodeObject(wire, Done::decode)).isEqualTo(done);
        assertThat(done.has(DoneStatus.COUNT)).isTrue();
        assertThat(done.has(DoneStatus.MORE | DoneStatus.COUNT)).isTrue();
        assertThat(done.has(DoneStatus.ERROR)).isFalse();
        assertThat(hex(TestBytes.encode(new Done(TokenType.DONEPROC, DoneStatus.ATTN | DoneStatus.SRVERROR, 0, 0)::encode)))
                .isEqualTo("fe2001" + "0000" + "0000000000000000");
        TestBytes.assertEveryTruncationFails(wire, Done::decode);
        assertThatThrownBy(() -> new Done(TokenType.ROW, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TestBytes.decodeAll(hex("aa0000000000000000000000"), Done::decode))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void returnStatus() {
        byte[] wire = TestBytes.encode(new ReturnStatus(-1)::encode);
        assertThat(hex(wire)).isEqualTo("79ffffffff");
        assertThat(TestBytes.decodeObject(wire, ReturnStatus::decode)).isEqualTo(new ReturnStatus(-1));
        TestBytes.assertEveryTruncationFails(wire, ReturnStatus::decode);
    }

    @Test
    void returnValueOfAnIntOutputParameter() {
        ReturnValue rv = new ReturnValue(1, "@x", ReturnValue.OUTPUT_PARAMETER, 0, 0x0001, TypeInfo.intN(4), 42);
        byte[] wire = TestBytes.encode(rv::encode);
        assertThat(hex(wire)).isEqualTo("ac0100" + "0240007800" + "01" + "00000000" + "0100" + "2604" + "042a000000");
        assertThat(TestBytes.decodeObject(wire, ReturnValue::decode)).isEqualTo(rv);
        TestBytes.assertEveryTruncationFails(wire, ReturnValue::decode);
    }

    @Test
    void returnValueOfNullAndPlp() {
        ReturnValue nul = new ReturnValue(2, "@d", ReturnValue.OUTPUT_PARAMETER, 0, 1, TypeInfo.decimalN(10, 2), null);
        assertThat(TestBytes.decodeObject(TestBytes.encode(nul::encode), ReturnValue::decode)).isEqualTo(nul);
        ReturnValue dec = new ReturnValue(2, "@d", ReturnValue.OUTPUT_PARAMETER, 0, 1, TypeInfo.decimalN(10, 2), new BigDecimal("-5.25"));
        assertThat(TestBytes.decodeObject(TestBytes.encode(dec::encode), ReturnValue::decode)).isEqualTo(dec);
        ReturnValue text = new ReturnValue(3, "@s", ReturnValue.OUTPUT_PARAMETER, 0, 1, TypeInfo.nvarcharMax(), "x".repeat(9000));
        byte[] wire = TestBytes.encode(text::encode);
        assertThat(TestBytes.decodeObject(wire, ReturnValue::decode)).isEqualTo(text);
    }

    @Test
    void serverMessageRoundTripsAndKnowsFatal() {
        ServerMessage m = new ServerMessage(50000, 255, 20, "fatal \u00e9", "srv", "proc", 0xFFFF_FFFFL);
        byte[] error = TestBytes.encode(m::encodeError);
        byte[] info = TestBytes.encode(m::encodeInfo);
        assertThat(error[0]).isEqualTo((byte) 0xAA);
        assertThat(info[0]).isEqualTo((byte) 0xAB);
        assertThat(((error[1] & 0xFF) | (error[2] & 0xFF) << 8)).isEqualTo(error.length - 3);
        assertThat(TestBytes.decodeObject(error, ServerMessage::decode)).isEqualTo(m);
        assertThat(TestBytes.decodeObject(info, ServerMessage::decode)).isEqualTo(m);
        assertThat(m.isFatal()).isTrue();
        TestBytes.assertEveryTruncationFails(error, ServerMessage::decode);
    }

    @Test
    void serverMessageFieldsMustFitTheDeclaredLength() {
        // Length 4 covers only the number: the state byte lies outside the token.
        assertThatThrownBy(() -> TestBytes.decodeLeaving(hex("aa0400dc0f000000000000"), ServerMessage::decode))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void loginAckIsBigEndianAndExact() {
        LoginAck ack = LoginAck.sqlServer(LoginAck.TDS_7_3B, 10, 0, 5512);
        byte[] wire = TestBytes.encode(ack::encode);
        assertThat(hex(wire)).startsWith("ad3200" + "01" + "730b0003" + "14").endsWith("0a001588");
        assertThat(TestBytes.decodeObject(wire, LoginAck::decode)).isEqualTo(ack);
        TestBytes.assertEveryTruncationFails(wire, LoginAck::decode);
        assertThatThrownBy(() -> LoginAck.sqlServer(LoginAck.TDS_7_4, 256, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tooLongTextIsRejectedWithoutWriting() {
        ServerMessage m = new ServerMessage(1, 1, 1, "t", "s".repeat(256), "", 0);
        byte[] wire = TestBytes.encode(out -> {
            out.writeByte(0x11);
            assertThatThrownBy(() -> m.encodeError(out)).isInstanceOf(IllegalArgumentException.class);
        });
        assertThat(hex(wire)).isEqualTo("11");
    }
}
