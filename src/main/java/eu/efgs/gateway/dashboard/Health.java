package eu.efgs.gateway.dashboard;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/** The health panel. It never fails: a database that does not answer is what it reports. */
@ApplicationScoped
public class Health {

    private static final Logger LOG = Logger.getLogger(Health.class);
    private static final int VALID_TIMEOUT_SECONDS = 2;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Clock clock;

    public HealthPanel read() {
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(VALID_TIMEOUT_SECONDS)) {
                return HealthPanel.databaseDown(now);
            }
            Instant lastRun = null;
            Integer lastRunBatches = null;
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT last_run_at, last_run_batches FROM batching_status WHERE id = 1");
                 ResultSet row = select.executeQuery()) {
                if (row.next() && row.getTimestamp(1) != null) {
                    lastRun = row.getTimestamp(1).toInstant();
                    lastRunBatches = row.getInt(2);
                }
            }
            String lastTag = null;
            Instant lastCreated = null;
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT batch_tag, created_at FROM download_batch ORDER BY id DESC LIMIT 1");
                 ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    lastTag = row.getString(1);
                    lastCreated = row.getTimestamp(2).toInstant();
                }
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT COUNT(*), MIN(uploaded_at) FROM upload_batch WHERE download_batch_id IS NULL");
                 ResultSet row = select.executeQuery()) {
                row.next();
                return new HealthPanel(now, true, lastRun, lastRunBatches, lastTag, lastCreated, row.getLong(1),
                        instant(row.getTimestamp(2)));
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Dashboard health: the database does not answer (%s)", e.getMessage());
            return HealthPanel.databaseDown(now);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
