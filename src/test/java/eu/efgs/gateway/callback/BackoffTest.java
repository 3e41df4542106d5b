package eu.efgs.gateway.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration INITIAL = Duration.ofSeconds(30);
    private static final Duration MAX = Duration.ofMinutes(30);

    @Test
    void doublesPerFailureUpToTheCap() {
        Backoff lowestJitter = new Backoff(INITIAL, MAX, () -> 0); // half of each wait
        assertEquals(Duration.ofSeconds(15), lowestJitter.after(1), "first retry");
        assertEquals(Duration.ofSeconds(30), lowestJitter.after(2));
        assertEquals(Duration.ofSeconds(60), lowestJitter.after(3));
        assertEquals(Duration.ofSeconds(480), lowestJitter.after(6));
        assertEquals(Duration.ofSeconds(900), lowestJitter.after(7), "capped at 30 min");
        assertEquals(Duration.ofSeconds(900), lowestJitter.after(1_000_000), "no overflow");
    }

    @Test
    void jitterTakesHalfToAllOfTheWait() {
        assertEquals(Duration.ofMillis(22_500), new Backoff(INITIAL, MAX, () -> 0.5).after(1));
        assertEquals(Duration.ofMillis(29_700), new Backoff(INITIAL, MAX, () -> 0.98).after(1));
        assertEquals(Duration.ofSeconds(15), new Backoff(INITIAL, MAX, () -> -3).after(1), "clamped");
    }

    @Test
    void zeroFailuresIsTreatedAsTheFirst() {
        assertEquals(Duration.ofSeconds(15), new Backoff(INITIAL, MAX, () -> 0).after(0));
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, MAX, () -> 0));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(MAX, INITIAL, () -> 0));
    }
}
