package io.tdsproxy.server.audit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.read.ListAppender;
import io.tdsproxy.server.proxy.ClientLegMode;
import io.tdsproxy.server.proxy.LoginRecord;
import io.tdsproxy.server.proxy.LoginSummary;
import io.tdsproxy.tds.login.Login7;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped {@code config/logback-json.xml}: loaded as logback would load it, its encoder turns an
 * audit event into one JSON object carrying the key/values, and {@code io.netty} stays at WARN.
 */
class LogbackJsonConfigTest {
    @Test
    void theAuditLineIsOneJsonObjectWithItsFields() throws Exception {
        Path file = Path.of(System.getProperty("tdsproxy.repo"), "config", "logback-json.xml");
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        try (InputStream in = Files.newInputStream(file)) {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(in);
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        @SuppressWarnings("unchecked")
        Encoder<ILoggingEvent> encoder = ((OutputStreamAppender<ILoggingEvent>) root.getAppender("STDERR")).getEncoder();
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        root.addAppender(events);
        try {
            new AuditLog(context.getLogger(AuditLog.LOGGER)).loginReceived(new LoginRecord(9,
                    new InetSocketAddress("192.0.2.1", 4000), ClientLegMode.LOGIN_ONLY, "PLAINTEXT",
                    Optional.of("TLSv1.2"), Optional.of("TLS_AES"), Optional.empty(),
                    Optional.of(new LoginSummary("bob \"the\" admin", "app", "pc", "db", "lib", "srv", Login7.TDS_7_4)),
                    "", ""));
            context.getLogger("io.netty.Quiet").info("suppressed: io.netty is at WARN");
        } finally {
            root.detachAppender(events);
            context.stop();
        }
        assertThat(events.list).hasSize(1);
        String line = new String(encoder.encode(events.list.get(0)), StandardCharsets.UTF_8);
        assertThat(line).startsWith("{").endsWith("}\n").containsOnlyOnce("\n")
                .contains("\"level\":\"INFO\"", "\"loggerName\":\"tdsproxy.audit\"", "\"formattedMessage\":\"login\"")
                .contains("{\"conn\":\"9\"}", "{\"client\":\"192.0.2.1:4000\"}", "{\"client_mode\":\"LOGIN_ONLY\"}",
                        "{\"user\":\"bob \\\"the\\\" admin\"}", "{\"tds_version\":\"7.4\"}")
                .doesNotContain("\"arguments\"");
    }
}
