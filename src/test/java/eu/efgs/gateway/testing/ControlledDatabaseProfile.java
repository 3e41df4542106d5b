package eu.efgs.gateway.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** Runs the gateway on a {@link ControlledDatabase} the tests may stop, restart and freeze. */
public class ControlledDatabaseProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(ControlledDatabase.class));
    }

    @Override
    public String getConfigProfile() {
        return "test";
    }
}
