package io.tdsproxy.tds.token;

import io.tdsproxy.tds.ProtocolException;
import io.tdsproxy.tds.types.Collation;
import io.tdsproxy.tds.types.TestBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.tdsproxy.tds.types.TestBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ENVCHANGE (MS-TDS 2.2.7.9) records, their exact bytes, and pass-through of everything else. */
class EnvChangeTest {

    private static EnvChange decode(String wire) {
        return TestBytes.decodeAll(hex(wire), EnvChange::decode);
    }

    @Test
    void packetSizeIsADecimalString() {
        assertThat(hex(TestBytes.encode(new EnvChange.PacketSize(4096, 512)::encode)))
                .isEqualTo("e31100" + "04" + "04" + "3400300039003600" + "03" + "350031003200");
    }

    @Test
    void collationIsFiveBytesWithAnEmptyOldValue() {
        assertThat(hex(TestBytes.encode(new EnvChange.SqlCollation(Collation.DEFAULT)::encode))).isEqualTo("e30800070509" + "04d0003400");
        EnvChange.SqlCollation change = new EnvChange.SqlCollation(new Collation(0x00D00419, 0), Collation.DEFAULT);
        assertThat(decode(hex(TestBytes.encode(change::encode)))).isEqualTo(change);
    }

    @Test
    void transactionsCarryTheDescriptorOnTheSpecifiedSide() {
        byte[] descriptor = hex("0102030405060708");
        assertThat(hex(TestBytes.encode(new EnvChange.BeginTransaction(descriptor)::encode)))
                .isEqualTo("e30b0008080102030405060708" + "00");
        assertThat(hex(TestBytes.encode(new EnvChange.CommitTransaction(descriptor)::encode)))
                .isEqualTo("e30b000900080102030405060708");
        assertThat(hex(TestBytes.encode(new EnvChange.RollbackTransaction(descriptor)::encode)))
                .isEqualTo("e30b000a00080102030405060708");
        assertThat(decode("e30b000900080102030405060708")).isEqualTo(new EnvChange.CommitTransaction(descriptor));
        assertThat(decode("e30b000a00080102030405060708")).isEqualTo(new EnvChange.RollbackTransaction(descriptor));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "e31000 14 0b00 00 3305 0300 610062006300 0000",      // routing (type 20)
        "e30300 12 0000",                                     // reset connection ack (18)
        "e30d00 04 05 30003400300039003600 00",               // packet size "04096" is not canonical
        "e30900 07 06 0904d0003412 00",                       // collation of 6 bytes
        "e30500 09 0101 0100"})                               // commit with a non-empty new value
    void anythingElsePassesThroughByteForByte(String wire) {
        String w = wire.replace(" ", "");
        EnvChange change = decode(w);
        assertThat(change).isInstanceOf(EnvChange.Other.class);
        assertThat(hex(TestBytes.encode(change::encode))).isEqualTo(w);
    }

    @Test
    void malformedLengthsAreProtocolExceptions() {
        assertThatThrownBy(() -> decode("e30000")).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> decode("e305000105")).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> decode("fd0000")).isInstanceOf(ProtocolException.class);
    }
}
