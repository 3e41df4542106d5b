package eu.efgs.gateway.testing;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The application's clock in tests: real time unless a test pins it (e.g. just before midnight). */
@Singleton
public class TestClock extends Clock {

    private volatile Instant pinned;

    public void pin(Instant instant) {
        pinned = instant;
    }

    public void reset() {
        pinned = null;
    }

    @Override
    public Instant instant() {
        Instant instant = pinned;
        return instant != null ? instant : Instant.now();
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
