package io.tdsproxy.server.proxy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.stream.Collectors;

/** Collects what one logger writes (through Logback), for tests that check log lines. */
final class LogLines implements AutoCloseable {
    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    LogLines(Class<?> loggerOf) {
        this(loggerOf.getName());
    }

    /** Captures the logger {@code name} and its children ({@link Logger#ROOT_LOGGER_NAME} for all). */
    LogLines(String name) {
        logger = (Logger) LoggerFactory.getLogger(name);
        appender.start();
        logger.addAppender(appender);
    }

    /** Every event so far. */
    List<ILoggingEvent> events() {
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }

    /** Every event so far about connection {@code id} (its message starts with {@code conn=<id> }). */
    List<ILoggingEvent> forConnection(long id) {
        String prefix = "conn=" + id + " ";
        synchronized (appender) { // AppenderBase appends while holding the appender's lock
            return appender.list.stream().filter(e -> e.getFormattedMessage().startsWith(prefix))
                    .collect(Collectors.toList());
        }
    }

    /** Forgets what was collected (connection ids restart with each proxy). */
    void clear() {
        synchronized (appender) {
            appender.list.clear();
        }
    }

    /** The events about connection {@code id} at INFO or above. */
    List<ILoggingEvent> infoAndAbove(long id) {
        return forConnection(id).stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                .collect(Collectors.toList());
    }

    /** WARN and ERROR events of the proxy and of Netty, e.g. an exception that reached a pipeline's tail. */
    List<ILoggingEvent> proxyOrNettyWarnings() {
        return events().stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .filter(e -> e.getLoggerName().startsWith("io.tdsproxy") || e.getLoggerName().startsWith("io.netty"))
                .collect(Collectors.toList());
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
