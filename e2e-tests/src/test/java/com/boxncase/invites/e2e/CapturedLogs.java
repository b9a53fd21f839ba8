package com.boxncase.invites.e2e;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.LoggerFactory;

/**
 * Every log event of the JVM (both apps, all threads) while attached to the root logger, each with its line
 * as the console appender renders it (Spring Boot's pattern, including {@code logging.pattern.correlation}).
 * Events are fixed at append time (message, MDC), so they can be read afterwards from the test thread.
 */
final class CapturedLogs extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final ConcurrentLinkedQueue<Line> lines = new ConcurrentLinkedQueue<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Layout<ILoggingEvent> console = consoleLayout(root);

    static CapturedLogs capture() {
        CapturedLogs logs = new CapturedLogs();
        logs.setName("e2e-captured-logs");
        logs.setContext(logs.root.getLoggerContext());
        logs.start();
        logs.root.addAppender(logs);
        return logs;
    }

    @Override
    protected void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing();
        lines.add(new Line(event, console.doLayout(event)));
    }

    List<Line> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        root.detachAppender(this);
        stop();
    }

    private static Layout<ILoggingEvent> consoleLayout(Logger root) {
        Appender<ILoggingEvent> appender = root.getAppender("CONSOLE");
        if (appender instanceof OutputStreamAppender<ILoggingEvent> stream
                && stream.getEncoder() instanceof LayoutWrappingEncoder<ILoggingEvent> encoder) {
            return encoder.getLayout();
        }
        throw new IllegalStateException("no CONSOLE appender with a layout on the root logger: " + appender);
    }

    /** One captured event and its console line. */
    record Line(ILoggingEvent event, String rendered) {

        String logger() {
            return event.getLoggerName();
        }

        String mdc(String key) {
            return event.getMDCPropertyMap().get(key);
        }

        /** The rendered line, the message, every MDC value and every exception message in the chain. */
        List<String> texts() {
            List<String> texts = new ArrayList<>();
            texts.add(rendered);
            texts.add(event.getFormattedMessage());
            texts.addAll(event.getMDCPropertyMap().values());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                texts.add(t.getClassName() + ": " + t.getMessage());
                for (IThrowableProxy suppressed : t.getSuppressed()) {
                    texts.add(suppressed.getClassName() + ": " + suppressed.getMessage());
                }
            }
            return texts;
        }
    }
}
