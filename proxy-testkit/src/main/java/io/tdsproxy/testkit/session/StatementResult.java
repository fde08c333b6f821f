package io.tdsproxy.testkit.session;

import io.tdsproxy.tds.token.DoneStatus;

/**
 * How one statement ended, with the DONE it still owes the client. The DONE is not written by the
 * statement itself because whether it carries DONE_MORE depends on what follows (another statement,
 * an attention acknowledgement, or nothing).
 *
 * @param status         DONE status bits without DONE_MORE
 * @param currentCommand DONE CurCmd
 * @param rowCount       DONE DoneRowCount
 * @param attention      true when an attention stopped the statement (then no DONE is owed)
 */
record StatementResult(int status, int currentCommand, long rowCount, boolean attention) {
    static final int CMD_NONE = 0;

    static StatementResult ok(int status, int currentCommand, long rowCount) {
        return new StatementResult(status, currentCommand, rowCount, false);
    }

    static StatementResult error() {
        return new StatementResult(DoneStatus.ERROR, CMD_NONE, 0, false);
    }

    static StatementResult interrupted() {
        return new StatementResult(0, CMD_NONE, 0, true);
    }

    boolean failed() {
        return (status & DoneStatus.ERROR) != 0;
    }
}
