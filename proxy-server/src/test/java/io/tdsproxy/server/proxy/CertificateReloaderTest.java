package io.tdsproxy.server.proxy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.tdsproxy.server.config.TlsConfig;
import io.tdsproxy.tls.GeneratedCertificate;
import io.tdsproxy.tls.PemFiles;
import io.tdsproxy.tls.TlsProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What a reload accepts, what it rejects (with the failed check's text) and what it keeps serving. */
class CertificateReloaderTest {
    @TempDir
    static Path dir;
    /** Generated once (RSA key generation is the slow part); each test starts from its original files. */
    private static TestPki pki;
    private static GeneratedCertificate next;
    private static GeneratedCertificate expired;

    private ReloadableTls tls;
    private CertificateReloader reloader;
    private final List<ReloadResult> results = new ArrayList<>();
    private LogLines log;

    @BeforeAll
    static void pki() throws Exception {
        pki = new TestPki(dir);
        next = ReloadPairs.fresh(pki);
        expired = ReloadPairs.expired(pki);
    }

    @BeforeEach
    void start() throws Exception {
        ReloadPairs.install(pki, pki.server);
        tls = ServerTls.create(ProxyFixture.config(1, pki, false, TlsProvider.OPENSSL)).orElseThrow();
        TlsConfig config = ProxyFixture.config(1, pki, false, TlsProvider.OPENSSL).network().tls().orElseThrow();
        reloader = new CertificateReloader(config, tls, results::add, Clock.systemUTC());
        log = new LogLines(CertificateReloader.class);
    }

    @AfterEach
    void stop() {
        log.close();
        reloader.close();
    }

    private BigInteger served() {
        return tls.served().certificate().getSerialNumber();
    }

    private ReloadResult reload() {
        return reloader.reload(ReloadTrigger.API, true).orElseThrow();
    }

    private String lastError() {
        List<ILoggingEvent> errors = log.events().stream().filter(e -> e.getLevel() == Level.ERROR).toList();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).getThrowableProxy()).isNull();
        return errors.get(0).getFormattedMessage();
    }

    @Test
    void aNewValidPairIsSwappedIn() {
                var before = tls.context();
        ReloadPairs.installQuietly(pki, next);
        ReloadResult result = reload();
        assertThat(result.outcome()).isEqualTo(ReloadOutcome.RELOADED);
        assertThat(served()).isEqualTo(next.certificate().getSerialNumber()).isEqualTo(result.serial());
        assertThat(tls.context()).isNotSameAs(before);
        assertThat(results).containsExactly(result);
        assertThat(reloader.count(ReloadOutcome.RELOADED)).isEqualTo(1);
    }

    @Test
    void unchangedFilesChangeNothing() {
        var before = tls.context();
        assertThat(reload().outcome()).isEqualTo(ReloadOutcome.UNCHANGED);
        assertThat(tls.context()).isSameAs(before);
        assertThat(reloader.reload(ReloadTrigger.FILE_CHANGE, false)).as("file event, content tried already").isEmpty();
    }

    @Test
    void anExpiredCertificateIsRejectedWithTheValidityRow() {
        BigInteger old = served();
        ReloadPairs.installQuietly(pki, expired);
        ReloadResult result = reload();
        assertThat(result.outcome()).isEqualTo(ReloadOutcome.REJECTED);
        assertThat(result.detail()).contains("validity dates", "expired on");
        assertThat(served()).isEqualTo(old).isEqualTo(result.serial());
        assertThat(lastError()).contains("rejected", "validity dates", "still serving serial " + old.toString(16));
        assertThat(reloader.reload(ReloadTrigger.FILE_CHANGE, false)).as("same broken files: not retried").isEmpty();
    }

    @Test
    void aKeyOfAnotherCertificateIsRejected() throws Exception {
        BigInteger old = served();
        PemFiles.writeCertificates(pki.certificate, next.chain());
        ReloadResult result = reload();
        assertThat(result.outcome()).isEqualTo(ReloadOutcome.REJECTED);
        assertThat(result.detail()).contains("cannot load");
        assertThat(served()).isEqualTo(old);
        assertThat(lastError()).contains(pki.certificate.toString());
    }

    @Test
    void aKeyEveryoneCanReadIsRejectedWithTheKeyFileRow() throws Exception {
        ReloadPairs.installQuietly(pki, next);
        Files.setPosixFilePermissions(pki.key, PosixFilePermissions.fromString("rw-r--r--"));
        ReloadResult result = reload();
        assertThat(result.outcome()).isEqualTo(ReloadOutcome.REJECTED);
        assertThat(result.detail()).contains("key file permissions", "chmod 600");
    }

    @Test
    void garbageAndMissingFilesAreRejected() throws Exception {
        BigInteger old = served();
        Files.writeString(pki.certificate, "not a certificate\n");
        assertThat(reload().outcome()).isEqualTo(ReloadOutcome.REJECTED);
        Files.delete(pki.key);
        ReloadResult missing = reload();
        assertThat(missing.outcome()).isEqualTo(ReloadOutcome.REJECTED);
        assertThat(missing.detail()).contains(pki.key.toString());
        assertThat(served()).isEqualTo(old);
        assertThat(reloader.count(ReloadOutcome.REJECTED)).isEqualTo(2);
    }

    @Test
    void requestReloadRunsOnTheReloadThread() throws Exception {
        ReloadPairs.installQuietly(pki, next);
        ReloadResult result = reloader.requestReload(ReloadTrigger.SIGHUP).get(30, TimeUnit.SECONDS);
        assertThat(result.trigger()).isEqualTo(ReloadTrigger.SIGHUP);
        assertThat(result.outcome()).isEqualTo(ReloadOutcome.RELOADED);
    }

    @Test
    void aFailingListenerDoesNotStopTheReload() throws Exception {
        reloader.close();
        TlsConfig config = ProxyFixture.config(1, pki, false, TlsProvider.OPENSSL).network().tls().orElseThrow();
        reloader = new CertificateReloader(config, tls, r -> {
            throw new IllegalStateException("listener broke");
        }, Clock.systemUTC());
                ReloadPairs.installQuietly(pki, next);
        assertThat(reload().outcome()).isEqualTo(ReloadOutcome.RELOADED);
        assertThat(served()).isEqualTo(next.certificate().getSerialNumber());
    }
}
