package io.tdsproxy.server.container;

import io.tdsproxy.server.proxy.ConnectionListener;
import io.tdsproxy.server.proxy.ConnectionRecord;
import io.tdsproxy.tls.CertificateGenerator;
import io.tdsproxy.tls.GeneratedCertificate;
import io.tdsproxy.tls.PemFiles;
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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real SQL Server 2022 container whose TLS is set through a mounted {@code mssql.conf}, as an
 * operator sets it with {@code mssql-conf}, and the test PKI it and the proxy share: one CA, one
 * certificate for {@code localhost}/127.0.0.1 (the sidecar pattern: one certificate, one set of
 * {@code [network]} settings; only the file paths differ, because the container sees the files under
 * {@code /etc/ssl/mssql}).
 */
final class SqlServerContainers {
    static final String IMAGE = "mcr.microsoft.com/mssql/server:2022-latest";
    static final String TRUST_PASSWORD = "changeit";

    /** The files of the shared PKI in {@code dir}. */
    record Pki(Path ca, Path certificate, Path key, Path trustStore) {
        /** mssql-jdbc options that validate the certificate against the test CA. */
        String trusted() {
            return "encrypt=true;trustServerCertificate=false;trustStore=" + trustStore
                    + ";trustStoreType=PKCS12;trustStorePassword=" + TRUST_PASSWORD;
        }
    }

    private SqlServerContainers() {
    }

    static Pki pki(Path dir) throws Exception {
        GeneratedCertificate ca = CertificateGenerator.builder().subject("tdsproxy IT CA").ca(true).generate();
        GeneratedCertificate server = CertificateGenerator.builder().subject("localhost").sans("localhost", "127.0.0.1")
                .issuer(ca).generate();
        Path caFile = dir.resolve("ca.pem");
        Path certificate = dir.resolve("mssql.pem");
        Path key = dir.resolve("mssql.key");
        PemFiles.writeCertificate(caFile, ca.certificate());
        PemFiles.writeCertificates(certificate, server.chain());
        PemFiles.writePkcs8(key, server.key());
        Path trustStore = dir.resolve("trust.p12");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate());
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            trust.store(out, TRUST_PASSWORD.toCharArray());
        }
        return new Pki(caFile, certificate, key, trustStore);
    }

    /**
     * Starts SQL Server with the PKI's certificate and {@code forceencryption}. Its readiness probe is a
     * JDBC login, which a forcing server makes encrypted: the probe trusts the certificate.
     */
    static MSSQLServerContainer start(Pki pki, Path dir, int forceEncryption) throws Exception {
        Path mssqlConf = dir.resolve("mssql-" + forceEncryption + ".conf");
        Files.writeString(mssqlConf, networkSection("/etc/ssl/mssql/mssql.pem", "/etc/ssl/mssql/mssql.key",
                forceEncryption));
        MSSQLServerContainer sqlServer = new MSSQLServerContainer(IMAGE).acceptLicense()
                .withUrlParam("trustServerCertificate", "true")
                // SQL Server runs as the mssql user inside the image: the key must be readable by it there.
                .withCopyFileToContainer(MountableFile.forHostPath(pki.certificate(), 0644), "/etc/ssl/mssql/mssql.pem")
                .withCopyFileToContainer(MountableFile.forHostPath(pki.key(), 0644), "/etc/ssl/mssql/mssql.key")
                .withCopyFileToContainer(MountableFile.forHostPath(mssqlConf, 0644), "/var/opt/mssql/mssql.conf");
        sqlServer.start();
        return sqlServer;
    }

    /** The {@code [network]} TLS keys, identical for SQL Server and the proxy but for the paths. */
    static String networkSection(String cert, String keyFile, int forceEncryption) {
        return "[network]\n"
                + "tlscert = " + cert + "\n"
                + "tlskey = " + keyFile + "\n"
                + "tlsprotocols = 1.2\n"
                + "forceencryption = " + forceEncryption + "\n";
    }

    static String url(MSSQLServerContainer sqlServer, int port, String options) {
        return "jdbc:sqlserver://localhost:" + port + ";" + options + ";user=" + sqlServer.getUsername()
                + ";password=" + sqlServer.getPassword();
    }

    /** The server's major version, read through a real login and query. */
    static String serverVersion(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT CAST(SERVERPROPERTY('ProductMajorVersion') AS int)")) {
            rows.next();
            return "SQL Server major " + rows.getInt(1);
        }
    }

    static ConnectionRecord nextLogin(BlockingQueue<ConnectionRecord> records) throws InterruptedException {
        ConnectionRecord record = records.poll(30, TimeUnit.SECONDS);
        assertThat(record).as("the proxy reported the login").isNotNull();
        return record;
    }

    static ConnectionListener into(BlockingQueue<ConnectionRecord> records) {
        return new ConnectionListener() {
            @Override
            public void established(ConnectionRecord record) {
                records.add(record);
            }
        };
    }
}
