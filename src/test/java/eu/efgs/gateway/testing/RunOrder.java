package eu.efgs.gateway.testing;

import java.util.Comparator;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * The order of test classes within each group of Quarkus' orderer (one group per test profile, so the application
 * starts once per profile): by name, or by name backwards with {@code -Dsurefire.runOrder=reversealphabetical}
 * (failsafe: {@code -Dfailsafe.runOrder=...}). Quarkus sorts by name whatever Surefire hands over, so its run order
 * alone would not change anything; CI's second run uses the reverse order to catch a class relying on another.
 * Quarkus reads its setting from MicroProfile Config, so pom.xml passes it to Surefire and Failsafe as a system
 * property.
 */
public class RunOrder implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        Comparator<String> byName = Comparator.naturalOrder();
        boolean reverse = context.getConfigurationParameter("surefire.runOrder")
                .or(() -> context.getConfigurationParameter("failsafe.runOrder"))
                .filter("reversealphabetical"::equalsIgnoreCase).isPresent();
        Comparator<String> order = reverse ? byName.reversed() : byName;
        context.getClassDescriptors().sort(Comparator.comparing(
                descriptor -> descriptor.getTestClass().getName(), order));
    }
}
