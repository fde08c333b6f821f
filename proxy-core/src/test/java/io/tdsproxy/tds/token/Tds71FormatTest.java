package io.tdsproxy.tds.token;

import io.tdsproxy.tds.types.Collation;
import io.tdsproxy.tds.types.Column;
import io.tdsproxy.tds.types.TdsType;
import io.tdsproxy.tds.types.TestBytes;
import io.tdsproxy.tds.types.TypeInfo;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tdsproxy.tds.types.TestBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pre-7.2 token layouts that a TDS 7.1 client (jTDS) expects. */
class Tds71FormatTest {
    private static final TokenFormat F = TokenFormat.TDS_7_1;

    @Test
    void versionsMapToLayouts() {
        assertThat(TokenFormat.of(LoginAck.TDS_7_1)).isEqualTo(F);
        assertThat(TokenFormat.of(0x70000000L)).isEqualTo(F);
        assertThat(TokenFormat.of(0x71000000L)).isEqualTo(F);
        assertThat(TokenFormat.of(0x07010000L)).isEqualTo(F);
        assertThat(TokenFormat.of(LoginAck.TDS_7_2)).isEqualTo(TokenFormat.TDS_7_2);
        assertThat(TokenFormat.of(LoginAck.TDS_7_3B)).isEqualTo(TokenFormat.TDS_7_2);
        assertThat(TokenFormat.of(LoginAck.TDS_7_4)).isEqualTo(TokenFormat.TDS_7_2);
        assertThat(TokenFormat.of(LoginAck.TDS_8_0)).isEqualTo(TokenFormat.TDS_7_2);
    }

    @Test
    void selectOneIn71Layout() {
        List<Column> columns = List.of(new Column("", TypeInfo.fixed(TdsType.INT4), Column.COMPUTED));
        byte[] wire = TestBytes.encode(out -> {
            ColumnMetadata.encode(out, columns, F);
            RowToken.encode(out, columns, new Object[] {1});
            Done.selectCount(0, 1).encode(out, F);
        });
        assertThat(hex(wire)).isEqualTo("810100" + "0000" + "2000" + "38" + "00" + "d101000000" + "fd1000c100" + "01000000");
        List<Token> tokens = TestBytes.decodeAll(wire, in -> TokenReader.readAll(in, F));
        assertThat(tokens.get(0).value()).isEqualTo(columns);
        assertThat(tokens.get(2).value()).isEqualTo(Done.selectCount(0, 1));
        byte[] done = TestBytes.encode(out -> Done.selectCount(0, 1).encode(out, F));
        assertThat(done).hasSize(9);
        TestBytes.assertEveryTruncationFails(done, in -> Done.decode(in, F));
    }

    @Test
    void errorLineNumberIsAUshort() {
        ServerMessage m = new ServerMessage(18456, 1, 14, "Login failed for user 'sa'.", "TDSPROXY", "", 1);
        byte[] wire = TestBytes.encode(out -> m.encodeError(out, F));
        String v72 = hex(TestBytes.encode(m::encodeError));
        // Same bytes with a length two smaller and a two-byte line number.
        assertThat(hex(wire)).isEqualTo("aa5200" + v72.substring(6, v72.length() - 8) + "0100");
        assertThat(TestBytes.decodeObject(wire, in -> ServerMessage.decode(in, F))).isEqualTo(m);
        TestBytes.assertEveryTruncationFails(wire, in -> ServerMessage.decode(in, F));
    }

    @Test
    void textTableNameIsOneString() {
        Column text = new Column("c", new TypeInfo(TdsType.NTEXT, 0x7FFFFFFE, 0, 0, Collation.DEFAULT), Column.NULLABLE, 0,
                List.of("dbo", "t"));
        byte[] wire = TestBytes.encode(out -> ColumnMetadata.encode(out, List.of(text), F));
        assertThat(hex(wire)).isEqualTo("810100" + "0000" + "0100" + "63feffff7f0904d00034" + "0500" + "64006200" + "6f002e007400"
                + "0163" + "00");
        assertThat(TestBytes.<List<Column>>decodeAll(wire, in -> ColumnMetadata.decode(in, F)).get(0).tableName()).containsExactly("dbo.t");
    }

    @Test
    void returnValueUserTypeIsAUshort() {
        ReturnValue rv = new ReturnValue(1, "@x", ReturnValue.OUTPUT_PARAMETER, 0, 1, TypeInfo.intN(4), 7);
        byte[] wire = TestBytes.encode(out -> rv.encode(out, F));
        assertThat(hex(wire)).isEqualTo("ac0100" + "0240007800" + "01" + "0000" + "0100" + "2604" + "0407000000");
        assertThat(TestBytes.decodeObject(wire, in -> ReturnValue.decode(in, F))).isEqualTo(rv);
    }

    @Test
    void typesThe71LayoutCannotCarryAreRefused() {
        for (TypeInfo type : List.of(TypeInfo.nvarcharMax(), TypeInfo.varbinaryMax(), TypeInfo.date(), TypeInfo.datetime2(7))) {
            byte[] wire = TestBytes.encode(out ->
                    assertThatThrownBy(() -> ColumnMetadata.encode(out, List.of(Column.nullable("x", type)), F))
                            .isInstanceOf(IllegalArgumentException.class));
            assertThat(wire).isEmpty();
        }
        assertThat(F.supports(TypeInfo.nvarchar(4000))).isTrue();
        assertThat(F.supports(TypeInfo.datetimeN())).isTrue();
        byte[] none = TestBytes.encode(out -> assertThatThrownBy(() -> Done.done(0, 0, 1L << 32).encode(out, F))
                .isInstanceOf(IllegalArgumentException.class));
        assertThat(none).isEmpty();
    }
}
