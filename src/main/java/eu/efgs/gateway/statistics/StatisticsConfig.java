package eu.efgs.gateway.statistics;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/** Participant statistics ({@code efgs.statistics.*}). */
@ConfigMapping(prefix = "efgs.statistics")
public interface StatisticsConfig {

    /** Thumbprints of AUTHENTICATION certificates that see every country's figures (operators); others see their own. */
    Optional<List<String>> operatorThumbprints();

    /** Whether the caller with this (lowercase hex) certificate thumbprint is an operator. */
    default boolean isOperator(String thumbprint) {
        return operatorThumbprints().orElse(List.of()).stream().anyMatch(operator -> operator.equalsIgnoreCase(
                thumbprint));
    }
}
