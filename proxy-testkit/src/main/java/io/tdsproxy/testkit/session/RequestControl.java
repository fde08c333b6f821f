package io.tdsproxy.testkit.session;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The rendezvous between a connection's event loop and the worker running its requests: outstanding
 * requests, ATTENTION (MS-TDS 2.2.1.7, 3.3.5.9), the H2 statement to cancel, and the waits a worker
 * makes (channel writability, {@code WAITFOR}).
 *
 * <p>Attention rule: the acknowledgement (DONE with DONE_ATTN) ends the response of the last
 * outstanding request ({@link RequestRunner} says in which message). The event loop counts a request in before handing it to the
 * worker ({@link #requestAccepted()}); the worker counts it out ({@link #requestFinished()}), which
 * tells it whether an attention stopped the request and whether the acknowledgement is due. An
 * attention arriving while nothing is outstanding is queued as a request of its own
 * ({@link #attention()} returns true), so its DONE follows every byte already queued for the client.
 *
 * <p>All state is guarded by this object's monitor; waits wake on any change.
 */
public final class RequestControl {
    private static final long WAIT_SLICE_MILLIS = 100;

    private int outstanding;
    private boolean attention;
    private boolean closed;
    private Statement running;

    /** How the response of a request that was counted out must end. */
    public enum Ending {
        /** No attention: the response ends as its statements dictate. */
        COMPLETE,
        /** An attention stopped the request; a later outstanding request carries the acknowledgement. */
        INTERRUPTED,
        /** An attention came while the request was outstanding; this response carries the acknowledgement. */
        ACKNOWLEDGE
    }

    /** Event loop: a request (or an attention acknowledgement) was queued for the worker. */
    public synchronized void requestAccepted() {
        outstanding++;
    }

    /**
     * Event loop: an ATTENTION packet arrived. Cancels the running statement.
     *
     * @return true when nothing is outstanding, so the caller must queue a bare acknowledgement
     *         (after calling {@link #requestAccepted()})
     */
    public synchronized boolean attention() {
        attention = true;
        cancelRunning();
        notifyAll();
        return outstanding == 0;
    }

    /** Worker: whether the current request must stop (attention or closed connection). */
    public synchronized boolean attentionRequested() {
        return attention;
    }

    /**
     * Worker: the current request's response is complete except for its end. Whether an attention
     * stopped it and whether this response carries the acknowledgement are decided together, under
     * the monitor, so an attention arriving meanwhile cannot leave the two answers disagreeing.
     *
     * @return how the response must end
     */
    public synchronized Ending requestFinished() {
        outstanding--;
        if (!attention) {
            return Ending.COMPLETE;
        }
        if (outstanding > 0) {
            return Ending.INTERRUPTED;
        }
        attention = false;
        return Ending.ACKNOWLEDGE;
    }

    /** Worker: the H2 statement now running, so that an attention can cancel it ({@code null} when done). */
    public synchronized void running(Statement statement) {
        running = statement;
        if (attention || closed) {
            cancelRunning();
        }
    }

    /** Event loop: the channel closed; wakes and cancels everything. */
    public synchronized void closed() {
        closed = true;
        cancelRunning();
        notifyAll();
    }

    /** Whether the channel has closed. */
    public synchronized boolean isClosed() {
        return closed;
    }

    /** Event loop: writability changed; wakes a worker waiting in {@link #awaitWritable}. */
    public synchronized void wake() {
        notifyAll();
    }

    /**
     * Worker: waits until {@code writable} holds or an attention arrives.
     *
     * @throws ConnectionClosedException when the connection closed meanwhile
     */
    public synchronized void awaitWritable(BooleanSupplier writable) {
        while (!closed && !attention && !writable.getAsBoolean()) {
            waitSlice(WAIT_SLICE_MILLIS);
        }
        if (closed) {
            throw new ConnectionClosedException();
        }
    }

    /**
     * Worker: {@code WAITFOR DELAY}. Returns early on attention.
     *
     * @return true when the full delay passed, false when an attention cut it short
     * @throws ConnectionClosedException when the connection closed meanwhile
     */
    public synchronized boolean sleep(Duration delay) {
        long deadline = System.nanoTime() + delay.toNanos();
        while (!closed && !attention) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            waitSlice(Math.max(1, Math.min(WAIT_SLICE_MILLIS, left / 1_000_000)));
        }
        if (closed) {
            throw new ConnectionClosedException();
        }
        return false;
    }

    private void waitSlice(long millis) {
        try {
            wait(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionClosedException();
        }
    }

    private void cancelRunning() {
        if (running != null) {
            try {
                running.cancel();
            } catch (SQLException ignored) {
                // the statement finished or its connection closed: nothing left to cancel
            }
        }
    }
}
