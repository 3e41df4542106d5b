package eu.efgs.gateway.platform.database;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness from the probe's last result: answers at once, whatever state the database is in. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Inject
    DatabaseProbe probe;

    @Inject
    DatabaseStatus status;

    @Override
    public HealthCheckResponse call() {
        DatabaseStatus.State state = status.state();
        var response = HealthCheckResponse.named("database").status(probe.fresh())
                .withData("since", state.since().toString());
        state.lastError().ifPresent(error -> response.withData("error", error));
        return response.build();
    }
}
