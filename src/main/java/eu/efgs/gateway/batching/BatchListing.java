package eu.efgs.gateway.batching;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The download batches of one UTC day, in chain order, as operators look at them. */
public final class BatchListing {

    /** One batch. */
    public record Summary(String batchTag, Instant createdAt, int uploads, int keys, String nextBatchTag,
                          boolean expired) {
    }

    private BatchListing() {
    }

    public static List<Summary> of(DataSource dataSource, LocalDate date) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT b.batch_tag, b.created_at, "
                     + "(SELECT COUNT(*) FROM upload_batch u WHERE u.download_batch_id = b.id), b.key_count, "
                     + "b.next_batch_tag, b.expired_at IS NOT NULL FROM download_batch b WHERE b.batch_date = ? "
                     + "ORDER BY b.sequence")) {
            select.setObject(1, date);
            List<Summary> batches = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    batches.add(new Summary(row.getString(1), row.getTimestamp(2).toInstant(), row.getInt(3),
                            row.getInt(4), row.getString(5), row.getBoolean(6)));
                }
            }
            return batches;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the download batches of " + date, e);
        }
    }
}
