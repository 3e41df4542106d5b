package eu.efgs.gateway.dashboard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/** The dashboard's panels for a viewer, one by one (JSON) or all together with their charts (the page). */
@ApplicationScoped
public class Dashboard {

    private static final Logger LOG = Logger.getLogger(Dashboard.class);

    @Inject
    Clock clock;

    @Inject
    Traffic traffic;

    @Inject
    Batches batches;

    @Inject
    Refusals refusals;

    @Inject
    Callbacks callbacks;

    @Inject
    Certificates certificates;

    @Inject
    Health health;

    public TrafficPanel traffic(Viewer viewer) {
        return traffic.read(viewer, Window.endingToday(clock));
    }

    public BatchesPanel batches(Viewer viewer) {
        return batches.read(viewer, Window.endingToday(clock));
    }

    public RefusalsPanel refusals(Viewer viewer) {
        return refusals.read(viewer, Window.endingToday(clock));
    }

    public CallbacksPanel callbacks(Viewer viewer) {
        return callbacks.read(viewer);
    }

    public CertificatesPanel certificates(Viewer viewer) {
        return certificates.read(viewer);
    }

    public HealthPanel health() {
        return health.read();
    }

    /**
     * Every panel. When reading them fails (the database stopped answering, most likely) the page still shows the
     * health panel, which says whether the database answers, instead of an error.
     */
    public DashboardPage page(Viewer viewer) {
        Window window = Window.endingToday(clock);
        HealthPanel healthPanel = health.read();
        try {
            return new DashboardPage(viewer, window, clock.instant(), healthPanel, Optional.of(panels(viewer, window)),
                    "");
        } catch (RuntimeException e) {
            LOG.warn("Dashboard panels could not be read", e);
            return new DashboardPage(viewer, window, clock.instant(), healthPanel, Optional.empty(),
                    "The figures could not be read (details in the gateway's log).");
        }
    }

    private DashboardPage.Panels panels(Viewer viewer, Window window) {
        TrafficPanel trafficPanel = traffic.read(viewer, window);
        BatchesPanel batchesPanel = batches.read(viewer, window);
        return new DashboardPage.Panels(trafficPanel, batchesPanel, refusals.read(viewer, window),
                callbacks.read(viewer), certificates.read(viewer), DashboardCharts.legend(trafficPanel),
                DashboardCharts.traffic(trafficPanel, window, TrafficPanel.Day::keysUploaded),
                DashboardCharts.traffic(trafficPanel, window, TrafficPanel.Day::keysDownloaded),
                DashboardCharts.batches(batchesPanel, window));
    }
}
