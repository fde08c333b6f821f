package io.tdsproxy.testkit.sql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TsqlTranslatorTest {
    private static final SessionInfo SESSION = new SessionInfo() {
        @Override public int spid() { return 53; }
        @Override public String database() { return "shop"; }
        @Override public String login() { return "o'brien"; }
        @Override public int tranCount() { return 1; }
        @Override public long lastRowCount() { return 7; }
        @Override public String hostName() { return "host1"; }
        @Override public String appName() { return "app1"; }
    };

    @Test
    void systemVariablesBecomeLiterals() {
        assertThat(TsqlTranslator.translate("SELECT @@SPID, @@trancount, @@MAX_PRECISION, @@ROWCOUNT", SESSION))
                .isEqualTo("SELECT 53, 1, 38, 7");
        assertThat(TsqlTranslator.translate("select @@version", SESSION))
                .startsWith("select N'Microsoft SQL Server 2022");
        assertThat(TsqlTranslator.translate("SELECT @@IDENTITY", SESSION)).isEqualTo("SELECT SCOPE_IDENTITY()");
    }

    @Test
    void niladicFunctionsBecomeQuotedLiterals() {
        assertThat(TsqlTranslator.translate("SELECT DB_NAME(), SCHEMA_NAME ( ), SUSER_SNAME()", SESSION))
                .isEqualTo("SELECT N'shop', N'dbo', N'o''brien'");
    }

    @Test
    void serverPropertyKnownAndUnknown() {
        assertThat(TsqlTranslator.translate("SELECT SERVERPROPERTY('ProductVersion'), SERVERPROPERTY(N'EngineEdition'), "
                + "SERVERPROPERTY('NoSuch')", SESSION))
                .isEqualTo("SELECT N'" + ServerIdentity.PRODUCT_VERSION + "', 3, NULL");
    }

    @Test
    void textInsideLiteralsAndIdentifiersIsUntouched() {
        String sql = "SELECT '@@SPID DB_NAME()', [@@SPID], \"DB_NAME()\" FROM t -- @@SPID";
        assertThat(TsqlTranslator.translate(sql, SESSION)).isEqualTo(sql);
    }

    @Test
    void declaredParametersBecomePositionalInUseOrder() {
        TsqlTranslator.Translated t = TsqlTranslator.translate(
                "SELECT * FROM t WHERE a = @P1 AND b = @p0 OR c = @P1 AND d = '@P0' AND e = @other",
                SESSION, List.of("@P0", "@P1"));
        assertThat(t.sql()).isEqualTo("SELECT * FROM t WHERE a = ? AND b = ? OR c = ? AND d = '@P0' AND e = @other");
        assertThat(t.bindOrder()).containsExactly("@P1", "@p0", "@P1");
    }

    @Test
    void unquoteHandlesPrefixAndEscapes() {
        assertThat(TsqlTranslator.unquote("N'it''s'")).isEqualTo("it's");
        assertThat(TsqlTranslator.unquote("'x'")).isEqualTo("x");
    }
}
