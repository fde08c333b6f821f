package io.tdsproxy.server.proxy;

import io.tdsproxy.server.config.BackendConfig;
import io.tdsproxy.server.config.BackendEncrypt;
import io.tdsproxy.server.config.BackendTlsConfig;
import io.tdsproxy.server.config.NetworkConfig;
import io.tdsproxy.server.config.ProxyConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Towards an encrypted backend the proxy sends one TDS packet per TLS record, as SQL Server expects
 * (protocol.md 4.1, go-mssqldb: "one TCP segment per encrypted TDS package"), instead of letting TLS
 * merge a multi-packet request into 16 KiB records. Seen from outside: a tap between the proxy and a
 * TDS 8.0 backend reads the record headers while mssql-jdbc sends a three-packet batch.
 */
class BackendRecordLayoutIT {
    private static final int PACKET_SIZE = 4096;

    @TempDir
    Path dir;

    @Test
    void eachTdsPacketTravelsInItsOwnRecord() throws Exception {
        try (BackendUnderTest backend = BackendUnderTest.start(BackendEncrypt.STRICT, dir);
             TlsRecordTap tap = new TlsRecordTap(backend.port());
             ProxyFixture proxy = ProxyFixture.start(ProxyConfig.of(
                     new NetworkConfig("127.0.0.1", 0, false, Optional.empty()),
                     new BackendConfig("127.0.0.1", tap.port(), new BackendTlsConfig(BackendEncrypt.STRICT, false,
                             backend.caPem(), BackendUnderTest.NAME, List.of("TLSv1.3")))))) {
            String literal = "x".repeat(5000);
            try (Connection c = DriverManager.getConnection(Jdbc.url(proxy.port(),
                    ";encrypt=false;packetSize=" + PACKET_SIZE));
                 Statement s = c.createStatement()) {
                int before = tap.towardsServer.size();
                // ~10 KB of UCS-2 batch text: three packets of at most 4096 bytes.
                try (ResultSet rs = s.executeQuery("SELECT LEN('" + literal + "')")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(5000);
                }
                List<TlsRecordTap.Record> batch = tap.towardsServer.subList(before, tap.towardsServer.size());
                assertThat(batch).as("application data records of the batch").hasSize(3)
                        .allSatisfy(r -> assertThat(r.type()).isEqualTo(0x17));
                // TLS 1.3 AEAD: each record is its packet plus the inner content type and a 16-byte tag.
                assertThat(batch.get(0).length()).isEqualTo(PACKET_SIZE + 17);
                assertThat(batch.get(1).length()).isEqualTo(PACKET_SIZE + 17);
                assertThat(batch.get(2).length()).isLessThan(PACKET_SIZE + 17);
            }
            assertThat(proxy.events.nextEstablished().backendMode()).isEqualTo(BackendLegMode.STRICT);
        }
    }
}
