package io.tdsproxy.testkit.h2;

import java.util.HashMap;
import java.util.Map;

/**
 * The prepared statement handles of one session ({@code sp_prepare}, {@code sp_prepexec}): the handle
 * only names the T-SQL text and its parameter declarations; every execution re-translates and
 * re-prepares it on H2, which is cheap enough for a test server.
 */
public final class PreparedHandles {
    /** What a handle stands for. */
    public record Prepared(String declarations, String statement) {
    }

    private final Map<Integer, Prepared> byHandle = new HashMap<>();
    private int next = 1;

    /** Registers a statement and returns its new handle (1, 2, ...). */
    public synchronized int register(String declarations, String statement) {
        int handle = next++;
        byHandle.put(handle, new Prepared(declarations, statement));
        return handle;
    }

    /** The statement for {@code handle}, or {@code null} when unknown. */
    public synchronized Prepared get(int handle) {
        return byHandle.get(handle);
    }

    /** Forgets a handle; unknown handles are ignored like SQL Server does for sp_unprepare. */
    public synchronized void remove(int handle) {
        byHandle.remove(handle);
    }
}
