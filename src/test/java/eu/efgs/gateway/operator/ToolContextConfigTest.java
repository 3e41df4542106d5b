package eu.efgs.gateway.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.efgs.gateway.batching.BatchingConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Operator commands read the settings as the gateway does: same converters, same bounds. */
class ToolContextConfigTest {

    @Test
    void shortDurationsReadAsInTheGateway() {
        assertEquals(Duration.ofMinutes(5), new ToolContext().mapping(BatchingConfig.class).interval());
    }

    @Test
    void aValueTheGatewayRefusesStopsTheCommandNamingTheProperty() {
        System.setProperty("efgs.batching.time-limit", "PT3H");
        try {
            var refusal = assertThrows(ToolContext.ConfigurationProblem.class,
                    () -> new ToolContext().mapping(BatchingConfig.class));
            assertTrue(refusal.getMessage().contains("efgs.batching.time-limit"), refusal.getMessage());
        } finally {
            System.clearProperty("efgs.batching.time-limit");
        }
    }
}
