package io.tdsproxy.server.proxy;

import io.netty.handler.ssl.SslContext;
import io.tdsproxy.server.config.TlsConfig;
import io.tdsproxy.tls.KeyMaterial;
import io.tdsproxy.tls.KeyMaterialLoader;
import io.tdsproxy.tls.ServerTlsContexts;
import io.tdsproxy.tls.check.CertificateDoctor;
import io.tdsproxy.tls.check.CheckRow;
import io.tdsproxy.tls.check.Report;
import io.tdsproxy.tls.check.Requirement;
import io.tdsproxy.tls.check.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Replaces the client-leg certificate and key while the proxy runs. A reload reads {@code tlscert}
 * and {@code tlskey} again, loads them, runs the {@link CertificateDoctor} and builds a new context
 * with the configured protocols and ciphers; only when all of that succeeds does it swap the context
 * that new handshakes read ({@link ReloadableTls}). Connections already running keep theirs. A pair
 * that does not load or fails a check is rejected, logged at ERROR with the failed check's text, and
 * the previous pair stays.
 *
 * <p>Reloads run one at a time on a single daemon thread ({@code tdsproxy-cert-reload}), never on an
 * event loop. Triggers: {@link CertificateWatcher} (file changes), SIGHUP (the CLI), {@link #requestReload}.
 * Outcomes are counted ({@link #count}) and reported to a {@link ReloadListener}.
 */
public final class CertificateReloader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateReloader.class);

    private final TlsConfig tls;
    private final ReloadableTls target;
    private final ReloadListener listener;
    private final CertificateDoctor doctor;
    private final ScheduledExecutorService executor;
    private final Map<ReloadOutcome, AtomicLong> counts = new EnumMap<>(ReloadOutcome.class);
    /** Fingerprint of the files at the last attempt, accepted or not: the watcher retries only on change. */
    private String lastAttempt;

    CertificateReloader(TlsConfig tls, ReloadableTls target, ReloadListener listener, Clock clock) {
        this.tls = tls;
        this.target = target;
        this.listener = listener;
        this.doctor = new CertificateDoctor(clock);
        this.lastAttempt = target.served().fingerprint();
        for (ReloadOutcome outcome : ReloadOutcome.values()) {
            counts.put(outcome, new AtomicLong());
        }
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "tdsproxy-cert-reload");
            thread.setDaemon(true);
            return thread;
        });
        pool.setRemoveOnCancelPolicy(true);
        this.executor = pool;
    }

    /** Reloads on the reload thread, even when the files look unchanged (SIGHUP, admin calls). */
    public Future<ReloadResult> requestReload(ReloadTrigger trigger) {
        return executor.submit(() -> reload(trigger, true).orElseThrow());
    }

    /** How many reloads ended with {@code outcome} so far: for metrics. */
    public long count(ReloadOutcome outcome) {
        return counts.get(outcome).get();
    }

    /** The certificate new handshakes get. */
    public X509Certificate currentCertificate() {
        return target.served().certificate();
    }

    /** The thread reloads run on; the watcher schedules its debounced checks there. */
    ScheduledExecutorService scheduler() {
        return executor;
    }

    /**
     * One reload attempt; call on the reload thread.
     *
     * @param evenIfUnchanged false for file events: files whose content was tried already are skipped
     * @return the result, or empty when skipped
     */
    synchronized Optional<ReloadResult> reload(ReloadTrigger trigger, boolean evenIfUnchanged) {
        ReloadableTls.Served current = target.served();
        String fingerprint;
        try {
            fingerprint = ServerTls.fingerprint(tls);
        } catch (RuntimeException e) {
            return Optional.of(rejected(trigger, current, e.getMessage()));
        }
        if (!evenIfUnchanged && fingerprint.equals(lastAttempt)) {
            return Optional.empty();
        }
        lastAttempt = fingerprint;
        if (fingerprint.equals(current.fingerprint())) {
            LOG.info("certificate reload ({}): files unchanged, still serving serial {}", trigger, serial(current.certificate()));
            return Optional.of(finish(trigger, ReloadOutcome.UNCHANGED, "", current.certificate()));
        }
        KeyMaterial material;
        try {
            material = KeyMaterialLoader.load(tls.certificate(), tls.privateKey(), tls.keyPassword());
        } catch (RuntimeException e) {
            return Optional.of(rejected(trigger, current, "cannot load the certificate and key: " + e.getMessage()));
        }
        Report report = doctor.check(material, tls.privateKey(), null);
        if (report.hasFailures()) {
            return Optional.of(rejected(trigger, current, "failed check: " + report.describeFailures()));
        }
        SslContext context;
        Optional<SslContext> strict;
        try {
            context = ServerTlsContexts.tds7(material, tls.protocols(), tls.ciphers(), ServerTls.provider(tls));
            strict = ServerTls.strict(tls, material);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return Optional.of(rejected(trigger, current, e.getMessage()));
        }
        target.swap(new ReloadableTls.Served(context, material, fingerprint, strict));
        warnings(report);
        LOG.info("certificate reloaded ({}): serial {} -> {}, subject {}, valid until {}; new handshakes use it",
                trigger, serial(current.certificate()), serial(material.leaf()),
                material.leaf().getSubjectX500Principal().getName(), material.leaf().getNotAfter().toInstant());
        return Optional.of(finish(trigger, ReloadOutcome.RELOADED, "", material.leaf()));
    }

    private ReloadResult rejected(ReloadTrigger trigger, ReloadableTls.Served current, String reason) {
        LOG.error("certificate reload ({}) rejected: {} {}: {}; still serving serial {}", trigger, tls.certificate(),
                tls.privateKey(), reason, serial(current.certificate()));
        return finish(trigger, ReloadOutcome.REJECTED, reason, current.certificate());
    }

    /** WARN rows, except the host row: the proxy is not told the name clients use, so it always warns. */
    private static void warnings(Report report) {
        for (CheckRow row : report.rows(Verdict.WARN)) {
            if (row.requirement() != Requirement.HOST_NAME) {
                LOG.warn("reloaded certificate: {}: {} (fix: {})", row.requirement().title(), row.detail(), row.fix());
            }
        }
    }

    private ReloadResult finish(ReloadTrigger trigger, ReloadOutcome outcome, String detail, X509Certificate served) {
        counts.get(outcome).incrementAndGet();
        ReloadResult result = new ReloadResult(trigger, outcome, detail, served.getSerialNumber(),
                served.getNotAfter().toInstant());
        try {
            listener.reloaded(result);
        } catch (RuntimeException e) {
            LOG.warn("reload listener failed", e);
        }
        return result;
    }

    static String serial(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16);
    }

    /** Stops the reload thread; a reload under way is interrupted between steps. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
