package eu.efgs.gateway.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Short HTTP time limits (so tests see them act within seconds), a token on the management port, and room for
 * one upload at a time with no queue (so a second upload meets the admission refusal).
 */
public class TightEdgesProfile implements QuarkusTestProfile {

    public static final String MANAGEMENT_TOKEN = "test-management-token";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "efgs.http.header-timeout", "PT1S",
                "efgs.http.body-timeout", "PT1S",
                "efgs.management.token", MANAGEMENT_TOKEN,
                "efgs.http.request-timeout", "PT2S",
                "efgs.upload.concurrency", "1",
                "efgs.upload.queue-size", "0",
                "efgs.upload.queue-timeout", "PT0.5S");
    }
}
