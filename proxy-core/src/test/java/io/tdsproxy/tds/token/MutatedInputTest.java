package io.tdsproxy.tds.token;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tdsproxy.tds.ProtocolException;
import io.tdsproxy.tds.types.TdsType;
import io.tdsproxy.tds.types.TypeInfo;
import io.tdsproxy.tds.types.ValueCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;
import java.util.function.Consumer;

import static io.tdsproxy.tds.types.TestBytes.hex;

/**
 * Corrupted input (seeded, so every run checks the same cases) is either decoded or rejected
 * with a ProtocolException; no other exception may escape a decoder.
 */
class MutatedInputTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "pytds_login_response_with_featureextack", "constructed_login_ok_response_tds74",
        "gomssqldb_select1_response_tokens", "pytds_real_use_db_response", "constructed_proxy_reject_error_done"})
    void corruptedVectorsOnlyRaiseProtocolExceptions(String vector) {
        byte[] original = VectorTokensTest.tokens(vector);
        Random random = new Random(vector.hashCode());
        for (int round = 0; round < 3000; round++) {
            byte[] mutated = original.clone();
            int flips = 1 + random.nextInt(3);
            for (int i = 0; i < flips; i++) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            for (TokenFormat format : TokenFormat.values()) {
                check(mutated, in -> TokenReader.readAll(in, format));
            }
        }
    }

    @Test
    void randomBytesAfterEveryTypeCodeOnlyRaiseProtocolExceptions() {
        Random random = new Random(20260101L);
        for (int code = 0; code < 256; code++) {
            for (int round = 0; round < 200; round++) {
                byte[] wire = new byte[1 + random.nextInt(48)];
                random.nextBytes(wire);
                wire[0] = (byte) code;
                if (TdsType.of(code) != null && wire.length > 3 && random.nextBoolean()) {
                    // Plausible lengths and precision make it past TYPE_INFO more often.
                    wire[1] = (byte) random.nextInt(18);
                    wire[2] = (byte) random.nextInt(39);
                }
                check(wire, in -> ValueCodec.read(in, TypeInfo.decode(in)));
                check(wire, in -> ValueCodec.readInRow(in, TypeInfo.decode(in)));
            }
        }
    }

    private static void check(byte[] wire, Consumer<ByteBuf> decoder) {
        ByteBuf in = Unpooled.wrappedBuffer(wire);
        try {
            decoder.accept(in);
        } catch (ProtocolException expected) {
            // the one permitted failure
        } catch (RuntimeException e) {
            throw new AssertionError("input " + hex(wire) + " raised " + e, e);
        } finally {
            in.release();
        }
    }
}
