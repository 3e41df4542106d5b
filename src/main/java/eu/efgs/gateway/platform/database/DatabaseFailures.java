package eu.efgs.gateway.platform.database;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which failures mean "the database cannot be reached now" or "a concurrent write won" (answered 503), as opposed to
 * a bug (500), and which unique constraint refused a row. Recognised by SQLSTATE and vendor code, never by wording.
 */
public final class DatabaseFailures {

    /** ER_LOCK_DEADLOCK: InnoDB's deadlock victim, and on Galera a transaction that failed certification. */
    static final int DEADLOCK = 1213;
    /** ER_DUP_ENTRY: a unique constraint refused the row. */
    static final int DUPLICATE_ENTRY = 1062;
    /**
     * ER_ERROR_DURING_COMMIT: the server could not commit, nothing was stored; on Galera a node that is not part of
     * the primary component ("Not connected to Primary Component").
     */
    static final int ERROR_DURING_COMMIT = 1180;
    /** The server names the refusing key last: 'uk_x' (MariaDB, MySQL 5.7) or 'table.uk_x' (MySQL 8). */
    private static final Pattern DUPLICATE_KEY = Pattern.compile("for key '(?:[^'.]*\\.)?([^'.]+)'\\s*$");

    private DatabaseFailures() {
    }

    /**
     * The transaction was rolled back because a concurrent transaction wrote the same rows first: on Galera a
     * certification failure at commit, or a local transaction aborted by a replicated one; on one server a deadlock
     * victim. Nothing of it was stored, so running it again from the start is safe where the work is idempotent.
     */
    public static boolean conflict(Throwable failure) {
        for (SQLException sql : sqlExceptions(failure)) {
            if ("40001".equals(sql.getSQLState()) || sql.getErrorCode() == DEADLOCK) {
                return true;
            }
        }
        return false;
    }

    /** The unique constraint (its name) that refused a row, if a duplicate entry is among the causes. */
    public static Optional<String> duplicateKey(Throwable failure) {
        for (SQLException sql : sqlExceptions(failure)) {
            if (sql.getErrorCode() == DUPLICATE_ENTRY && sql.getMessage() != null) {
                Matcher key = DUPLICATE_KEY.matcher(sql.getMessage().strip());
                if (key.find()) {
                    return Optional.of(key.group(1));
                }
            }
        }
        return Optional.empty();
    }

    /** Every SQLException among the causes, with the chained ones (a batch reports its statement's failure so). */
    private static List<SQLException> sqlExceptions(Throwable failure) {
        List<SQLException> found = new ArrayList<>();
        for (Throwable cause = failure; cause != null && found.size() < 32; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null && found.size() < 32; next = next.getNextException()) {
                    found.add(next);
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return found;
    }

    /**
     * The database is down, frozen or unreachable: connection-level SQL failures anywhere in the causes, or in what
     * the rollback after the failure reported (the driver may report a connection that died in a batch only as a
     * closed statement; the rollback on it then says the connection is gone).
     */
    public static boolean unreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (connectionLost(cause)) {
                return true;
            }
            for (Throwable suppressed : cause.getSuppressed()) {
                if (connectionLost(suppressed)) {
                    return true;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static boolean connectionLost(Throwable failure) {
        if (failure instanceof SQLRecoverableException || failure instanceof SQLTransientConnectionException) {
            return true; // mysql-connector-j's CommunicationsException is recoverable
        }
        // SQLSTATE class 08: connection exception
        return failure instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08");
    }

    /**
     * Unreachable, or every pooled connection is busy and none could be had in time, or concurrent writes kept
     * conflicting after the retries, or the server could not commit (a Galera node outside the primary component):
     * each is answered 503 with Retry-After, never 500.
     */
    public static boolean unavailable(Throwable failure) {
        if (unreachable(failure) || conflict(failure)) {
            return true;
        }
        for (SQLException sql : sqlExceptions(failure)) {
            if (sql.getErrorCode() == ERROR_DURING_COMMIT) {
                return true; // not committed: retrying later is safe
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTimeoutException) {
                return true;
            }
            // Agroal reports an exhausted pool as a plain SQLException without SQLSTATE
            if (cause instanceof SQLException sql && sql.getSQLState() == null
                    && String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT).contains("acquisition timeout")) {
                return true;
            }
        }
        return false;
    }
}
