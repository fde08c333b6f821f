package io.tdsproxy.server.proxy;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.tdsproxy.server.admin.Observability;
import io.tdsproxy.server.audit.AuditLog;
import io.tdsproxy.server.config.AdminConfig;
import io.tdsproxy.server.config.ProxyConfig;
import io.tdsproxy.tds.login.Login7Builder;
import io.tdsproxy.tds.login.ObfuscatedPassword;
import io.tdsproxy.tds.packet.PacketType;
import io.tdsproxy.tds.prelogin.EncryptionValue;
import io.tdsproxy.testkit.EmbeddedTdsServer;
import io.tdsproxy.tls.ClientTlsContexts;
import io.tdsproxy.tls.TlsProvider;
import io.tdsproxy.tls.TrustSettings;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit trail of real mssql-jdbc logins through the proxy into the embedded TDS server: one line
 * per login with its fields, and the password in no log output of this JVM at any level, in any of
 * the forms it travels or could be dumped in.
 */
class AuditIT extends TestPkiSupport {
    private static final String USER = "auditor";
    private static final String PASSWORD = "Qx7-Audit!Pw#2026";

    private final RecordingListener events = new RecordingListener();

    private ProxyServer proxy(int backendPort, boolean certificate) throws Exception {
        ProxyConfig config = ProxyFixture.config(backendPort, certificate ? pki : null, false, TlsProvider.OPENSSL);
        Observability observe = Observability.create(new AdminConfig(false, "127.0.0.1", 0), events);
        closer.register(observe);
        ProxyServer proxy = ProxyServer.builder(config).listener(observe.listener()).workerThreads(2)
                .connectTimeoutMillis(5_000).build().start();
        closer.register(proxy);
        observe.start(proxy, config);
        return proxy;
    }

    private static String url(ProxyServer proxy, String extra) {
        return "jdbc:sqlserver://localhost:" + proxy.port() + ";user=" + USER + ";password=" + PASSWORD
                + ";databaseName=master;applicationName=audit-it;workstationID=ws-audit-17;loginTimeout=15" + extra;
    }

    private static Map<String, String> fields(ILoggingEvent event) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (KeyValuePair kv : event.getKeyValuePairs()) {
            fields.put(kv.key, String.valueOf(kv.value));
        }
        return fields;
    }

    @Test
    void oneAuditLinePerLoginWithItsFieldsAndThePasswordNowhere() throws Exception {
        EmbeddedTdsServer backend = EmbeddedTdsServer.builder().login(USER, PASSWORD).build().start();
        closer.register(backend);
        List<ConnectionRecord> established = new ArrayList<>();
        try (LogCapture logs = new LogCapture()) {
            ProxyServer tls = proxy(backend.port(), true);
            ProxyServer plain = proxy(backend.port(), false);
            String trust = ";trustStore=" + pki.trustStore + ";trustStorePassword=" + TestPki.TRUST_STORE_PASSWORD
                    + ";trustStoreType=PKCS12";
            assertThat(Jdbc.selectOne(url(tls, ";encrypt=true" + trust))).isEqualTo(1);
            established.add(events.nextEstablished());
            assertThat(Jdbc.selectOne(url(tls, ";encrypt=false"))).isEqualTo(1);
            established.add(events.nextEstablished());
            assertThat(Jdbc.selectOne(url(plain, ";encrypt=false"))).isEqualTo(1);
            established.add(events.nextEstablished());
            for (int i = 0; i < 3; i++) {
                events.nextClosed();
            }

            List<Map<String, String>> audit = logs.events().stream()
                    .filter(e -> e.getLoggerName().equals(AuditLog.LOGGER))
                    .peek(e -> assertThat(e.getLevel().toString()).isEqualTo("INFO"))
                    .map(AuditIT::fields).collect(Collectors.toList());
            assertThat(audit).hasSize(3);
            List<String> modes = List.of("FULL_TLS", "LOGIN_ONLY", "PLAINTEXT");
            for (int i = 0; i < 3; i++) {
                Map<String, String> line = audit.get(i);
                ConnectionRecord record = established.get(i);
                assertThat(line.get("conn")).isEqualTo(Long.toString(record.id()));
                assertThat(line.get("client")).matches("127\\.0\\.0\\.1:\\d+");
                assertThat(line.get("client_mode")).isEqualTo(modes.get(i)).isEqualTo(record.mode().name());
                assertThat(line.get("backend_mode")).isEqualTo("PLAINTEXT");
                assertThat(line.get("user")).isEqualTo(USER);
                assertThat(line.get("app")).isEqualTo("audit-it");
                assertThat(line.get("host")).isEqualTo("ws-audit-17");
                assertThat(line.get("database")).isEqualTo("master");
                assertThat(line.get("client_library")).contains("JDBC");
                assertThat(line.get("tds_version")).isEqualTo("7.4");
                assertThat(line.get("server")).isEqualTo("localhost");
                if (i < 2) {
                    assertThat(line.get("tls_protocol")).isEqualTo("TLSv1.2");
                    assertThat(line.get("tls_cipher")).isEqualTo(record.tlsCipher().orElseThrow());
                } else {
                    assertThat(line).doesNotContainKeys("tls_protocol", "tls_cipher", "sni");
                }
            }

            String everything = logs.text();
            assertThat(everything).as("the capture saw the proxy's DEBUG lines")
                    .contains("DEBUG io.tdsproxy.server.proxy.ClientSession").contains("INFO tdsproxy.audit");
            for (String form : passwordForms()) {
                assertThat(everything).as("password form %s", form).doesNotContain(form);
            }
        }
    }

    @Test
    void theServerNameFromTheClientHelloIsAuditedWithEitherTlsProvider() throws Exception {
        for (TlsProvider provider : List.of(TlsProvider.OPENSSL, TlsProvider.JDK)) {
            FakeBackend backend = new FakeBackend();
            closer.register(backend);
            ProxyConfig config = ProxyFixture.config(backend.port(), pki, false, provider);
            Observability observe = Observability.create(new AdminConfig(false, "127.0.0.1", 0), events);
            closer.register(observe);
            ProxyServer proxy = ProxyServer.builder(config).listener(observe.listener()).workerThreads(1).build().start();
            closer.register(proxy);
            TdsTestClient client = new TdsTestClient(proxy.port());
            closer.register(client);
            SslContext tls = ClientTlsContexts.tds7(TrustSettings.trustAll(), List.of("TLSv1.2"), TlsProvider.OPENSSL);
            try (LogCapture logs = new LogCapture()) {
                assertThat(client.prelogin(TdsTestClient.prelogin(EncryptionValue.ON)).encryption())
                        .contains(EncryptionValue.ON);
                client.startTls(tls, "db.example.com");
                client.sendMessage(PacketType.LOGIN7, new Login7Builder().userName("sni-user").password(PASSWORD)
                        .appName("raw-client").hostName("ws-2").database("sales").clientLibrary("TdsTestClient")
                        .serverName("db.example.com").build(ByteBufAllocator.DEFAULT), 4096);
                client.readMessage();
                ConnectionRecord open = events.nextEstablished();

                List<Map<String, String>> audit = logs.events().stream()
                        .filter(e -> e.getLoggerName().equals(AuditLog.LOGGER)).map(AuditIT::fields)
                        .collect(Collectors.toList());
                assertThat(audit).hasSize(1);
                assertThat(audit.get(0)).containsEntry("conn", Long.toString(open.id()))
                        .containsEntry("client_mode", "FULL_TLS").containsEntry("sni", "db.example.com")
                        .containsEntry("user", "sni-user").containsEntry("app", "raw-client")
                        .containsEntry("host", "ws-2").containsEntry("database", "sales")
                        .containsEntry("client_library", "TdsTestClient").containsEntry("tds_version", "7.4");
                String everything = logs.text();
                for (String form : passwordForms()) {
                    assertThat(everything).as("password form %s", form).doesNotContain(form);
                }
            }
        }
    }

    @Test
    void refusedLoginsAreAuditedWithTheReasonAndWithoutThePassword() throws Exception {
        EmbeddedTdsServer backend = EmbeddedTdsServer.builder().login(USER, PASSWORD).build().start();
        closer.register(backend);
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        try (LogCapture logs = new LogCapture()) {
            ProxyConfig forced = ProxyFixture.config(backend.port(), pki, true, TlsProvider.OPENSSL);
            Observability observe = Observability.create(new AdminConfig(false, "127.0.0.1", 0), events);
            closer.register(observe);
            ProxyServer force = ProxyServer.builder(forced).listener(observe.listener()).workerThreads(1).build().start();
            closer.register(force);
            // jTDS ssl=off sends its LOGIN7 without PRELOGIN, in plaintext: refused under forceencryption = 1.
            assertThatThrownBy(() -> DriverManager.getConnection("jdbc:jtds:sqlserver://127.0.0.1:" + force.port()
                    + "/master;ssl=off;appName=audit-jtds;loginTimeout=15", USER, PASSWORD))
                    .isInstanceOf(SQLException.class).hasMessageContaining("requires encryption");
            ProxyServer orphan = proxy(deadPort, true);
            assertThatThrownBy(() -> Jdbc.selectOne(url(orphan, ";encrypt=false"))).isInstanceOf(SQLException.class);
            events.nextClosed();
            events.nextClosed();

            List<ILoggingEvent> audit = logs.events().stream().filter(e -> e.getLoggerName().equals(AuditLog.LOGGER))
                    .collect(Collectors.toList());
            // mssql-jdbc tries the login again after the backend error (connectRetryCount): one line per attempt.
            assertThat(audit).hasSizeGreaterThanOrEqualTo(2).extracting(ILoggingEvent::getMessage)
                    .containsOnly("login refused");
            Map<String, String> jtds = fields(audit.get(0));
            assertThat(jtds).containsEntry("client_mode", "PLAINTEXT").containsEntry("user", USER)
                    .containsEntry("app", "audit-jtds").containsEntry("database", "master");
            assertThat(jtds.get("refused")).startsWith("The server requires encryption");
            Map<String, String> unavailable = fields(audit.get(1));
            assertThat(unavailable).containsEntry("client_mode", "LOGIN_ONLY").containsEntry("user", USER)
                    .containsEntry("app", "audit-it").containsEntry("tls_protocol", "TLSv1.2");
            assertThat(unavailable.get("refused")).contains("could not use the backend 127.0.0.1:" + deadPort);
            String everything = logs.text();
            for (String form : passwordForms()) {
                assertThat(everything).as("password form %s", form).doesNotContain(form);
            }
        }
    }

    /** The password as text, as UCS-2 (raw and hex), obfuscated as in LOGIN7 (hex, base64), as UTF-8 hex. */
    private static List<String> passwordForms() {
        byte[] ucs2 = PASSWORD.getBytes(StandardCharsets.UTF_16LE);
        byte[] obfuscated = new byte[ucs2.length];
        for (int i = 0; i < ucs2.length; i++) {
            int b = ucs2[i] & 0xFF;
            obfuscated[i] = (byte) ((((b << 4) | (b >>> 4)) & 0xFF) ^ 0xA5);
        }
        assertThat(ObfuscatedPassword.obfuscate(PASSWORD).matches(PASSWORD)).isTrue();
        HexFormat hex = HexFormat.of();
        List<String> forms = new ArrayList<>(List.of(PASSWORD, new String(ucs2, StandardCharsets.ISO_8859_1),
                new String(ucs2, StandardCharsets.UTF_8), Base64.getEncoder().encodeToString(ucs2),
                Base64.getEncoder().encodeToString(obfuscated)));
        for (byte[] bytes : List.of(ucs2, obfuscated, PASSWORD.getBytes(StandardCharsets.UTF_8))) {
            forms.add(hex.formatHex(bytes));
            forms.add(hex.withUpperCase().formatHex(bytes));
            forms.add(hex.withDelimiter(" ").formatHex(bytes));
        }
        return forms;
    }
}
