package io.tdsproxy.testkit.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BatchSplitterTest {

    @Test
    void splitsOnTopLevelSemicolonsOnly() {
        assertThat(BatchSplitter.split("SELECT 'a;b'; SELECT [x;y] FROM t;;SELECT f(';')"))
                .containsExactly("SELECT 'a;b'", "SELECT [x;y] FROM t", "SELECT f(';')");
    }

    @Test
    void semicolonsInCommentsAndEscapedQuotesDoNotSplit() {
        assertThat(BatchSplitter.split("SELECT 'it''s; fine' -- no; split\n; /* a; /* nested; */ b; */ SELECT 2"))
                .containsExactly("SELECT 'it''s; fine' -- no; split", "/* a; /* nested; */ b; */ SELECT 2");
    }

    @Test
    void jtdsSetupBatchIsFiveStatements() {
        String batch = "SELECT @@MAX_PRECISION\r\nSET TRANSACTION ISOLATION LEVEL READ COMMITTED\r\n"
                + "SET IMPLICIT_TRANSACTIONS OFF\r\nSET QUOTED_IDENTIFIER ON\r\nSET TEXTSIZE 2147483647";
        assertThat(BatchSplitter.split(batch)).containsExactly(
                "SELECT @@MAX_PRECISION",
                "SET TRANSACTION ISOLATION LEVEL READ COMMITTED",
                "SET IMPLICIT_TRANSACTIONS OFF",
                "SET QUOTED_IDENTIFIER ON",
                "SET TEXTSIZE 2147483647");
    }

    @Test
    void tediousInitialSqlSplitsAtEverySet() {
        String batch = "set textsize 2147483647\nset quoted_identifier on\nset arithabort off\n"
                + "set transaction isolation level read committed";
        assertThat(BatchSplitter.split(batch)).hasSize(4).allMatch(s -> s.startsWith("set "));
    }

    @Test
    void updateSetAndForeignKeyActionsStayWhole() {
        assertThat(BatchSplitter.split("UPDATE t SET a = 1, b = 2 WHERE c = 3")).hasSize(1);
        assertThat(BatchSplitter.split("CREATE TABLE c (p INT REFERENCES p(id) ON DELETE SET NULL ON UPDATE SET NULL)"))
                .hasSize(1);
    }

    @Test
    void setFollowedByStatementKeywordSplits() {
        assertThat(BatchSplitter.split("SET NOCOUNT ON SELECT 1 SET NOCOUNT OFF"))
                .containsExactly("SET NOCOUNT ON", "SELECT 1", "SET NOCOUNT OFF");
        assertThat(BatchSplitter.split("IF @@TRANCOUNT > 0 COMMIT TRAN\r\nSET IMPLICIT_TRANSACTIONS ON"))
                .containsExactly("IF @@TRANCOUNT > 0 COMMIT TRAN", "SET IMPLICIT_TRANSACTIONS ON");
    }

    @Test
    void consecutiveSelectsSplitButUnionDoesNot() {
        assertThat(BatchSplitter.split("SELECT 1 SELECT 2")).containsExactly("SELECT 1", "SELECT 2");
        assertThat(BatchSplitter.split("SELECT 1 UNION ALL SELECT 2")).hasSize(1);
        assertThat(BatchSplitter.split("SELECT (SELECT 1) FROM t WHERE x IN (SELECT y FROM u)")).hasSize(1);
    }

    @Test
    void goOnItsOwnLineSeparatesButGoInsideTextDoesNot() {
        assertThat(BatchSplitter.split("SELECT 1\nGO\nSELECT 'GO'\n  go  \nSELECT go_column FROM t"))
                .containsExactly("SELECT 1", "SELECT 'GO'", "SELECT go_column FROM t");
    }

    @Test
    void emptyAndCommentOnlyBatchesHaveNoStatements() {
        assertThat(BatchSplitter.split("  ;  -- nothing\n ; ")).isEmpty();
    }

    @Test
    void generatedKeysSuffixAndSpaceJoinedBatchesSplit() {
        assertThat(BatchSplitter.split("INSERT INTO t (v) VALUES (@P0) select SCOPE_IDENTITY() AS GENERATED_KEYS"))
                .containsExactly("INSERT INTO t (v) VALUES (@P0)", "select SCOPE_IDENTITY() AS GENERATED_KEYS");
        assertThat(BatchSplitter.split("INSERT INTO t VALUES ('a') UPDATE t SET v = 'b' WHERE id <= 2 DELETE FROM t"))
                .containsExactly("INSERT INTO t VALUES ('a')", "UPDATE t SET v = 'b' WHERE id <= 2", "DELETE FROM t");
        assertThat(BatchSplitter.split("UPDATE t SET a = 1 SELECT @@ROWCOUNT"))
                .containsExactly("UPDATE t SET a = 1", "SELECT @@ROWCOUNT");
    }

    @Test
    void keywordsThatBelongToTheStatementDoNotSplit() {
        assertThat(BatchSplitter.split("INSERT INTO t SELECT a FROM u")).hasSize(1);
        assertThat(BatchSplitter.split("INSERT INTO t (a) EXEC my_proc")).hasSize(1);
        assertThat(BatchSplitter.split("SELECT * FROM t FOR UPDATE")).hasSize(1);
        assertThat(BatchSplitter.split("DROP TABLE IF EXISTS t")).hasSize(1);
        assertThat(BatchSplitter.split("CREATE TABLE IF NOT EXISTS t (a int)")).hasSize(1);
        assertThat(BatchSplitter.split("CREATE VIEW v AS SELECT 1 AS a")).hasSize(1);
        assertThat(BatchSplitter.split("CREATE TRIGGER tr BEFORE INSERT, UPDATE ON t FOR EACH ROW CALL 'x'")).hasSize(1);
        assertThat(BatchSplitter.split("WITH c AS (SELECT 1 AS a) SELECT a FROM c")).hasSize(1);
        assertThat(BatchSplitter.split("IF @@TRANCOUNT > 0 ROLLBACK TRAN")).hasSize(1);
        assertThat(BatchSplitter.split("SELECT a FROM t WITH (NOLOCK) WHERE b = 1")).hasSize(1);
    }

    @Test
    void shortCommandsEndBeforeTheNextStatement() {
        assertThat(BatchSplitter.split("BEGIN TRAN INSERT INTO t VALUES (1) COMMIT TRAN"))
                .containsExactly("BEGIN TRAN", "INSERT INTO t VALUES (1)", "COMMIT TRAN");
        assertThat(BatchSplitter.split("EXEC sp_unprepare 1 EXEC sp_unprepare 2"))
                .containsExactly("EXEC sp_unprepare 1", "EXEC sp_unprepare 2");
        assertThat(BatchSplitter.split("USE master SELECT DB_NAME()")).containsExactly("USE master", "SELECT DB_NAME()");
    }
}
