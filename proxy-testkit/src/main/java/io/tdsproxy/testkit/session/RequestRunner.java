package io.tdsproxy.testkit.session;

import io.tdsproxy.tds.token.Done;
import io.tdsproxy.tds.token.DoneStatus;
import io.tdsproxy.tds.token.TokenType;
import io.tdsproxy.testkit.h2.ErrorMapper;
import io.tdsproxy.testkit.h2.H2Session;
import io.tdsproxy.testkit.rpc.RpcCall;
import io.tdsproxy.testkit.sql.BatchSplitter;
import io.tdsproxy.testkit.wire.ResponseWriter;

import java.util.List;
import java.util.Map;

/**
 * Answers one SQL batch (MS-TDS 2.2.6.7) or RPC request (2.2.6.6) with one response message:
 *
 * <pre>
 * batch:  per statement [COLMETADATA ROW*] [ERROR] DONE(MORE ...) ... last DONE without MORE
 * RPC:    per call: per statement [COLMETADATA ROW*] DONEINPROC(MORE ...) RETURNSTATUS RETURNVALUE* DONEPROC
 * </pre>
 * A batch stops at its first failing statement (its DONE carries DONE_ERROR). An attention stops
 * everything at the next row or statement. MS-TDS 4.19.2 lets the acknowledgement DONE(DONE_ATTN)
 * come with or without a DONE with DONE_MORE clear before it; which form is safe depends on the
 * client:
 * <ul>
 * <li>TDS 7.2+: the message ends with DONE(DONE_ERROR), as SQL Server 2005 and later do, and the
 *     acknowledgement follows as a message of its own. mssql-jdbc requires that: when it reads the
 *     EOM of a response while its attention is pending, it reads exactly one more packet for the
 *     acknowledgement ({@code TDSCommand.onResponseEOM}).</li>
 * <li>TDS 7.1 (jTDS): the acknowledgement is the last token of the response itself, with no final
 *     DONE before it. jTDS ends a response at a DONE without DONE_MORE unless its cancel is already
 *     marked pending, and it marks it only after the ATTENTION packet has been written
 *     ({@code TdsCore.cancel}): a quick server answer read in that gap ended the statement
 *     normally, the cancel lost. A DONE(DONE_ATTN) is reported as the cancel however the threads
 *     interleave ({@code TdsCore.tdsDoneToken} takes the cancel monitor first). A DONE(DONE_ERROR)
 *     is no option there either: jTDS reports one without ERROR token as an unspecified error.</li>
 * </ul>
 * The last DONE is held back until the end because its DONE_MORE bit depends on what follows.
 */
final class RequestRunner {
    private final H2Session session;
    private final RequestControl control;
    private final ResponseWriter out;
    private final StatementExecutor executor;
    private final ProcedureRunner procedures;

    RequestRunner(H2Session session, RequestControl control, ResponseWriter out) {
        this.session = session;
        this.control = control;
        this.out = out;
        this.executor = new StatementExecutor(session, control, out);
        this.procedures = new ProcedureRunner(session, control, out, executor);
    }

    /**
     * Runs a SQL batch text.
     *
     * @return true when an attention acknowledgement must follow as a separate message
     */
    boolean batch(String sql) {
        Pending pending = null;
        for (String statement : BatchSplitter.split(sql)) {
            if (control.attentionRequested()) {
                break;
            }
            write(pending, true);
            pending = null;
            StatementResult r = executor.run(statement, Map.of());
            if (r.attention()) {
                break;
            }
            pending = new Pending(TokenType.DONE, r.status(), r.currentCommand(), r.rowCount());
            if (r.failed()) {
                break;
            }
        }
        return end(pending);
    }

    /**
     * Runs the calls of an RPC request.
     *
     * @return true when an attention acknowledgement must follow as a separate message
     */
    boolean rpc(List<RpcCall> calls) {
        Pending pending = null;
        for (RpcCall call : calls) {
            if (control.attentionRequested()) {
                break;
            }
            write(pending, true);
            pending = null;
            ProcedureRunner.Outcome r = procedures.run(call);
            if (r == ProcedureRunner.Outcome.ATTENTION) {
                break;
            }
            pending = new Pending(TokenType.DONEPROC, r == ProcedureRunner.Outcome.ERROR ? DoneStatus.ERROR : 0,
                    Done.CMD_EXECUTE, 0);
        }
        return end(pending);
    }

    /**
     * Answers a request type the embedded server does not implement with ERROR and DONE(ERROR).
     *
     * @return true when an attention acknowledgement must follow as a separate message
     */
    boolean unsupported(String text) {
        out.error(ErrorMapper.message(40517, ErrorMapper.STATEMENT_ERROR, text));
        return end(new Pending(TokenType.DONE, DoneStatus.ERROR, 0, 0));
    }

    /** Writes the attention acknowledgement: a message of its own, or the end of a TDS 7.1 response. */
    static void acknowledgeAttention(ResponseWriter out) {
        out.done(TokenType.DONE, DoneStatus.ATTN, 0, 0);
    }

    private boolean end(Pending pending) {
        switch (control.requestFinished()) {
            case ACKNOWLEDGE:
                write(pending, true);
                if (out.level().atLeast72()) {
                    out.done(TokenType.DONE, DoneStatus.ERROR, 0, 0);
                    return true;
                }
                acknowledgeAttention(out);
                return false;
            case INTERRUPTED:
                // a later request (already queued by a pipelining client) carries the acknowledgement
                write(pending, true);
                out.done(TokenType.DONE, out.level().atLeast72() ? DoneStatus.ERROR : DoneStatus.FINAL, 0, 0);
                return false;
            default:
                if (pending != null) {
                    write(pending, false);
                } else {
                    out.done(TokenType.DONE, DoneStatus.FINAL, 0, 0);
                }
                return false;
        }
    }

    private void write(Pending p, boolean more) {
        if (p != null) {
            out.done(p.kind, p.status | (more ? DoneStatus.MORE : 0), p.command, p.rows);
        }
    }

    /** A DONE-family token not yet written. */
    private record Pending(TokenType kind, int status, int command, long rows) {
    }
}
