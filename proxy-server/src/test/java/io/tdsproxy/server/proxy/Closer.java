package io.tdsproxy.server.proxy;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The resources one test opened (backends, proxies, observability), closed last-in-first-out so a proxy
 * goes before the backend it relays to. Every resource is closed even when an earlier one fails; the
 * first failure is thrown with the later ones attached as suppressed. Tests hold one per instance and
 * close it in {@code @AfterEach}.
 */
final class Closer implements AutoCloseable {
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    /** Registers {@code resource} to be closed by {@link #close()} and returns it. */
    <T extends AutoCloseable> T register(T resource) {
        resources.push(resource);
        return resource;
    }

    @Override
    public void close() throws Exception {
        Exception failure = null;
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
