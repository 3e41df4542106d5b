package eu.efgs.gateway.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Short HTTP time limits (so tests see them act within a second) and a token on the management port. */
public class TightEdgesProfile implements QuarkusTestProfile {

    public static final String MANAGEMENT_TOKEN = "test-management-token";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "efgs.http.header-timeout", "PT1S",
                "efgs.http.body-timeout", "PT1S",
                "efgs.management.token", MANAGEMENT_TOKEN);
    }
}
