package eu.efgs.gateway.batching;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

/** Batching job settings ({@code efgs.batching.*}); defaults are the original's. */
@ConfigMapping(prefix = "efgs.batching")
public interface BatchingConfig {

    /**
     * How often the job runs (also runnable on demand: {@code batch run}). {@code BatchingJob}'s {@code @Scheduled}
     * reads this property without a default of its own, so this default is the only one. Uploads wait for a batch
     * at most this long, hence at most an hour.
     */
    @WithDefault("5m")
    @DurationMin(seconds = 1)
    @DurationMax(hours = 1)
    Duration interval();

    /** Most keys in one download batch; an upload is never split, and one larger than this gets a batch alone. */
    @WithDefault("5000")
    @Min(1)
    @Max(100000)
    int docLimit();

    /** One run stops creating batches after this long (the rest waits for the next run). */
    @WithDefault("PT20M")
    @DurationMin(seconds = 1)
    @DurationMax(hours = 2)
    Duration timeLimit();
}
