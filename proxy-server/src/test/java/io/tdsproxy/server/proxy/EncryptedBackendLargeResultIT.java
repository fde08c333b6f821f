package io.tdsproxy.server.proxy;

import io.tdsproxy.server.config.BackendConfig;
import io.tdsproxy.server.config.BackendEncrypt;
import io.tdsproxy.server.config.BackendTlsConfig;
import io.tdsproxy.server.config.NetworkConfig;
import io.tdsproxy.server.config.ProxyConfig;
import io.tdsproxy.server.config.TlsConfig;
import io.tdsproxy.tls.TlsProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A large result (about 19 MiB) relayed with TLS on both legs, so that backpressure and the per-packet
 * flushes run through two SslHandlers: full TDS 7.x TLS on both legs, and TDS 8.0 on both legs. Every
 * row is checked; the time is logged, not asserted (two shared cores).
 */
class EncryptedBackendLargeResultIT {
    private static final Logger LOG = LoggerFactory.getLogger(EncryptedBackendLargeResultIT.class);
    private static final int ROWS = 2_500;
    /** nvarchar characters per row: 8000 bytes of UCS-2. */
    private static final int CHARS = 4_000;

    @TempDir
    Path dir;

    @Test
    void largeResultThroughTlsOnBothLegs() throws Exception {
        TestPki pki = new TestPki(dir);
        for (BackendEncrypt encrypt : new BackendEncrypt[] {BackendEncrypt.ON, BackendEncrypt.STRICT}) {
            try (BackendUnderTest backend = BackendUnderTest.start(encrypt, dir);
                 ProxyFixture proxy = ProxyFixture.start(ProxyConfig.of(new NetworkConfig("127.0.0.1", 0, false,
                         Optional.of(new TlsConfig(pki.certificate, pki.key, null, List.of("TLSv1.2", "TLSv1.3"), null,
                                 TlsProvider.OPENSSL))),
                         new BackendConfig("127.0.0.1", backend.port(), new BackendTlsConfig(encrypt, false,
                                 backend.caPem(), BackendUnderTest.NAME, List.of("TLSv1.2", "TLSv1.3")))))) {
                String client = encrypt == BackendEncrypt.STRICT ? ";encrypt=strict" : ";encrypt=true";
                long start = System.nanoTime();
                int rows = 0;
                try (Connection c = DriverManager.getConnection(Jdbc.url(proxy.port(), client + Jdbc.trustStore(pki)));
                     Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT X, REPEAT('x', " + CHARS + ") FROM SYSTEM_RANGE(1, " + ROWS + ")")) {
                    while (rs.next()) {
                        rows++;
                        assertThat(rs.getLong(1)).isEqualTo(rows);
                        assertThat(rs.getString(2)).hasSize(CHARS);
                    }
                }
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertThat(rows).isEqualTo(ROWS);
                ConnectionRecord record = proxy.events.nextEstablished();
                assertThat(record.backendMode()).isEqualTo(BackendUnderTest.expectedMode(encrypt));
                ConnectionRecord closed = proxy.events.nextClosed();
                assertThat(closed.bytesToClient()).isGreaterThan((long) ROWS * CHARS * 2);
                double mib = closed.bytesToClient() / (1024.0 * 1024.0);
                LOG.info("client {} / backend {}: {} MiB in {} ms ({} MiB/s end to end)", record.mode(), record.backendMode(),
                        String.format("%.1f", mib), millis, String.format("%.0f", mib * 1000 / Math.max(1, millis)));
            }
        }
    }
}
