package io.tdsproxy.testkit.sql;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class SessionCommandsTest {

    @Test
    void setOptionsAreRecognisedButUserVariablesAreNot() {
        assertThat(SessionCommands.parse("SET NOCOUNT ON")).contains(new SessionCommand.SetOption("NOCOUNT", "ON"));
        assertThat(SessionCommands.parse("set transaction isolation level read committed"))
                .contains(new SessionCommand.SetOption("TRANSACTION", "ISOLATION LEVEL READ COMMITTED"));
        assertThat(SessionCommands.parse("SET LANGUAGE 'us_english'"))
                .contains(new SessionCommand.SetOption("LANGUAGE", "us_english"));
        assertThat(SessionCommands.parse("SET @x = 1")).isEmpty();
    }

    @Test
    void useAcceptsPlainAndBracketedNames() {
        assertThat(SessionCommands.parse("USE [my db]")).contains(new SessionCommand.Use("my db"));
        assertThat(SessionCommands.parse("use master;")).contains(new SessionCommand.Use("master"));
    }

    @Test
    void transactionControl() {
        assertThat(SessionCommands.parse("BEGIN TRAN")).contains(new SessionCommand.BeginTransaction());
        assertThat(SessionCommands.parse("BEGIN TRANSACTION t1")).contains(new SessionCommand.BeginTransaction());
        assertThat(SessionCommands.parse("BEGIN")).isEmpty();
        assertThat(SessionCommands.parse("COMMIT")).contains(new SessionCommand.Commit());
        assertThat(SessionCommands.parse("commit work")).contains(new SessionCommand.Commit());
        assertThat(SessionCommands.parse("ROLLBACK TRANSACTION")).contains(new SessionCommand.Rollback());
    }

    @Test
    void conditionalOnTranCount() {
        SessionCommand c = SessionCommands.parse("IF @@TRANCOUNT > 0 COMMIT TRAN").orElseThrow();
        assertThat(c).isEqualTo(new SessionCommand.IfTranCount(">", 0, new SessionCommand.Commit()));
        SessionCommand.IfTranCount begin = (SessionCommand.IfTranCount) SessionCommands.parse("IF @@TRANCOUNT=0 BEGIN TRAN").orElseThrow();
        assertThat(begin.test(0)).isTrue();
        assertThat(begin.test(1)).isFalse();
        assertThat(SessionCommands.parse("IF @@TRANCOUNT > 0 SELECT 1")).isEmpty();
    }

    @Test
    void waitForDelayUnprepareAndPrint() {
        assertThat(SessionCommands.parse("WAITFOR DELAY '00:00:02.500'"))
                .contains(new SessionCommand.WaitFor(Duration.ofMillis(2500)));
        assertThat(SessionCommands.parse("EXEC sp_unprepare 12;")).contains(new SessionCommand.Unprepare(12));
        assertThat(SessionCommands.parse("PRINT N'hello'")).contains(new SessionCommand.Print("hello"));
        assertThat(SessionCommands.parse("SELECT 1")).isEmpty();
    }
}
