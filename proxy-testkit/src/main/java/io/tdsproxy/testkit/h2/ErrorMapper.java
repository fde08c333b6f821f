package io.tdsproxy.testkit.h2;

import io.tdsproxy.tds.token.ServerMessage;
import io.tdsproxy.testkit.sql.ServerIdentity;

import java.sql.SQLException;

/**
 * Turns database errors into ERROR token contents (MS-TDS 2.2.7.10). The text is H2's own message
 * without the echo of the SQL statement H2 appends; the number is the SQL Server number for the
 * same condition where one obviously exists (so that drivers' error-code checks behave), else 50000.
 * The class is 16, the severity of ordinary statement errors.
 */
public final class ErrorMapper {
    /** Severity of user-correctable statement errors. */
    public static final int STATEMENT_ERROR = 16;

    private ErrorMapper() {
    }

    /** The ERROR token for an H2 exception. */
    public static ServerMessage toMessage(SQLException e) {
        return message(sqlServerNumber(e.getErrorCode()), STATEMENT_ERROR, text(e));
    }

    /** The ERROR token for an error the server raised itself. */
    public static ServerMessage toMessage(TsqlError e) {
        return message(e.number(), e.severity(), e.getMessage());
    }

    /** An ERROR/INFO with this server's name, state 1, line 1. */
    public static ServerMessage message(int number, int severity, String text) {
        return new ServerMessage(number, 1, severity, text, ServerIdentity.SERVER_NAME, "", 1);
    }

    /** H2's message without "; SQL statement: ..." and the trailing error code. */
    static String text(SQLException e) {
        String m = e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int cut = m.indexOf("; SQL statement:");
        if (cut >= 0) {
            m = m.substring(0, cut);
        } else {
            int code = m.lastIndexOf(" [");
            if (code > 0 && m.endsWith("]")) {
                m = m.substring(0, code);
            }
        }
        return m;
    }

    private static int sqlServerNumber(int h2Code) {
        switch (h2Code) {
            case 42000: // syntax error
            case 42001:
                return 102;
            case 42102: // table or view not found
            case 42103:
            case 42104:
                return 208;
            case 42122: // column not found
                return 207;
            case 42101: // table already exists
                return 2714;
            case 23505: // unique index or primary key violation
                return 2627;
            case 23502: // NULL not allowed
                return 515;
            case 23503: // referential integrity
            case 23506:
                return 547;
            case 22012: // division by zero
                return 8134;
            case 22001: // value too long
                return 2628;
            case 22003: // numeric value out of range
                return 220;
            case 22018: // data conversion error
                return 245;
            case 90022: // function not found
                return 195;
            case 57014: // statement canceled
                return 3621;
            default:
                return 50000;
        }
    }
}
