package eu.efgs.gateway.statistics;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/** Participant statistics ({@code efgs.statistics.*}). */
@ConfigMapping(prefix = "efgs.statistics")
public interface StatisticsConfig {

    /** Thumbprints of AUTHENTICATION certificates that see every country's figures (operators); others see their own. */
    Optional<List<String>> operatorThumbprints();
}
