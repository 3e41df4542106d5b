package eu.efgs.gateway.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects the gateway's log records while open (the application under test logs through the same JVM-wide log
 * manager), for asserting what an operator would see: which levels, which messages, which request ids.
 */
public final class LogCapture implements AutoCloseable {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record instanceof org.jboss.logmanager.ExtLogRecord ext) {
                ext.copyAll(); // MDC and message of the logging thread, now, not when a test reads them
            }
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture() {
        handler.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(handler);
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** Records at ERROR (SEVERE) or above, formatted for a failure message. */
    public List<String> errors() {
        return records.stream().filter(r -> r.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(r -> r.getLoggerName() + ": " + message(r)).toList();
    }

    /** Records whose formatted message contains {@code text}, at {@code level} exactly. */
    public long count(Level level, String text) {
        return records.stream().filter(r -> r.getLevel().intValue() == level.intValue())
                .filter(r -> message(r).contains(text)).count();
    }

    /** The request id the record was logged under, if any (the MDC of JBoss log records). */
    public static String requestId(LogRecord record) {
        return record instanceof org.jboss.logmanager.ExtLogRecord ext ? ext.getMdc("requestId") : null;
    }

    public static String message(LogRecord record) {
        String text = record.getMessage();
        Object[] parameters = record.getParameters();
        if (record instanceof org.jboss.logmanager.ExtLogRecord ext) {
            return ext.getFormattedMessage();
        }
        return parameters == null ? text : java.text.MessageFormat.format(text, parameters);
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(handler);
    }
}
