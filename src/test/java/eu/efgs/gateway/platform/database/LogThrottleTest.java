package eu.efgs.gateway.platform.database;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LogThrottleTest {

    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    @Test
    void oneLinePerIntervalWithTheNumberHeldBack() {
        LogThrottle throttle = new LogThrottle(Duration.ofMinutes(1));
        assertEquals(OptionalLong.of(0), throttle.letThrough(T0), "the first occurrence is logged");
        assertEquals(OptionalLong.empty(), throttle.letThrough(T0.plusSeconds(1)));
        assertEquals(OptionalLong.empty(), throttle.letThrough(T0.plusSeconds(59)));
        assertEquals(OptionalLong.of(2), throttle.letThrough(T0.plusSeconds(60)), "then one with the count");
        assertEquals(OptionalLong.of(0), throttle.letThrough(T0.plusSeconds(300)));
    }
}
