package io.tdsproxy.server.cli;

import io.tdsproxy.server.proxy.CertificateReloader;
import io.tdsproxy.server.proxy.ReloadTrigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;

/**
 * SIGHUP reloads the certificate and key ({@code systemctl reload tdsproxy}, {@code kill -HUP PID}),
 * as nginx and HAProxy do. Without a handler the JVM treats SIGHUP like SIGTERM and exits.
 *
 * <p>{@code sun.misc.Signal} (module {@code jdk.unsupported}) is the only way a Java program can catch
 * SIGHUP; it is available on every JDK the proxy supports. The handler runs on the JVM's signal
 * thread and only hands the reload to the reloader's own thread. When the JVM cannot take SIGHUP
 * (started with {@code -Xrs}, or SIGHUP ignored as under {@code nohup}), a warning says so and the
 * file watcher remains.
 */
final class ReloadSignal {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadSignal.class);
    static final String NAME = "HUP";

    private ReloadSignal() {
    }

    /**
     * Installs the handler; returns whether SIGHUP is now caught. Without a certificate there is nothing
     * to reload, but SIGHUP is caught all the same, so that {@code systemctl reload} does not end the proxy.
     */
    static boolean install(Optional<CertificateReloader> reloader) {
        try {
            Signal.handle(new Signal(NAME), signal -> {
                if (reloader.isEmpty()) {
                    LOG.info("SIGHUP: no certificate configured, nothing to reload");
                    return;
                }
                try {
                    reloader.get().requestReload(ReloadTrigger.SIGHUP);
                } catch (RejectedExecutionException e) {
                    LOG.info("SIGHUP ignored: the proxy is shutting down");
                }
            });
            LOG.info(reloader.isPresent() ? "SIGHUP reloads the certificate and key"
                    : "SIGHUP is caught (no certificate configured: nothing to reload)");
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            LOG.warn("SIGHUP cannot be handled here ({}); certificate reload only by watching the files", e.getMessage());
            return false;
        }
    }
}
