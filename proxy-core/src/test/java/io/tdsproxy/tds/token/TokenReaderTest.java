package io.tdsproxy.tds.token;

import io.tdsproxy.tds.ProtocolException;
import io.tdsproxy.tds.types.TestBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.tdsproxy.tds.types.TestBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Skipping by the MS-TDS 2.2.4.2 length rule, and the tokens that cannot be skipped. */
class TokenReaderTest {
    private static final String DONE = "fd0000000000000000000000" + "00";

    @Test
    void skipsTokensItDoesNotInterpret() {
        String stream = "a40300010203"          // TABNAME, USHORT length 3
                + "a5020009ff"                   // COLINFO, USHORT length 2
                + "7801000200"                   // OFFSET, fixed 4 bytes
                + "e40200000001ff"               // SESSIONSTATE, DWORD length 2
                + "ee0100000007"                 // FEDAUTHINFO, DWORD length 1
                + "ed0100aa"                     // SSPI, USHORT length 1
                + "3c0102030405060708"           // unassigned xx11 11xx: fixed 8 bytes
                + "51"                           // unassigned xx01xxxx: zero length
                + "a00100ee"                     // unassigned xx10xxxx: USHORT length
                + DONE;
        List<Token> tokens = TestBytes.decodeAll(hex(stream), TokenReader::readAll);
        assertThat(tokens).extracting(Token::type).containsExactly(TokenType.DONE);
    }

    @Test
    void orderListsColumnNumbers() {
        List<Token> tokens = TestBytes.decodeAll(hex("a904000100" + "0300" + DONE), TokenReader::readAll);
        assertThat(tokens.get(0).value()).isEqualTo(List.of(1, 3));
        assertThatThrownBy(() -> TestBytes.decodeAll(hex("a90300010003"), TokenReader::readAll))
                .isInstanceOf(ProtocolException.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"880100", "0f0000", "a30000", "d30100", "d101000000"})
    void tokensThatCannotBeSkippedAreProtocolExceptions(String wire) {
        // ALTMETADATA, an unassigned variable-count token, DATACLASSIFICATION, ALTROW, ROW without COLMETADATA.
        assertThatThrownBy(() -> TestBytes.decodeAll(hex(wire), TokenReader::readAll)).isInstanceOf(ProtocolException.class);
    }

    @Test
    void emptyInputHasNoTokens() {
        assertThat(TestBytes.<Token>decodeAll(new byte[0], in -> new TokenReader().next(in))).isNull();
    }
}
