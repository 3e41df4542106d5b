package eu.efgs.gateway.platform.database;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
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
}
