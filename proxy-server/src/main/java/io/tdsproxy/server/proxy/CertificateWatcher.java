package io.tdsproxy.server.proxy;

import io.tdsproxy.server.config.TlsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reloads the certificate when {@code tlscert} or {@code tlskey} change on disk.
 *
 * <p>It watches directories, not files, because files are rarely rewritten in place: editors write a
 * new file and rename it over the old one, certbot repoints a symlink, and a Kubernetes Secret volume
 * swaps its {@code ..data} symlink to a new timestamped directory (so {@code tls.crt -> ..data/tls.crt}
 * changes without any event naming {@code tls.crt}). Watched are the directory each configured path
 * lies in and the directory its symlinks resolve to, re-resolved after every check. Any event there
 * starts a quiet period; when {@value #DEFAULT_QUIET_MILLIS} ms pass without another event, the
 * {@link CertificateReloader} compares the files' content with what it tried last and reloads only on a
 * real change. So a certificate and key written one after the other make one reload, not a rejected
 * half-pair followed by a good one.
 *
 * <p>One daemon thread ({@code tdsproxy-cert-watch}) blocks on the {@link WatchService}; checks run on
 * the reloader's thread.
 */
final class CertificateWatcher implements AutoCloseable {
    static final long DEFAULT_QUIET_MILLIS = 500;
    private static final Logger LOG = LoggerFactory.getLogger(CertificateWatcher.class);

    private final CertificateReloader reloader;
    private final List<Path> files;
    private final long quietMillis;
    private final WatchService watchService;
    private final Map<Path, WatchKey> keys = new HashMap<>();
    private final Thread thread;
    private ScheduledFuture<?> pending;

    private CertificateWatcher(TlsConfig tls, CertificateReloader reloader, long quietMillis) throws IOException {
        this.reloader = reloader;
        this.files = List.of(tls.certificate().toAbsolutePath(), tls.privateKey().toAbsolutePath());
        this.quietMillis = quietMillis;
        this.watchService = FileSystems.getDefault().newWatchService();
        registerDirectories();
        this.thread = new Thread(this::watch, "tdsproxy-cert-watch");
        thread.setDaemon(true);
    }

    /** Starts watching the directories of {@code tls}'s certificate and key files. */
    static CertificateWatcher start(TlsConfig tls, CertificateReloader reloader, long quietMillis) throws IOException {
        CertificateWatcher watcher = new CertificateWatcher(tls, reloader, quietMillis);
        watcher.thread.start();
        LOG.info("watching {} for certificate changes", watcher.directories());
        return watcher;
    }

    synchronized Set<Path> directories() {
        return Set.copyOf(keys.keySet());
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = watchService.take();
                key.pollEvents();
                key.reset();
                restartQuietPeriod();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            LOG.debug("certificate watch ended");
        }
    }

    private synchronized void restartQuietPeriod() {
        if (pending != null) {
            pending.cancel(false);
        }
        try {
            pending = reloader.scheduler().schedule(this::check, quietMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("reloader closed; file event ignored");
        }
    }

    private void check() {
        reloader.reload(ReloadTrigger.FILE_CHANGE, false);
        registerDirectories();
    }

    /** The configured paths' directories and, through symlinks, their targets' directories. */
    private synchronized void registerDirectories() {
        Set<Path> wanted = new LinkedHashSet<>();
        for (Path file : files) {
            wanted.add(file.getParent());
            try {
                wanted.add(file.toRealPath().getParent());
            } catch (IOException e) {
                LOG.debug("cannot resolve {}: {}", file, e.toString());
            }
        }
        keys.values().removeIf(key -> !key.isValid());
        for (Path dir : wanted) {
            if (keys.containsKey(dir)) {
                continue;
            }
            try {
                keys.put(dir, dir.register(watchService, StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE));
            } catch (IOException | ClosedWatchServiceException e) {
                LOG.warn("cannot watch {} for certificate changes: {}", dir, e.toString());
            }
        }
    }

    @Override
    public void close() {
        try {
            watchService.close();
        } catch (IOException e) {
            LOG.debug("closing the watch service: {}", e.toString());
        }
        thread.interrupt();
        synchronized (this) {
            if (pending != null) {
                pending.cancel(false);
            }
        }
    }
}
