package eu.efgs.gateway.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PastDaysTest {

    private static final Window PAST = new Window(LocalDate.of(2026, 11, 10), LocalDate.of(2026, 11, 22));

    /** A clock the test moves. */
    private static final class Moving extends Clock {
        Instant now = Instant.parse("2026-11-23T08:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void loadedOncePerScopeAndWindowUntilTheTtlHasPassed() {
        Moving clock = new Moving();
        PastDays<Integer> cache = new PastDays<>(Duration.ofMinutes(5), clock);
        AtomicInteger loads = new AtomicInteger();
        assertEquals(1, cache.get("DE", PAST, loads::incrementAndGet));
        assertEquals(1, cache.get("DE", PAST, loads::incrementAndGet));
        assertEquals(2, cache.get("*", PAST, loads::incrementAndGet), "another scope");
        assertEquals(3, cache.get("DE", new Window(PAST.from().plusDays(1), PAST.to().plusDays(1)),
                loads::incrementAndGet), "the next day's window");
        clock.now = clock.now.plus(Duration.ofMinutes(4));
        assertEquals(1, cache.get("DE", PAST, loads::incrementAndGet));
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        assertEquals(4, cache.get("DE", PAST, loads::incrementAndGet), "read again after five minutes");
    }

    @Test
    void aZeroTtlReadsEveryTimeAndANegativeOneIsRefused() {
        PastDays<Integer> cache = new PastDays<>(Duration.ZERO, new Moving());
        AtomicInteger loads = new AtomicInteger();
        cache.get("DE", PAST, loads::incrementAndGet);
        assertEquals(2, cache.get("DE", PAST, loads::incrementAndGet));
        assertThrows(IllegalArgumentException.class, () -> new PastDays<Integer>(Duration.ofSeconds(-1), new Moving()));
    }
}
