package io.tdsproxy.testkit.rpc;

import java.util.List;
import java.util.Locale;

/**
 * One RPCReqBatch of an RPC request (MS-TDS 2.2.6.6): the procedure, by well-known id or by name,
 * and its parameters.
 *
 * @param procName    the name as sent, or {@code null} when sent by id
 * @param procId      the ProcID when sent by id (MS-TDS 2.2.6.6: 10 sp_executesql, 11 sp_prepare,
 *                    12 sp_execute, 13 sp_prepexec, 15 sp_unprepare ...), else -1
 * @param optionFlags OptionFlags (0x01 fWithRecomp, 0x02 fNoMetaData, 0x04 fReuseMetaData)
 * @param parameters  in the order sent
 */
public record RpcCall(String procName, int procId, int optionFlags, List<RpcParameter> parameters) {
    /** Well-known ProcIDs (MS-TDS 2.2.6.6). */
    public static final int SP_CURSOR = 1;
    public static final int SP_EXECUTESQL = 10;
    public static final int SP_PREPARE = 11;
    public static final int SP_EXECUTE = 12;
    public static final int SP_PREPEXEC = 13;
    public static final int SP_PREPEXECRPC = 14;
    public static final int SP_UNPREPARE = 15;

    public RpcCall {
        parameters = List.copyOf(parameters);
    }

    /**
     * The well-known procedure id, also for a call by name ({@code sp_executesql},
     * {@code master..sp_prepare}, {@code [sys].[sp_execute]} ...); -1 for any other procedure.
     */
    public int resolvedId() {
        if (procId >= 0) {
            return procId;
        }
        String name = procName.toLowerCase(Locale.ROOT).replace("[", "").replace("]", "");
        int dot = name.lastIndexOf('.');
        switch (dot >= 0 ? name.substring(dot + 1) : name) {
            case "sp_executesql": return SP_EXECUTESQL;
            case "sp_prepare": return SP_PREPARE;
            case "sp_execute": return SP_EXECUTE;
            case "sp_prepexec": return SP_PREPEXEC;
            case "sp_unprepare": return SP_UNPREPARE;
            default: return -1;
        }
    }

    /** A name for messages: the name sent, or the well-known name of the id. */
    public String displayName() {
        if (procName != null) {
            return procName;
        }
        switch (procId) {
            case SP_EXECUTESQL: return "sp_executesql";
            case SP_PREPARE: return "sp_prepare";
            case SP_EXECUTE: return "sp_execute";
            case SP_PREPEXEC: return "sp_prepexec";
            case SP_UNPREPARE: return "sp_unprepare";
            default: return "procedure id " + procId;
        }
    }
}
