package io.tdsproxy.server.proxy;

/**
 * Observes certificate reloads: the hook for metrics (reloads by trigger and outcome, the served
 * certificate's expiry). Called on the reload thread, never on an event loop; an exception thrown by
 * a listener is logged and otherwise ignored.
 */
@FunctionalInterface
public interface ReloadListener {
    /** Ignores everything. */
    ReloadListener NONE = result -> {
    };

    /** A reload ended (including {@link ReloadOutcome#UNCHANGED} and {@link ReloadOutcome#REJECTED}). */
    void reloaded(ReloadResult result);
}
