package io.tdsproxy.server.container;

import io.tdsproxy.server.config.ConfigLoader;
import io.tdsproxy.server.proxy.BackendLegMode;
import io.tdsproxy.server.proxy.ClientLegMode;
import io.tdsproxy.server.proxy.ConnectionListener;
import io.tdsproxy.server.proxy.ConnectionRecord;
import io.tdsproxy.server.proxy.ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mssqlserver.MSSQLServerContainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import static io.tdsproxy.server.container.SqlServerContainers.into;
import static io.tdsproxy.server.container.SqlServerContainers.nextLogin;
import static io.tdsproxy.server.container.SqlServerContainers.serverVersion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The proxy in front of a real SQL Server 2022 container that forces encryption
 * ({@code forceencryption = 1} in its mounted {@code mssql.conf}): with {@code backend.encrypt = on}
 * and the test CA in {@code backend.cafile} the proxy satisfies it and verifies its certificate, and
 * every client-leg mode reaches it; with {@code backend.encrypt = off} the client is told that the
 * backend requires encryption.
 *
 * <p>Skipped where no Docker engine runs (as on the project's CI machines).
 */
@Testcontainers(disabledWithoutDocker = true)
class RealSqlServerForcedProxyIT {
    @TempDir
    static Path dir;
    static SqlServerContainers.Pki pki;
    static MSSQLServerContainer sqlServer;

    @BeforeAll
    static void startSqlServer() throws Exception {
        pki = SqlServerContainers.pki(dir);
        sqlServer = SqlServerContainers.start(pki, dir, 1);
    }

    @AfterAll
    static void stopSqlServer() {
        if (sqlServer != null) {
            sqlServer.stop();
        }
    }

    private static ProxyServer proxy(String backendEncrypt, ConnectionListener listener) throws Exception {
        Path conf = dir.resolve("tdsproxy-" + backendEncrypt + ".conf");
        Files.writeString(conf, SqlServerContainers.networkSection(pki.certificate().toString(), pki.key().toString(), 0)
                + "ipaddress = 127.0.0.1\ntcpport = 0\n\n"
                + "[backend]\nhost = " + sqlServer.getHost() + "\nport = " + sqlServer.getMappedPort(1433) + "\n"
                + "encrypt = " + backendEncrypt + "\n"
                // Verification keys are an error with encrypt = off, where they would do nothing.
                + ("off".equals(backendEncrypt) ? "" : "cafile = " + pki.ca() + "\nhostnameincertificate = localhost\n"));
        return ProxyServer.builder(ConfigLoader.load(conf)).listener(listener).build().start();
    }

    @Test
    void everyClientLegModeReachesAForcingServerOverAVerifiedTlsBackendLeg() throws Exception {
        BlockingQueue<ConnectionRecord> records = new LinkedBlockingQueue<>();
        try (ProxyServer proxy = proxy("on", into(records))) {
            assertThat(serverVersion(SqlServerContainers.url(sqlServer, proxy.port(), "encrypt=false")))
                    .isEqualTo("SQL Server major 16");
            ConnectionRecord loginOnly = nextLogin(records);
            assertThat(loginOnly.mode()).isEqualTo(ClientLegMode.LOGIN_ONLY);
            assertThat(loginOnly.backendMode()).isEqualTo(BackendLegMode.FULL_TLS);

            assertThat(serverVersion(SqlServerContainers.url(sqlServer, proxy.port(), pki.trusted())))
                    .isEqualTo("SQL Server major 16");
            ConnectionRecord full = nextLogin(records);
            assertThat(full.mode()).isEqualTo(ClientLegMode.FULL_TLS);
            assertThat(full.backendMode()).isEqualTo(BackendLegMode.FULL_TLS);
        }
    }

    @Test
    void aPlaintextBackendLegIsToldThatTheServerRequiresEncryption() throws Exception {
        try (ProxyServer proxy = proxy("off", ConnectionListener.NONE)) {
            assertThatThrownBy(() -> serverVersion(SqlServerContainers.url(sqlServer, proxy.port(), pki.trusted())))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("SQL Server login requires an encrypted connection");
        }
    }
}
