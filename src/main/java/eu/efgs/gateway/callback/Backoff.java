package eu.efgs.gateway.callback;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: after the n-th consecutive failure wait {@code initial * 2^(n-1)}, capped at
 * {@code max}, scaled by a random factor from 0.5 to 1 so that receivers recovering from an outage are not hit by
 * every gateway instance and subscription at the same moment.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;

    /** {@code random} yields values in [0, 1). */
    public Backoff(Duration initial, Duration max, DoubleSupplier random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("Backoff needs 0 < initial <= max, got " + initial + " and " + max);
        }
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** The wait before the next attempt after {@code failures} consecutive failures (at least 1). */
    public Duration after(int failures) {
        int doublings = Math.min(Math.max(failures, 1) - 1, 30);
        Duration exponential = initial.multipliedBy(1L << doublings);
        Duration capped = exponential.compareTo(max) > 0 ? max : exponential;
        double factor = 0.5 + 0.5 * Math.min(Math.max(random.getAsDouble(), 0), 1);
        return Duration.ofMillis(Math.max(1, (long) (capped.toMillis() * factor)));
    }
}
