package eu.efgs.gateway.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** When the panels cannot be read the page is still built, with the health panel that says why. */
class DashboardDegradedTest {

    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");

    @Test
    void aFailingPanelLeavesTheHealthPanelAndAReason() {
        Dashboard dashboard = new Dashboard();
        dashboard.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        dashboard.health = new Health() {
            @Override
            public HealthPanel read() {
                return HealthPanel.databaseDown(NOW);
            }
        };
        dashboard.traffic = new Traffic() {
            @Override
            public TrafficPanel read(Viewer viewer, Window window) {
                throw new IllegalStateException("Cannot read statistics: Communications link failure");
            }
        };
        DashboardPage page = dashboard.page(new Viewer("DE", false));
        assertTrue(page.panels().isEmpty());
        assertFalse(page.health().databaseUp());
        assertEquals("The figures could not be read (details in the gateway's log).", page.unavailable());
        assertEquals(NOW, page.generatedAt());
        assertEquals(new Window(NOW.atOffset(ZoneOffset.UTC).toLocalDate().minusDays(13),
                NOW.atOffset(ZoneOffset.UTC).toLocalDate()), page.window());
    }
}
