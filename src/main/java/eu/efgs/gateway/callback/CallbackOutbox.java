package eu.efgs.gateway.callback;

import eu.efgs.gateway.download.DownloadCounts;
import eu.efgs.gateway.platform.database.Transactions;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The callback outbox in the database: tasks are written with the batch that they announce, claimed per
 * subscription with a lease (a conditional UPDATE, so exactly one sender wins, on any number of instances) and
 * removed only when delivered or skipped. All times come from the caller's clock. The lease is a written row, not a
 * lock: on a Galera cluster two senders on different nodes may both see it free, but only one UPDATE passes
 * certification; the other's step is run again (every step is idempotent) and then finds the lease taken.
 */
@ApplicationScoped
public class CallbackOutbox {

    private static final int CANDIDATES = 20;

    @Inject
    Transactions transactions;

    @Inject
    DownloadCounts downloadCounts;

    /** A subscription one sender owns until {@code leaseUntil}, with its oldest undelivered batch. */
    public record Claim(long subscriptionId, String country, String callbackId, String url, int consecutiveFailures,
                        long taskId, long downloadBatchId, String batchTag, LocalDate batchDate,
                        boolean batchExpired) {
    }

    /** Undelivered tasks of a subscription. */
    public record Backlog(long pending, Optional<Instant> oldest) {
        static final Backlog NONE = new Backlog(0, Optional.empty());
    }

    /** Delivery figures of one subscription. */
    public record Health(long subscriptionId, String country, String callbackId, long sent, long failed,
                         long skipped, Backlog backlog) {
    }


    /**
     * Claims the subscription that is due longest (new ones first) and has undelivered tasks. The claim is the
     * conditional UPDATE: of several senders racing for one subscription exactly one changes the row.
     */
    public Optional<Claim> claim(String owner, Instant now, Instant leaseUntil) {
        for (long candidate : transaction(connection -> dueSubscriptions(connection, now))) {
            if (transaction(connection -> takeLease(connection, candidate, owner, now, leaseUntil))) {
                // read in a transaction begun after the lease was won, so its snapshot includes everything the
                // previous holder committed (a task it delivered is gone) before it let go of the lease
                Optional<Claim> claim = transaction(connection -> head(connection, candidate));
                if (claim.isPresent()) {
                    return claim;
                }
                transaction(connection -> release(connection, candidate, owner)); // its tasks went away (DELETE)
            }
        }
        return Optional.empty();
    }

    /** The callback was answered with 2xx: the task is gone, the subscription healthy and due again at once. */
    public boolean delivered(Claim claim, String owner, Instant now) {
        return transaction(connection -> {
            deleteTask(connection, claim);
            return update(connection, "UPDATE callback_subscription SET state = 'ACTIVE', consecutive_failures = 0, "
                    + "last_success = ?, sent_count = sent_count + 1, next_attempt_at = ?, lease_owner = NULL, "
                    + "lease_until = NULL WHERE id = ? AND lease_owner = ?", Timestamp.from(now),
                    Timestamp.from(now), claim.subscriptionId(), owner);
        });
    }

    /**
     * The task is not sent (already downloaded, expired): removed and counted apart. Health and backoff stay as
     * they were, so the next task is due exactly when it would have been.
     */
    public boolean skipped(Claim claim, String owner) {
        return transaction(connection -> {
            deleteTask(connection, claim);
            return update(connection, "UPDATE callback_subscription SET skipped_count = skipped_count + 1, "
                    + "lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?",
                    claim.subscriptionId(), owner);
        });
    }

    /** The attempt failed: the task stays, the subscription waits until {@code nextAttempt}. */
    public boolean failed(Claim claim, String owner, String error, Instant nextAttempt, boolean failing) {
        String lastError = error.length() > 512 ? error.substring(0, 509) + "..." : error;
        return transaction(connection -> update(connection, "UPDATE callback_subscription SET "
                + "consecutive_failures = ?, failed_count = failed_count + 1, last_error = ?, next_attempt_at = ?, "
                + "state = ?, lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?",
                claim.consecutiveFailures() + 1, lastError, Timestamp.from(nextAttempt),
                failing ? CallbackSubscription.State.FAILING.name() : CallbackSubscription.State.ACTIVE.name(),
                claim.subscriptionId(), owner));
    }

    /** The claim is given up unsent (its holder may not send any more): due again for any sender at once. */
    public boolean giveBack(Claim claim, String owner) {
        return transaction(connection -> release(connection, claim.subscriptionId(), owner));
    }

    /** Whether the subscribing country has already downloaded the batch that the claim would announce. */
    public boolean alreadyDownloaded(Claim claim) {
        downloadCounts.flush(); // this instance's downloads of the last second count too
        return transaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM download_statistics "
                    + "WHERE download_batch_id = ? AND country = ? LIMIT 1")) {
                select.setLong(1, claim.downloadBatchId());
                select.setString(2, claim.country());
                try (ResultSet row = select.executeQuery()) {
                    return row.next();
                }
            }
        });
    }

    /** Figures of every subscription (for metrics). */
    public List<Health> health() {
        return health(null);
    }

    /** Figures of one country's subscriptions, by subscription id (for GET). */
    public Map<Long, Health> healthOf(String country) {
        Map<Long, Health> byId = new HashMap<>();
        health(country).forEach(health -> byId.put(health.subscriptionId(), health));
        return byId;
    }

    private List<Health> health(String country) {
        return transaction(connection -> {
            List<Health> health = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT s.id, s.country, s.callback_id, "
                    + "s.sent_count, s.failed_count, s.skipped_count, COUNT(t.id), MIN(t.created_at) "
                    + "FROM callback_subscription s LEFT JOIN callback_task t ON t.subscription_id = s.id "
                    + (country == null ? "" : "WHERE s.country = ? ")
                    + "GROUP BY s.id, s.country, s.callback_id, s.sent_count, s.failed_count, s.skipped_count")) {
                if (country != null) {
                    select.setString(1, country);
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        health.add(new Health(rows.getLong(1), rows.getString(2), rows.getString(3),
                                rows.getLong(4), rows.getLong(5), rows.getLong(6), backlog(rows, 7)));
                    }
                }
            }
            return health;
        });
    }

    private static Backlog backlog(ResultSet rows, int column) throws SQLException {
        long pending = rows.getLong(column);
        Timestamp oldest = rows.getTimestamp(column + 1);
        return pending == 0 ? Backlog.NONE
                : new Backlog(pending, Optional.ofNullable(oldest).map(Timestamp::toInstant));
    }

    private static List<Long> dueSubscriptions(Connection connection, Instant now) throws SQLException {
        List<Long> due = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT s.id FROM callback_subscription s "
                + "WHERE (s.next_attempt_at IS NULL OR s.next_attempt_at <= ?) "
                + "AND (s.lease_until IS NULL OR s.lease_until < ?) "
                + "AND EXISTS (SELECT 1 FROM callback_task t WHERE t.subscription_id = s.id) "
                + "ORDER BY s.next_attempt_at IS NOT NULL, s.next_attempt_at, s.id LIMIT " + CANDIDATES)) {
            select.setTimestamp(1, Timestamp.from(now));
            select.setTimestamp(2, Timestamp.from(now));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    due.add(rows.getLong(1));
                }
            }
        }
        return due;
    }

    private static boolean takeLease(Connection connection, long subscription, String owner, Instant now,
                                     Instant leaseUntil) throws SQLException {
        return update(connection, "UPDATE callback_subscription SET lease_owner = ?, lease_until = ? WHERE id = ? "
                + "AND (next_attempt_at IS NULL OR next_attempt_at <= ?) AND (lease_until IS NULL OR lease_until < ?)",
                owner, Timestamp.from(leaseUntil), subscription, Timestamp.from(now), Timestamp.from(now));
    }

    private static boolean release(Connection connection, long subscription, String owner) throws SQLException {
        return update(connection, "UPDATE callback_subscription SET lease_owner = NULL, lease_until = NULL "
                + "WHERE id = ? AND lease_owner = ?", subscription, owner);
    }

    private static Optional<Claim> head(Connection connection, long subscription) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT s.country, s.callback_id, s.url, "
                + "s.consecutive_failures, t.id, t.download_batch_id, b.batch_tag, b.batch_date, b.expired_at "
                + "FROM callback_subscription s JOIN callback_task t ON t.subscription_id = s.id "
                + "JOIN download_batch b ON b.id = t.download_batch_id "
                + "WHERE s.id = ? ORDER BY t.download_batch_id LIMIT 1")) {
            select.setLong(1, subscription);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Claim(subscription, row.getString(1), row.getString(2), row.getString(3),
                        row.getInt(4), row.getLong(5), row.getLong(6), row.getString(7),
                        row.getObject(8, LocalDate.class), row.getTimestamp(9) != null));
            }
        }
    }

    private static void deleteTask(Connection connection, Claim claim) throws SQLException {
        update(connection, "DELETE FROM callback_task WHERE id = ?", claim.taskId());
    }

    private static boolean update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate() == 1;
        }
    }

    /**
     * Each outbox step is one short transaction of its own, outside any transaction of the caller; nothing is held
     * while a callback is sent. A step that lost to a concurrent write is run again from its start.
     */
    private <T> T transaction(Transactions.Work<T> work) {
        return QuarkusTransaction.suspendingExisting().call(() -> {
            try {
                return transactions.inTransaction("Callback outbox", work);
            } catch (SQLException e) {
                throw new IllegalStateException("Callback outbox: " + e.getMessage(), e);
            }
        });
    }
}
