package eu.efgs.gateway.statistics;

import io.smallrye.config.ConfigMapping;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Optional;

/** Participant statistics ({@code efgs.statistics.*}). */
@ConfigMapping(prefix = "efgs.statistics")
public interface StatisticsConfig {

    /**
     * Thumbprints of AUTHENTICATION certificates that see every country's figures (operators); others see their
     * own. A mistyped one would silently grant nothing, so each must look like a SHA-256 thumbprint.
     */
    Optional<List<@Pattern(regexp = "[0-9A-Fa-f]{64}", message = "must be SHA-256 thumbprints (64 hex digits)")
            String>> operatorThumbprints();

    /** Whether the caller with this (lowercase hex) certificate thumbprint is an operator. */
    default boolean isOperator(String thumbprint) {
        return operatorThumbprints().orElse(List.of()).stream().anyMatch(operator -> operator.equalsIgnoreCase(
                thumbprint));
    }
}
