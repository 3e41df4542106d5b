package eu.efgs.gateway.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the page shows: the health panel always, the other panels (the same objects the JSON endpoints return)
 * with their charts unless the database failed while reading them, then {@code unavailable} says why.
 */
public record DashboardPage(Viewer viewer, Window window, Instant generatedAt, HealthPanel health,
                            Optional<Panels> panels, String unavailable) {

    /** The panels that need the database, with the chart geometry drawn from them. */
    public record Panels(TrafficPanel traffic, BatchesPanel batches, RefusalsPanel refusals,
                         CallbacksPanel callbacks, CertificatesPanel certificates, List<Legend> legend,
                         StackedBarChart.Chart uploaded, StackedBarChart.Chart downloaded,
                         StackedBarChart.Chart batchChart) {
    }

    /** A country's colour in the traffic charts. */
    public record Legend(String country, String color) {
    }
}
