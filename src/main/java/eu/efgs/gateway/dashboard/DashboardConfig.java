package eu.efgs.gateway.dashboard;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

/** Dashboard settings ({@code efgs.dashboard.*}). */
@ConfigMapping(prefix = "efgs.dashboard")
public interface DashboardConfig {

    /**
     * How long figures of the days before today are kept in memory before they are read again (today's are
     * always read live). Past days barely change, and reading 14 days of statistics is most of a page's cost.
     * {@code PT0S} reads everything on every request; at most an hour, so late downloads of past batches show.
     */
    @WithDefault("PT5M")
    @DurationMin(seconds = 0)
    @DurationMax(hours = 1)
    Duration pastDaysTtl();
}
