package eu.efgs.gateway.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FormatTest {

    @Test
    void timesAreUtcAndMissingOnesADash() {
        assertEquals("2026-11-23 00:10:00 UTC", Format.utc(Instant.parse("2026-11-23T00:10:00Z")));
        assertEquals("—", Format.utc(null));
    }

    @Test
    void durationsInTheLargestReadableUnit() {
        assertEquals("0.4 s", Format.seconds(0.42));
        assertEquals("119.0 s", Format.seconds(119));
        assertEquals("5.0 min", Format.seconds(300));
        assertEquals("3.0 h", Format.seconds(10_800));
    }
}
