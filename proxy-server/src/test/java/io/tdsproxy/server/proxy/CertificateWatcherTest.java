package io.tdsproxy.server.proxy;

import io.tdsproxy.server.config.BackendConfig;
import io.tdsproxy.server.config.NetworkConfig;
import io.tdsproxy.server.config.ProxyConfig;
import io.tdsproxy.server.config.TlsConfig;
import io.tdsproxy.tls.GeneratedCertificate;
import io.tdsproxy.tls.PemFiles;
import io.tdsproxy.tls.TlsProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The file watcher on a real file system, with the ways certificates get replaced in practice: a
 * Kubernetes Secret volume's {@code ..data} symlink swap, a symlink into another directory whose
 * target is rewritten, and a certificate and key written one after the other.
 */
class CertificateWatcherTest {
    @TempDir
    Path dir;
    @TempDir
    static Path pkiDir;
    /** Generated once (key generation is the slow part); each test starts from its original files. */
    private static TestPki pki;
    private static GeneratedCertificate renewed;
    private final BlockingQueue<ReloadResult> results = new LinkedBlockingQueue<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private CertificateReloader reloader;

    @BeforeAll
    static void pki() throws Exception {
        pki = new TestPki(pkiDir);
        renewed = ReloadPairs.fresh(pki);
    }

    @BeforeEach
    void originalFiles() throws Exception {
        ReloadPairs.install(pki, pki.server);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private void watch(Path certificate, Path key, long quietMillis) throws Exception {
        TlsConfig tls = new TlsConfig(certificate, key, null, List.of("TLSv1.2"), null, TlsProvider.OPENSSL);
        ProxyConfig config = ProxyConfig.of(new NetworkConfig("127.0.0.1", 0, false, Optional.of(tls)),
                new BackendConfig("127.0.0.1", 1));
        reloader = new CertificateReloader(tls, ServerTls.create(config).orElseThrow(), results::add, Clock.systemUTC());
        resources.add(reloader);
        resources.add(CertificateWatcher.start(tls, reloader, quietMillis));
    }

    private ReloadResult next() throws InterruptedException {
        ReloadResult result = results.poll(30, TimeUnit.SECONDS);
        assertThat(result).as("a reload within 30 s").isNotNull();
        return result;
    }

    @Test
    void kubernetesSecretDataSymlinkSwap() throws Exception {
        Path secret = Files.createDirectories(dir.resolve("secret"));
        Path first = Files.createDirectories(secret.resolve("..2026_12_04_10_00_00.1"));
        ReloadPairs.install(pki.server, first.resolve("tls.crt"), first.resolve("tls.key"));
        Files.createSymbolicLink(secret.resolve("..data"), first.getFileName());
        Files.createSymbolicLink(secret.resolve("tls.crt"), Path.of("..data", "tls.crt"));
        Files.createSymbolicLink(secret.resolve("tls.key"), Path.of("..data", "tls.key"));
        watch(secret.resolve("tls.crt"), secret.resolve("tls.key"), 200);

        // What the kubelet does: write a new timestamped directory, point ..data_tmp at it, rename over ..data.
        Path second = Files.createDirectories(secret.resolve("..2026_12_04_11_00_00.2"));
        ReloadPairs.install(renewed, second.resolve("tls.crt"), second.resolve("tls.key"));
        Files.createSymbolicLink(secret.resolve("..data_tmp"), second.getFileName());
        Files.move(secret.resolve("..data_tmp"), secret.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
        deleteTree(first);

        ReloadResult result = next();
        assertThat(result.outcome()).as(result.toString()).isEqualTo(ReloadOutcome.RELOADED);
        assertThat(result.serial()).isEqualTo(renewed.certificate().getSerialNumber());
        assertThat(reloader.currentCertificate().getSerialNumber()).isEqualTo(renewed.certificate().getSerialNumber());
    }

    @Test
    void symlinkTargetRewrittenInItsOwnDirectory() throws Exception {
        Path config = Files.createDirectories(dir.resolve("conf"));
        Files.createSymbolicLink(config.resolve("server.pem"), pki.certificate);
        Files.createSymbolicLink(config.resolve("server.key"), pki.key);
        watch(config.resolve("server.pem"), config.resolve("server.key"), 200);

        ReloadPairs.install(pki, renewed);
        ReloadResult result = next();
        assertThat(result.outcome()).as(result.toString()).isEqualTo(ReloadOutcome.RELOADED);
        assertThat(result.serial()).isEqualTo(renewed.certificate().getSerialNumber());
    }

    @Test
    void certificateThenKeyMakeOneReloadNotARejectedHalfPair() throws Exception {
        watch(pki.certificate, pki.key, 1_000);
        PemFiles.writeCertificates(pki.certificate, renewed.chain());
        PemFiles.writePkcs8(pki.key, renewed.key());

        ReloadResult result = next();
        assertThat(result.outcome()).as("the first check sees both files: %s", result).isEqualTo(ReloadOutcome.RELOADED);
        assertThat(reloader.count(ReloadOutcome.REJECTED)).isZero();
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
