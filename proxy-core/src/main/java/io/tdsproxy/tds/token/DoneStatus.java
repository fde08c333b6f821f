package io.tdsproxy.tds.token;

/**
 * Status bits of DONE, DONEPROC and DONEINPROC (MS-TDS 2.2.7.6). Test them with masks
 * ({@link Done#has(int)}), never with {@code ==}: servers combine them.
 */
public final class DoneStatus {
    /** DONE_FINAL: the last DONE of the request. */
    public static final int FINAL = 0x0000;
    /** DONE_MORE: more results follow. */
    public static final int MORE = 0x0001;
    /** DONE_ERROR: the statement failed. */
    public static final int ERROR = 0x0002;
    /** DONE_INXACT: a transaction is in progress. */
    public static final int INXACT = 0x0004;
    /** DONE_COUNT: DoneRowCount is valid. */
    public static final int COUNT = 0x0010;
    /** DONE_ATTN: acknowledges an attention (cancel). */
    public static final int ATTN = 0x0020;
    /** DONE_SRVERROR: a severe error discarded the result. */
    public static final int SRVERROR = 0x0100;

    private DoneStatus() {
    }
}
