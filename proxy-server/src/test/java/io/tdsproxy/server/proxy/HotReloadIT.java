package io.tdsproxy.server.proxy;

import io.tdsproxy.tls.GeneratedCertificate;
import io.tdsproxy.tls.TlsProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Certificate hot reload under live mssql-jdbc connections over real sockets: the proxy watches its
 * certificate files; a connection opened before a swap keeps working, a new one is shown the new
 * certificate (its serial recorded by {@link RecordingTrustManager}), and a broken pair is rejected
 * while the previous one keeps being served.
 */
class HotReloadIT {
    @TempDir
    Path dir;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final BlockingQueue<ReloadResult> reloads = new LinkedBlockingQueue<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private ReloadResult nextReload() throws InterruptedException {
        ReloadResult result = reloads.poll(30, TimeUnit.SECONDS);
        assertThat(result).as("a reload within 30 s").isNotNull();
        return result;
    }

    private static Connection open(int port, String key) throws SQLException {
        return DriverManager.getConnection(Jdbc.url(port, RecordingTrustManager.jdbcProperties(key)));
    }

    private static int selectOne(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
            return rs.getInt(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void filesReplacedUnderLiveConnections(TlsProvider provider) throws Exception {
        TestPki pki = new TestPki(dir);
        RecordingTrustManager.trust(pki.ca.certificate());
        FakeBackend backend = new FakeBackend();
        resources.add(backend);
        ProxyFixture proxy = ProxyFixture.tls(backend.port(), pki, provider,
                b -> b.reloadListener(reloads::add).watchCertificates(300));
        resources.add(proxy);
        String run = provider + "-" + System.nanoTime();

        Connection before = open(proxy.port(), run + "-before");
        resources.add(before);
        assertThat(selectOne(before)).isEqualTo(1);
        assertThat(RecordingTrustManager.serialSeenBy(run + "-before")).isEqualTo(pki.server.certificate().getSerialNumber());

        GeneratedCertificate second = ReloadPairs.fresh(pki);
        ReloadPairs.install(pki, second);
        ReloadResult reloaded = nextReload();
        assertThat(reloaded.outcome()).as(reloaded.toString()).isEqualTo(ReloadOutcome.RELOADED);
        assertThat(reloaded.trigger()).isEqualTo(ReloadTrigger.FILE_CHANGE);
        BigInteger secondSerial = second.certificate().getSerialNumber();
        assertThat(reloaded.serial()).isEqualTo(secondSerial);

        assertThat(selectOne(before)).as("the connection opened before the swap").isEqualTo(1);
        try (Connection after = open(proxy.port(), run + "-after")) {
            assertThat(selectOne(after)).isEqualTo(1);
        }
        assertThat(RecordingTrustManager.serialSeenBy(run + "-after")).isEqualTo(secondSerial);

        ReloadPairs.install(pki, ReloadPairs.expired(pki));
        ReloadResult rejected = nextReload();
        assertThat(rejected.outcome()).as(rejected.toString()).isEqualTo(ReloadOutcome.REJECTED);
        assertThat(rejected.detail()).contains("validity dates");
        assertThat(rejected.serial()).isEqualTo(secondSerial);
        try (Connection afterBroken = open(proxy.port(), run + "-broken")) {
            assertThat(selectOne(afterBroken)).isEqualTo(1);
        }
        assertThat(RecordingTrustManager.serialSeenBy(run + "-broken")).isEqualTo(secondSerial);
        assertThat(selectOne(before)).isEqualTo(1);

        CertificateReloader reloader = proxy.server.certificateReloader().orElseThrow();
        assertThat(reloader.count(ReloadOutcome.RELOADED)).isEqualTo(1);
        assertThat(reloader.count(ReloadOutcome.REJECTED)).isEqualTo(1);
        assertThat(reloader.currentCertificate().getSerialNumber()).isEqualTo(secondSerial);
    }
}
