package io.tdsproxy.server.proxy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Captures every log event of this JVM while open: all loggers are turned to TRACE, each event is kept
 * (for its key/values) and also rendered as text with message, key/values, MDC and full stack traces,
 * the way an appender would write it. Closing restores the levels.
 */
final class LogCapture implements AutoCloseable {
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    private final Map<Logger, Level> levels = new HashMap<>();
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final ByteArrayOutputStream text = new ByteArrayOutputStream();
    private final OutputStreamAppender<ILoggingEvent> writer = new OutputStreamAppender<>();

    LogCapture() {
        for (Logger logger : context.getLoggerList()) {
            levels.put(logger, logger.getLevel());
            logger.setLevel(logger == root ? Level.TRACE : null);
        }
        events.setContext(context);
        events.start();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %logger [%thread] %msg %kvp %mdc%n%ex{full}");
        encoder.start();
        writer.setContext(context);
        writer.setEncoder(encoder);
        writer.setOutputStream(text);
        writer.start();
        root.addAppender(events);
        root.addAppender(writer);
    }

    /** The events so far, in order. */
    List<ILoggingEvent> events() {
        synchronized (events) {
            return List.copyOf(events.list);
        }
    }

    /** Everything rendered so far. */
    String text() {
        return text.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        root.detachAppender(events);
        root.detachAppender(writer);
        writer.stop();
        events.stop();
        levels.forEach(Logger::setLevel);
    }
}
