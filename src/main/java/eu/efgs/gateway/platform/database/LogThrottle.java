package eu.efgs.gateway.platform.database;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Lets a recurring warning through at most once per interval and counts the occurrences it held back, so that a
 * burst of the same failure is one log line with a number, not a line (or a stack) per request.
 */
final class LogThrottle {

    private final Duration interval;
    private Instant last;
    private long held;

    LogThrottle(Duration interval) {
        this.interval = interval;
    }

    /** For an occurrence at {@code now}: how many were held back since the last one let through, or empty. */
    synchronized OptionalLong letThrough(Instant now) {
        if (last != null && now.isBefore(last.plus(interval))) {
            held++;
            return OptionalLong.empty();
        }
        long before = held;
        last = now;
        held = 0;
        return OptionalLong.of(before);
    }
}
