package eu.efgs.gateway.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * How long keys are kept ({@code efgs.retention.*}). The download window follows it: dates before today minus
 * {@link #maxAgeDays()} answer 410, and exactly those days' batches are deleted, so no batch is ever served
 * partly deleted.
 */
@ConfigMapping(prefix = "efgs.retention")
public interface RetentionConfig {

    /** Days before today (UTC) still served; the original's production value is 2. */
    @WithDefault("2")
    @Min(1)
    @Max(60)
    int maxAgeDays();

    /** Rows deleted per statement (bounded deletes, no rows loaded into memory). */
    @WithDefault("5000")
    @Min(100)
    @Max(100000)
    int chunkSize();

    /** When the cleanup runs (cron, UTC). */
    @WithDefault("0 10 0 * * ?")
    String cron();
}
