package eu.efgs.gateway.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.efgs.gateway.operator.QuickStartDatabase;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The embedded database's start limit is read before Quarkus, so it is checked by hand, naming the property. */
class EmbeddedStartTimeoutTest {

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "-PT1S", "PT31M", "120", "two minutes"})
    void aBadStartTimeoutStopsTheLaunchNamingTheProperty(String value) {
        var refusal = assertThrows(QuickStartDatabase.StartFailure.class, () -> EmbeddedDatabase.startTimeout(value));
        assertTrue(refusal.getMessage().contains("efgs.embedded-db.start-timeout")
                && refusal.getMessage().contains(value), refusal.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0.05S", "PT120S", "PT30M"})
    void theBoundsAreInclusive(String value) {
        assertEquals(Duration.parse(value), EmbeddedDatabase.startTimeout(value));
    }
}
