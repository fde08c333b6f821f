package io.tdsproxy.testkit.session;

import io.tdsproxy.tds.token.DoneStatus;
import io.tdsproxy.tds.token.ReturnValue;
import io.tdsproxy.tds.token.TokenType;
import io.tdsproxy.tds.types.TypeInfo;
import io.tdsproxy.testkit.h2.ErrorMapper;
import io.tdsproxy.testkit.h2.H2Session;
import io.tdsproxy.testkit.h2.PreparedHandles;
import io.tdsproxy.testkit.rpc.RpcCall;
import io.tdsproxy.testkit.rpc.RpcParameter;
import io.tdsproxy.testkit.sql.BatchSplitter;
import io.tdsproxy.testkit.sql.ParameterDeclaration;
import io.tdsproxy.testkit.wire.ResponseWriter;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs the system procedures JDBC drivers use for parameterised statements (MS-TDS 2.2.6.6 ProcIDs,
 * by id or by name):
 *
 * <pre>
 * sp_executesql (10)  @stmt, @params, values...                 mssql-jdbc first execution
 * sp_prepexec   (13)  @handle OUTPUT, @params, @stmt, values... mssql-jdbc later executions
 * sp_prepare    (11)  @handle OUTPUT, @params, @stmt, @options  jTDS (prepareSQL=3, the default)
 * sp_execute    (12)  @handle, values...
 * sp_unprepare  (15)  @handle
 * </pre>
 * {@code @params} declarations ({@code @P0 int,@P1 nvarchar(4000)}) name the values: a value sent
 * without a name is the declaration at its position. Each {@code @name} in the statement becomes a
 * positional {@code ?} for H2. The procedure's statements end with DONEINPROC, then RETURNSTATUS
 * and a RETURNVALUE for the handle and for every by-reference parameter (its value unchanged: H2
 * has no output parameters), as SQL Server orders them.
 */
final class ProcedureRunner {
    enum Outcome { OK, ERROR, ATTENTION }

    private final H2Session session;
    private final RequestControl control;
    private final ResponseWriter out;
    private final StatementExecutor executor;

    ProcedureRunner(H2Session session, RequestControl control, ResponseWriter out, StatementExecutor executor) {
        this.session = session;
        this.control = control;
        this.out = out;
        this.executor = executor;
    }

    Outcome run(RpcCall call) {
        List<RpcParameter> p = call.parameters();
        PreparedHandles handles = session.handles();
        try {
            switch (call.resolvedId()) {
                case RpcCall.SP_EXECUTESQL:
                    require(p, 1, call);
                    return finish(statements(string(p, 1), string(p, 0), p, 2), p, -1, -1);
                case RpcCall.SP_PREPEXEC: {
                    require(p, 3, call);
                    int handle = handles.register(string(p, 1), string(p, 2));
                    return finish(statements(string(p, 1), string(p, 2), p, 3), p, 0, handle);
                }
                case RpcCall.SP_PREPARE: {
                    require(p, 3, call);
                    int handle = handles.register(string(p, 1), string(p, 2));
                    return finish(Outcome.OK, p, 0, handle);
                }
                case RpcCall.SP_EXECUTE: {
                    require(p, 1, call);
                    PreparedHandles.Prepared prepared = handles.get(integer(p, 0));
                    if (prepared == null) {
                        return fail(8179, "Could not find prepared statement with handle " + p.get(0).value() + ".");
                    }
                    return finish(statements(prepared.declarations(), prepared.statement(), p, 1), p, -1, -1);
                }
                case RpcCall.SP_UNPREPARE:
                    require(p, 1, call);
                    handles.remove(integer(p, 0));
                    return finish(Outcome.OK, p, -1, -1);
                default:
                    return fail(2812, "Could not find stored procedure '" + call.displayName() + "'.");
            }
        } catch (IllegalArgumentException e) {
            return fail(8144, e.getMessage());
        }
    }

    /** Runs the statements of {@code text} with values bound by {@code declarations}. */
    private Outcome statements(String declarations, String text, List<RpcParameter> p, int firstValue) {
        Map<String, Object> values = bind(ParameterDeclaration.parseList(declarations), p, firstValue);
        for (String statement : BatchSplitter.split(text == null ? "" : text)) {
            if (control.attentionRequested()) {
                return Outcome.ATTENTION;
            }
            StatementResult r = executor.run(statement, values);
            if (r.attention()) {
                return Outcome.ATTENTION;
            }
            out.done(TokenType.DONEINPROC, r.status() | DoneStatus.MORE, r.currentCommand(), r.rowCount());
            if (r.failed()) {
                return Outcome.ERROR;
            }
        }
        return Outcome.OK;
    }

    private static Map<String, Object> bind(List<ParameterDeclaration> decls, List<RpcParameter> p, int first) {
        Map<String, Object> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = first; i < p.size(); i++) {
            RpcParameter param = p.get(i);
            String name = param.name();
            if (name.isEmpty()) {
                int position = i - first;
                if (position >= decls.size()) {
                    throw new IllegalArgumentException("Procedure or function has too many arguments specified.");
                }
                name = decls.get(position).name();
            }
            values.put(name, param.value());
        }
        return values;
    }

    /**
     * RETURNSTATUS, then RETURNVALUEs: the new handle at {@code handleOrdinal} (when &gt;= 0) and every
     * other by-reference parameter unchanged.
     */
    private Outcome finish(Outcome outcome, List<RpcParameter> p, int handleOrdinal, int handle) {
        if (outcome == Outcome.ATTENTION) {
            return outcome;
        }
        out.returnStatus(outcome == Outcome.OK ? 0 : 1);
        for (int i = 0; i < p.size(); i++) {
            RpcParameter param = p.get(i);
            if (i == handleOrdinal) {
                out.returnValue(new ReturnValue(i, param.name(), ReturnValue.OUTPUT_PARAMETER, 0, 0, TypeInfo.intN(4), handle));
            } else if (param.output()) {
                out.returnValue(new ReturnValue(i, param.name(), ReturnValue.OUTPUT_PARAMETER, 0, 0, param.type(), param.value()));
            }
        }
        return outcome;
    }

    private Outcome fail(int number, String text) {
        out.error(ErrorMapper.message(number, ErrorMapper.STATEMENT_ERROR, text));
        out.returnStatus(1);
        return Outcome.ERROR;
    }

    private static void require(List<RpcParameter> p, int count, RpcCall call) {
        if (p.size() < count) {
            throw new IllegalArgumentException("Procedure or function '" + call.displayName()
                    + "' expects parameters that were not supplied.");
        }
    }

    private static String string(List<RpcParameter> p, int i) {
        if (i >= p.size() || p.get(i).value() == null) {
            return "";
        }
        Object v = p.get(i).value();
        if (!(v instanceof String)) {
            throw new IllegalArgumentException("parameter " + (i + 1) + " must be a character string, not " + v.getClass().getSimpleName());
        }
        return (String) v;
    }

    private static int integer(List<RpcParameter> p, int i) {
        Object v = p.get(i).value();
        if (!(v instanceof Number)) {
            throw new IllegalArgumentException("parameter " + (i + 1) + " must be an integer handle");
        }
        return ((Number) v).intValue();
    }
}
