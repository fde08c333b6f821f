package io.tdsproxy.server.container;

import io.tdsproxy.server.config.ConfigLoader;
import io.tdsproxy.server.config.ProxyConfig;
import io.tdsproxy.server.proxy.ClientLegMode;
import io.tdsproxy.server.proxy.ConnectionListener;
import io.tdsproxy.server.proxy.ConnectionRecord;
import io.tdsproxy.server.proxy.ProxyServer;
import io.tdsproxy.tls.CertificateGenerator;
import io.tdsproxy.tls.GeneratedCertificate;
import io.tdsproxy.tls.PemFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mssqlserver.MSSQLServerContainer;
import org.testcontainers.utility.MountableFile;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The proxy in front of a real SQL Server 2022 container whose TLS is set through a mounted
 * {@code mssql.conf}, as an operator sets it with {@code mssql-conf}, and the mssql-jdbc rows of the
 * client-leg matrix run through the proxy.
 *
 * <p>The container's {@code mssql.conf} and the proxy's configuration carry the same {@code [network]}
 * TLS keys (the sidecar pattern: one certificate, one set of settings); only the file paths differ,
 * because the container sees the certificate under {@code /etc/ssl/mssql}. SQL Server here runs with
 * {@code forceencryption = 0}: the proxy's backend leg in this issue is plaintext (ENCRYPT_NOT_SUP),
 * which a forcing SQL Server refuses; the proxy's own {@code forceencryption} takes both values.
 *
 * <p>Skipped where no Docker engine runs (as on the project's CI machines).
 */
@Testcontainers(disabledWithoutDocker = true)
class RealSqlServerProxyIT {
    private static final String IMAGE = "mcr.microsoft.com/mssql/server:2022-latest";
    private static final String TRUST_PASSWORD = "changeit";

    @TempDir
    static Path dir;
    static MSSQLServerContainer sqlServer;
    static Path certificate;
    static Path key;
    static Path trustStore;

    @BeforeAll
    static void startSqlServer() throws Exception {
        GeneratedCertificate ca = CertificateGenerator.builder().subject("tdsproxy IT CA").ca(true).generate();
        GeneratedCertificate server = CertificateGenerator.builder().subject("localhost").sans("localhost", "127.0.0.1")
                .issuer(ca).generate();
        certificate = dir.resolve("mssql.pem");
        key = dir.resolve("mssql.key");
        PemFiles.writeCertificates(certificate, server.chain());
        PemFiles.writePkcs8(key, server.key());
        trustStore = dir.resolve("trust.p12");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate());
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            trust.store(out, TRUST_PASSWORD.toCharArray());
        }
        Path mssqlConf = dir.resolve("mssql.conf");
        Files.writeString(mssqlConf, networkSection("/etc/ssl/mssql/mssql.pem", "/etc/ssl/mssql/mssql.key", 0));
        sqlServer = new MSSQLServerContainer(IMAGE).acceptLicense()
                // SQL Server runs as the mssql user inside the image: the key must be readable by it there.
                .withCopyFileToContainer(MountableFile.forHostPath(certificate, 0644), "/etc/ssl/mssql/mssql.pem")
                .withCopyFileToContainer(MountableFile.forHostPath(key, 0644), "/etc/ssl/mssql/mssql.key")
                .withCopyFileToContainer(MountableFile.forHostPath(mssqlConf, 0644), "/var/opt/mssql/mssql.conf");
        sqlServer.start();
    }

    @AfterAll
    static void stopSqlServer() {
        if (sqlServer != null) {
            sqlServer.stop();
        }
    }

    private static String networkSection(String cert, String keyFile, int forceEncryption) {
        return "[network]\n"
                + "tlscert = " + cert + "\n"
                + "tlskey = " + keyFile + "\n"
                + "tlsprotocols = 1.2\n"
                + "forceencryption = " + forceEncryption + "\n";
    }

    private static ProxyServer proxy(int forceEncryption, ConnectionListener listener) throws Exception {
        Path conf = dir.resolve("tdsproxy-" + forceEncryption + ".conf");
        Files.writeString(conf, networkSection(certificate.toString(), key.toString(), forceEncryption)
                + "ipaddress = 127.0.0.1\ntcpport = 0\n\n"
                + "[sqlagent]\nenabled = false\n\n"
                + "[backend]\nhost = " + sqlServer.getHost() + "\nport = " + sqlServer.getMappedPort(1433) + "\n");
        ProxyConfig config = ConfigLoader.load(conf);
        return ProxyServer.builder(config).listener(listener).build().start();
    }

    private static String url(int port, String options) {
        return "jdbc:sqlserver://localhost:" + port + ";" + options + ";user=" + sqlServer.getUsername()
                + ";password=" + sqlServer.getPassword();
    }

    private static String trusted() {
        return "encrypt=true;trustServerCertificate=false;trustStore=" + trustStore
                + ";trustStoreType=PKCS12;trustStorePassword=" + TRUST_PASSWORD;
    }

    private static String serverVersion(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT CAST(SERVERPROPERTY('ProductMajorVersion') AS int)")) {
            rows.next();
            return "SQL Server major " + rows.getInt(1);
        }
    }

    private static ClientLegMode modeOf(BlockingQueue<ConnectionRecord> records) throws InterruptedException {
        ConnectionRecord record = records.poll(30, TimeUnit.SECONDS);
        assertThat(record).as("the proxy reported the login").isNotNull();
        return record.mode();
    }

    private static ConnectionListener into(BlockingQueue<ConnectionRecord> records) {
        return new ConnectionListener() {
            @Override
            public void established(ConnectionRecord record) {
                records.add(record);
            }
        };
    }

    @Test
    void clientDecidesWhenEncryptionIsNotForced() throws Exception {
        BlockingQueue<ConnectionRecord> records = new LinkedBlockingQueue<>();
        try (ProxyServer proxy = proxy(0, into(records))) {
            assertThat(serverVersion(url(proxy.port(), "encrypt=false"))).isEqualTo("SQL Server major 16");
            assertThat(modeOf(records)).isEqualTo(ClientLegMode.LOGIN_ONLY);

            assertThat(serverVersion(url(proxy.port(), trusted()))).isEqualTo("SQL Server major 16");
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
            String url = url(proxy.port(), "encrypt=false;trustStore=" + trustStore
                    + ";trustStoreType=PKCS12;trustStorePassword=" + TRUST_PASSWORD);
            assertThat(serverVersion(url)).isEqualTo("SQL Server major 16");
            assertThat(modeOf(records)).isEqualTo(ClientLegMode.FULL_TLS);

            assertThat(serverVersion(url(proxy.port(), trusted()))).isEqualTo("SQL Server major 16");
            assertThat(modeOf(records)).isEqualTo(ClientLegMode.FULL_TLS);
        }
    }

    @Test
    void aHostNameMismatchFailsWithTheDriversNameError() throws Exception {
        try (ProxyServer proxy = proxy(0, ConnectionListener.NONE)) {
            assertThatThrownBy(() -> serverVersion(url(proxy.port(), trusted() + ";hostNameInCertificate=sql.example.com")))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("Failed to validate the server name");
        }
    }
}
