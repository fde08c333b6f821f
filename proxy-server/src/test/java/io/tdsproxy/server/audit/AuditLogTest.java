package io.tdsproxy.server.audit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tdsproxy.server.proxy.ClientLegMode;
import io.tdsproxy.server.proxy.LoginRecord;
import io.tdsproxy.server.proxy.LoginSummary;
import io.tdsproxy.tds.login.Login7;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AuditLogTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger(AuditLog.LOGGER);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @BeforeEach
    void attach() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(appender);
    }

    private Map<String, String> onlyLine() {
        assertThat(appender.list).hasSize(1);
        ILoggingEvent event = appender.list.get(0);
        assertThat(event.getLevel().toString()).isEqualTo("INFO");
        assertThat(event.getMessage()).isEqualTo("login");
        assertThat(event.getKeyValuePairs()).noneMatch(kv -> kv.key.equals("refused"));
        Map<String, String> fields = new LinkedHashMap<>();
        for (KeyValuePair kv : event.getKeyValuePairs()) {
            fields.put(kv.key, String.valueOf(kv.value));
        }
        return fields;
    }

    @Test
    void oneLineWithEveryFieldOfATlsLogin() {
        new AuditLog().loginReceived(new LoginRecord(42, new InetSocketAddress("192.0.2.7", 51234),
                ClientLegMode.FULL_TLS, "PLAINTEXT", Optional.of("TLSv1.2"),
                Optional.of("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"), Optional.of("db.example.com"),
                Optional.of(new LoginSummary("alice", "payroll", "ws-17", "hr", "Microsoft JDBC Driver 13.2",
                        "db.example.com", Login7.TDS_7_4)), "", ""));
        assertThat(onlyLine()).containsExactly(Map.entry("conn", "42"), Map.entry("client", "192.0.2.7:51234"),
                Map.entry("client_mode", "FULL_TLS"), Map.entry("backend_mode", "PLAINTEXT"),
                Map.entry("tls_protocol", "TLSv1.2"), Map.entry("tls_cipher", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
                Map.entry("sni", "db.example.com"), Map.entry("user", "alice"), Map.entry("app", "payroll"),
                Map.entry("host", "ws-17"), Map.entry("database", "hr"),
                Map.entry("client_library", "Microsoft JDBC Driver 13.2"), Map.entry("tds_version", "7.4"),
                Map.entry("server", "db.example.com"));
    }

    @Test
    void aPlaintextLoginHasNoTlsFieldsAndAnUndecodableOneSaysWhy() {
        new AuditLog().loginReceived(new LoginRecord(3, new InetSocketAddress("::1", 1500), ClientLegMode.PLAINTEXT,
                "PLAINTEXT", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                "LOGIN7 Length field 9 but the message has 12 bytes", ""));
        assertThat(onlyLine()).containsExactly(Map.entry("conn", "3"), Map.entry("client", "[0:0:0:0:0:0:0:1]:1500"),
                Map.entry("client_mode", "PLAINTEXT"), Map.entry("backend_mode", "PLAINTEXT"),
                Map.entry("login7_error", "LOGIN7 Length field 9 but the message has 12 bytes"));
    }

    @Test
    void aRefusedLoginSaysWhy() {
        new AuditLog().loginReceived(new LoginRecord(8, new InetSocketAddress("127.0.0.1", 2), ClientLegMode.PLAINTEXT,
                "PLAINTEXT", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(new LoginSummary("bob", "app", "pc", "", "jTDS", "srv", Login7.TDS_7_1)), "",
                "The server requires encryption, but the client did not enable it."));
        assertThat(appender.list.get(0).getMessage()).isEqualTo("login refused");
        Map<String, String> fields = new LinkedHashMap<>();
        appender.list.get(0).getKeyValuePairs().forEach(kv -> fields.put(kv.key, String.valueOf(kv.value)));
        assertThat(fields).containsEntry("user", "bob").containsEntry("tds_version", "7.1")
                .containsEntry("refused", "The server requires encryption, but the client did not enable it.");
    }

    @Test
    void clientChosenValuesCannotBreakTheLine() {
        String user = "eve\nINFO tdsproxy.audit login user=admin\u2028" + "x".repeat(400);
        new AuditLog().loginReceived(new LoginRecord(5, new InetSocketAddress("127.0.0.1", 1), ClientLegMode.PLAINTEXT,
                "PLAINTEXT", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(new LoginSummary(user, "", "", "", "", "", 0x12345678L)), "", ""));
        Map<String, String> fields = onlyLine();
        assertThat(fields.get("user")).startsWith("eve\\u000aINFO tdsproxy.audit login user=admin\\u2028xxx")
                .endsWith("...").doesNotContain("\n").hasSize(AuditLog.MAX_VALUE + 5 * 2 + 3);
        assertThat(fields.get("tds_version")).isEqualTo("0x12345678");
    }
}
