package io.tdsproxy.server.container;

import io.tdsproxy.server.config.ConfigLoader;
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
 * The proxy in front of a real SQL Server 2022 container running with {@code forceencryption = 0},
 * reached over a plaintext backend leg, and the mssql-jdbc rows of the client-leg matrix run through
 * the proxy, whose own {@code forceencryption} takes both values. {@link RealSqlServerForcedProxyIT}
 * covers a SQL Server that forces encryption.
 *
 * <p>Skipped where no Docker engine runs (as on the project's CI machines).
 */
@Testcontainers(disabledWithoutDocker = true)
class RealSqlServerProxyIT {
    @TempDir
    static Path dir;
    static SqlServerContainers.Pki pki;
    static MSSQLServerContainer sqlServer;

    @BeforeAll
    static void startSqlServer() throws Exception {
        pki = SqlServerContainers.pki(dir);
        sqlServer = SqlServerContainers.start(pki, dir, 0);
    }

    @AfterAll
    static void stopSqlServer() {
        if (sqlServer != null) {
            sqlServer.stop();
        }
    }

    private static ProxyServer proxy(int forceEncryption, ConnectionListener listener) throws Exception {
        Path conf = dir.resolve("tdsproxy-" + forceEncryption + ".conf");
        Files.writeString(conf, SqlServerContainers.networkSection(pki.certificate().toString(), pki.key().toString(),
                forceEncryption)
                + "ipaddress = 127.0.0.1\ntcpport = 0\n\n"
                + "[sqlagent]\nenabled = false\n\n"
                + "[backend]\nhost = " + sqlServer.getHost() + "\nport = " + sqlServer.getMappedPort(1433) + "\n");
        return ProxyServer.builder(ConfigLoader.load(conf)).listener(listener).build().start();
    }

    private static String url(int port, String options) {
        return SqlServerContainers.url(sqlServer, port, options);
    }

    private static ClientLegMode modeOf(BlockingQueue<ConnectionRecord> records) throws InterruptedException {
        return nextLogin(records).mode();
    }

    @Test
    void clientDecidesWhenEncryptionIsNotForced() throws Exception {
        BlockingQueue<ConnectionRecord> records = new LinkedBlockingQueue<>();
        try (ProxyServer proxy = proxy(0, into(records))) {
            assertThat(serverVersion(url(proxy.port(), "encrypt=false"))).isEqualTo("SQL Server major 16");
            assertThat(modeOf(records)).isEqualTo(ClientLegMode.LOGIN_ONLY);

            assertThat(serverVersion(url(proxy.port(), pki.trusted()))).isEqualTo("SQL Server major 16");
            assertThat(modeOf(records)).isEqualTo(ClientLegMode.FULL_TLS);

            assertThat(serverVersion(url(proxy.port(), "encrypt=true;trustServerCertificate=true")))
                    .isEqualTo("SQL Server major 16");
            assertThat(modeOf(records)).isEqualTo(ClientLegMode.FULL_TLS);
        }
    }

    @Test
    void forcedEncryptionUpgradesAClientThatAskedForNone() throws Exception {
        BlockingQueue<ConnectionRecord> records = new LinkedBlockingQueue<>();
        try (ProxyServer proxy = proxy(1, into(records))) {
            // encrypt=false sends ENCRYPT_OFF; a forcing server answers REQ and mssql-jdbc then
            // validates the certificate (since 10.2), so it needs the trust store too.
            String url = url(proxy.port(), "encrypt=false;trustStore=" + pki.trustStore()
                    + ";trustStoreType=PKCS12;trustStorePassword=" + SqlServerContainers.TRUST_PASSWORD);
            assertThat(serverVersion(url)).isEqualTo("SQL Server major 16");
            assertThat(modeOf(records)).isEqualTo(ClientLegMode.FULL_TLS);

            assertThat(serverVersion(url(proxy.port(), pki.trusted()))).isEqualTo("SQL Server major 16");
            assertThat(modeOf(records)).isEqualTo(ClientLegMode.FULL_TLS);
        }
    }

    @Test
    void aHostNameMismatchFailsWithTheDriversNameError() throws Exception {
        try (ProxyServer proxy = proxy(0, ConnectionListener.NONE)) {
            assertThatThrownBy(() -> serverVersion(url(proxy.port(), pki.trusted() + ";hostNameInCertificate=sql.example.com")))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("Failed to validate the server name");
        }
    }
}
