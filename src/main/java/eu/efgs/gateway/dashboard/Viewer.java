package eu.efgs.gateway.dashboard;

import eu.efgs.gateway.identity.CallerIdentity;
import eu.efgs.gateway.statistics.StatisticsConfig;
import java.util.Optional;

/** Who looks: a country sees its own figures; an operator (the statistics operators) sees every country's. */
public record Viewer(String country, boolean operator) {

    public static Viewer of(CallerIdentity caller, StatisticsConfig statistics) {
        return new Viewer(caller.country(), statistics.isOperator(caller.get().thumbprint()));
    }

    /** The one country to show, or empty for all. */
    public Optional<String> only() {
        return operator ? Optional.empty() : Optional.of(country);
    }

    public boolean sees(String other) {
        return operator || country.equals(other);
    }
}
