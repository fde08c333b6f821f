package io.tdsproxy.server.proxy;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Collects connection events for assertions; waits (bounded) for the next one. */
final class RecordingListener implements ConnectionListener {
    private final BlockingQueue<ConnectionRecord> established = new LinkedBlockingQueue<>();
    private final BlockingQueue<ConnectionRecord> closed = new LinkedBlockingQueue<>();

    @Override
    public void established(ConnectionRecord record) {
        established.add(record);
    }

    @Override
    public void closed(ConnectionRecord record) {
        closed.add(record);
    }

    ConnectionRecord nextEstablished() throws InterruptedException {
        return take(established, "established");
    }

    ConnectionRecord nextClosed() throws InterruptedException {
        return take(closed, "closed");
    }

    boolean anyEstablished() {
        return !established.isEmpty();
    }

    private static ConnectionRecord take(BlockingQueue<ConnectionRecord> queue, String what) throws InterruptedException {
        ConnectionRecord record = queue.poll(30, TimeUnit.SECONDS);
        if (record == null) {
            throw new AssertionError("no '" + what + "' connection event within 30 s");
        }
        return record;
    }
}
