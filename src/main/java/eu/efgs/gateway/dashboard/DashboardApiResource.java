package eu.efgs.gateway.dashboard;

import eu.efgs.gateway.identity.Authenticated;
import eu.efgs.gateway.identity.CallerIdentity;
import eu.efgs.gateway.statistics.StatisticsConfig;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /diagnosiskeys/dashboard/*}: the JSON behind each panel of {@code /dashboard} (the page renders exactly
 * these objects), for scripts. A country sees its own figures, an operator every country's.
 */
@Path("/diagnosiskeys/dashboard")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class DashboardApiResource {

    @Inject
    CallerIdentity caller;

    @Inject
    StatisticsConfig statistics;

    @Inject
    Dashboard dashboard;

    @GET
    @Path("/traffic")
    public TrafficPanel traffic() {
        return dashboard.traffic(viewer());
    }

    @GET
    @Path("/batches")
    public BatchesPanel batches() {
        return dashboard.batches(viewer());
    }

    @GET
    @Path("/refusals")
    public RefusalsPanel refusals() {
        return dashboard.refusals(viewer());
    }

    @GET
    @Path("/callbacks")
    public CallbacksPanel callbacks() {
        return dashboard.callbacks(viewer());
    }

    @GET
    @Path("/certificates")
    public CertificatesPanel certificates() {
        return dashboard.certificates(viewer());
    }

    @GET
    @Path("/health")
    public HealthPanel health() {
        return dashboard.health();
    }

    private Viewer viewer() {
        return Viewer.of(caller, statistics);
    }
}
