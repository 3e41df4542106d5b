package eu.efgs.gateway.platform.database;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

/** How the gateway watches its database ({@code efgs.database.*}). */
@ConfigMapping(prefix = "efgs.database")
public interface DatabaseConfig {

    /** Pause between two availability probes (a {@code SELECT 1} on a connection of its own). */
    @WithDefault("PT2S")
    @DurationMin(millis = 100)
    @DurationMax(minutes = 5)
    Duration probeInterval();

    /** Longest a probe may take (connect, and socket reads); a slower database counts as unavailable. */
    @WithDefault("PT2S")
    @DurationMin(millis = 100)
    @DurationMax(minutes = 5)
    Duration probeTimeout();

    /**
     * How often an idempotent write is tried when concurrent writes roll it back (Galera certification conflicts,
     * deadlocks), before the request is answered 503 with Retry-After.
     */
    @WithDefault("6")
    @Min(1)
    @Max(20)
    int conflictAttempts();

    /** The first wait between two attempts; it doubles up to {@link #conflictMaxBackoff()}, each with jitter. */
    @WithDefault("PT0.025S")
    @DurationMin(millis = 0)
    @DurationMax(seconds = 5)
    Duration conflictBackoff();

    /** The longest wait between two attempts. */
    @WithDefault("PT0.5S")
    @DurationMin(millis = 0)
    @DurationMax(seconds = 10)
    Duration conflictMaxBackoff();

    /** The waits double from the first one up to the longest one. */
    @AssertTrue(message = "is false: efgs.database.conflict-max-backoff must not be shorter than "
            + "efgs.database.conflict-backoff")
    default boolean isConflictMaxBackoffAtLeastFirst() {
        return conflictMaxBackoff().compareTo(conflictBackoff()) >= 0;
    }
}
