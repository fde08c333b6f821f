package io.tdsproxy.testkit.sql;

import java.time.Duration;

/**
 * A T-SQL statement the embedded server answers itself instead of passing it to H2: session
 * options, database switches, transaction control and the like. Parsed by {@link SessionCommands}.
 */
public sealed interface SessionCommand {

    /** {@code SET <option> <value>}; options without an effect here are accepted and ignored. */
    record SetOption(String option, String value) implements SessionCommand {
    }

    /** {@code USE <database>}. */
    record Use(String database) implements SessionCommand {
    }

    /** {@code BEGIN TRAN[SACTION] [name]}. */
    record BeginTransaction() implements SessionCommand {
    }

    /** {@code COMMIT [TRAN|TRANSACTION|WORK] [name]}. */
    record Commit() implements SessionCommand {
    }

    /** {@code ROLLBACK [TRAN|TRANSACTION|WORK] [name]}. */
    record Rollback() implements SessionCommand {
    }

    /**
     * {@code IF @@TRANCOUNT <op> <n> <command>}, the form drivers use around commit and rollback
     * (jTDS {@code IF @@TRANCOUNT > 0 COMMIT TRAN}).
     */
    record IfTranCount(String operator, int operand, SessionCommand then) implements SessionCommand {
        /** Whether the condition holds for the given transaction count. */
        public boolean test(int tranCount) {
            switch (operator) {
                case ">": return tranCount > operand;
                case ">=": return tranCount >= operand;
                case "<": return tranCount < operand;
                case "<=": return tranCount <= operand;
                case "=": return tranCount == operand;
                default: return tranCount != operand; // <> and !=
            }
        }
    }

    /** {@code WAITFOR DELAY 'hh:mm:ss[.fff]'}: sleeps, interruptible by an attention. */
    record WaitFor(Duration delay) implements SessionCommand {
    }

    /** {@code EXEC sp_unprepare <handle>} as mssql-jdbc batches it. */
    record Unprepare(int handle) implements SessionCommand {
    }

    /** {@code PRINT 'text'}: an INFO message. */
    record Print(String text) implements SessionCommand {
    }
}
