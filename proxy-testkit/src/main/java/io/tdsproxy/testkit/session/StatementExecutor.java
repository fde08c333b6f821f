package io.tdsproxy.testkit.session;

import io.tdsproxy.tds.token.Done;
import io.tdsproxy.tds.token.DoneStatus;
import io.tdsproxy.tds.token.EnvChange;
import io.tdsproxy.tds.types.Column;
import io.tdsproxy.testkit.h2.ColumnMapper;
import io.tdsproxy.testkit.h2.ErrorMapper;
import io.tdsproxy.testkit.h2.H2Session;
import io.tdsproxy.testkit.h2.MappedColumn;
import io.tdsproxy.testkit.h2.TsqlError;
import io.tdsproxy.testkit.sql.SessionCommand;
import io.tdsproxy.testkit.sql.SessionCommands;
import io.tdsproxy.testkit.sql.SqlLexer;
import io.tdsproxy.testkit.sql.SqlToken;
import io.tdsproxy.testkit.sql.TsqlTranslator;
import io.tdsproxy.testkit.wire.ResponseWriter;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Runs one statement on H2 (or answers it itself when it is a {@link SessionCommand}) and writes its
 * tokens: COLMETADATA and ROWs for a result set, ERROR for a failure, INFO/ENVCHANGE for commands.
 * Rows are fetched and written one at a time, between checks for an attention, so a result of any
 * size streams through in bounded memory and a cancel stops it at the next row.
 */
final class StatementExecutor {
    private final H2Session session;
    private final RequestControl control;
    private final ResponseWriter out;

    StatementExecutor(H2Session session, RequestControl control, ResponseWriter out) {
        this.session = session;
        this.control = control;
        this.out = out;
    }

    /**
     * Runs {@code statement}; named parameters ({@code @P0} ...) are bound from {@code parameters}
     * (case-insensitive names; empty for a plain batch).
     */
    StatementResult run(String statement, Map<String, Object> parameters) {
        Optional<SessionCommand> command = SessionCommands.parse(statement);
        try {
            if (command.isPresent()) {
                return command(command.get());
            }
            return h2(statement, parameters);
        } catch (TsqlError e) {
            out.error(ErrorMapper.toMessage(e));
            return StatementResult.error();
        } catch (SQLException e) {
            if (control.attentionRequested()) {
                return StatementResult.interrupted();
            }
            out.error(ErrorMapper.toMessage(e));
            return StatementResult.error();
        }
    }

    private StatementResult h2(String statement, Map<String, Object> parameters) throws SQLException {
        TreeMap<String, Object> params = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        params.putAll(parameters);
        TsqlTranslator.Translated sql = TsqlTranslator.translate(statement, session, params.keySet());
        String verb = firstWord(statement);
        session.beforeStatement();
        boolean prepared = !sql.bindOrder().isEmpty();
        try (Statement st = prepared ? session.connection().prepareStatement(sql.sql()) : session.connection().createStatement()) {
            if (session.rowCountLimit() > 0) {
                st.setMaxRows(session.rowCountLimit());
            }
            if (prepared) {
                bind((PreparedStatement) st, sql.bindOrder(), params);
            }
            control.running(st);
            try {
                boolean isResult = prepared ? ((PreparedStatement) st).execute() : st.execute(sql.sql());
                if (isResult) {
                    try (ResultSet rs = st.getResultSet()) {
                        return stream(rs);
                    }
                }
                long count = Math.max(0, st.getLargeUpdateCount());
                session.lastRowCount(count);
                int cmd = command(verb);
                boolean counted = cmd != StatementResult.CMD_NONE && !session.noCount();
                return StatementResult.ok(counted ? DoneStatus.COUNT : 0, cmd, counted ? count : 0);
            } finally {
                control.running(null);
            }
        }
    }

    private static void bind(PreparedStatement ps, List<String> order, Map<String, Object> params) throws SQLException {
        for (int i = 0; i < order.size(); i++) {
            ps.setObject(i + 1, params.get(order.get(i)));
        }
    }

    private StatementResult stream(ResultSet rs) throws SQLException {
        List<MappedColumn> mapped = ColumnMapper.map(rs.getMetaData(), out.level());
        List<Column> columns = new ArrayList<>(mapped.size());
        for (MappedColumn m : mapped) {
            columns.add(m.column());
        }
        out.columnMetadata(columns);
        Object[] values = new Object[mapped.size()];
        long rows = 0;
        while (!control.attentionRequested() && rs.next()) {
            for (int i = 0; i < values.length; i++) {
                values[i] = mapped.get(i).fetcher().fetch(rs, i + 1);
            }
            try {
                out.row(columns, values);
            } catch (IllegalArgumentException e) {
                // a value the TDS type cannot carry (e.g. a negative H2 TINYINT): the row is not written
                out.error(ErrorMapper.message(220, ErrorMapper.STATEMENT_ERROR, e.getMessage()));
                return new StatementResult(DoneStatus.ERROR | DoneStatus.COUNT, Done.CMD_SELECT, rows, false);
            }
            rows++;
        }
        if (control.attentionRequested()) {
            return StatementResult.interrupted();
        }
        session.lastRowCount(rows);
        return StatementResult.ok(DoneStatus.COUNT, Done.CMD_SELECT, rows);
    }

    private StatementResult command(SessionCommand command) throws SQLException, TsqlError {
        if (command instanceof SessionCommand.SetOption) {
            SessionCommand.SetOption set = (SessionCommand.SetOption) command;
            session.setOption(set.option(), set.value());
        } else if (command instanceof SessionCommand.Use) {
            use(((SessionCommand.Use) command).database());
        } else if (command instanceof SessionCommand.BeginTransaction) {
            session.beginTransaction();
        } else if (command instanceof SessionCommand.Commit) {
            session.commit();
        } else if (command instanceof SessionCommand.Rollback) {
            session.rollback();
        } else if (command instanceof SessionCommand.IfTranCount) {
            SessionCommand.IfTranCount cond = (SessionCommand.IfTranCount) command;
            if (cond.test(session.tranCount())) {
                return command(cond.then());
            }
        } else if (command instanceof SessionCommand.WaitFor) {
            if (!control.sleep(((SessionCommand.WaitFor) command).delay())) {
                return StatementResult.interrupted();
            }
        } else if (command instanceof SessionCommand.Unprepare) {
            session.handles().remove(((SessionCommand.Unprepare) command).handle());
        } else if (command instanceof SessionCommand.Print) {
            out.info(ErrorMapper.message(0, 0, ((SessionCommand.Print) command).text()));
        }
        return StatementResult.ok(0, StatementResult.CMD_NONE, 0);
    }

    private void use(String database) throws TsqlError {
        if (!database.equalsIgnoreCase(session.database())) {
            throw new TsqlError(911, 16, "Database '" + database
                    + "' does not exist. Make sure that the name is entered correctly.");
        }
        out.envChange(new EnvChange.Database(session.database(), session.database()));
        out.info(ErrorMapper.message(5701, 0, "Changed database context to '" + session.database() + "'."));
    }

    private static String firstWord(String statement) {
        for (SqlToken t : SqlLexer.tokenize(statement)) {
            if (!t.isTrivia()) {
                return t.kind() == SqlToken.Kind.WORD ? t.upper() : "";
            }
        }
        return "";
    }

    private static int command(String verb) {
        switch (verb.toUpperCase(Locale.ROOT)) {
            case "INSERT": return Done.CMD_INSERT;
            case "UPDATE": return Done.CMD_UPDATE;
            case "DELETE": return Done.CMD_DELETE;
            case "MERGE": return Done.CMD_UPDATE;
            default: return StatementResult.CMD_NONE;
        }
    }
}
