package eu.efgs.gateway.testing;

import eu.efgs.gateway.download.DownloadCounts;
import eu.efgs.gateway.platform.database.ChangeWatch;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Gives a test class only the data it makes itself. All classes share one schema (a Quarkus restart per class is
 * too slow), so a class that makes or reads uploads, batches, statistics or callbacks calls {@link #reset()} before
 * its tests instead of relying on what classes before it left: a batch dated tomorrow (batch dates never go back),
 * backdated or expired batches, pending uploads, subscriptions that collect tasks, statistics rows.
 */
@Singleton
public class TestData {

    /** Children before parents (foreign keys); registry, encryption key check and counters stay. */
    private static final List<String> TABLES = List.of("callback_task", "callback_subscription",
            "download_statistics", "download_slice", "diagnosis_key", "upload_batch", "download_batch",
            "upload_statistics", "cleanup_statistics", "upload_refusal");

    @Inject
    AgroalDataSource db;

    @Inject
    ChangeWatch watch;

    @Inject
    TestClock clock;

    @Inject
    DownloadCounts counts;

    /** Real time, and no upload, batch, statistics row, subscription or callback task. */
    public void reset() {
        clock.reset();
        counts.flush(); // downloads counted in memory are written now, not later for batches that are gone
        try (Connection connection = db.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String table : TABLES) {
                    statement.executeUpdate("DELETE FROM " + table);
                }
            }
            // as every change of the chain does: cached batches (by tag, by day) are dropped
            ChangeWatch.changed(connection, ChangeWatch.BATCHES);
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot empty the test data", e);
        }
        watch.refresh();
    }
}
