package io.tdsproxy.testkit.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParameterDeclarationTest {

    @Test
    void parsesTypesWithCommasInsideParentheses() {
        assertThat(ParameterDeclaration.parseList("@P0 int,@P1 nvarchar(4000),@P2 decimal(38,2) OUTPUT, @P3 varchar(max) out"))
                .containsExactly(
                        new ParameterDeclaration("@P0", "int", false),
                        new ParameterDeclaration("@P1", "nvarchar(4000)", false),
                        new ParameterDeclaration("@P2", "decimal(38,2)", true),
                        new ParameterDeclaration("@P3", "varchar(max)", true));
    }

    @Test
    void blankMeansNone() {
        assertThat(ParameterDeclaration.parseList("")).isEmpty();
        assertThat(ParameterDeclaration.parseList(null)).isEmpty();
    }

    @Test
    void entryWithoutNameIsRejected() {
        assertThatThrownBy(() -> ParameterDeclaration.parseList("@P0 int, int"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
