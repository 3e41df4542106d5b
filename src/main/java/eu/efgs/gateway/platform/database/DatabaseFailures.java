package eu.efgs.gateway.platform.database;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
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
    /** ER_NO_REFERENCED_ROW_2: a foreign key found no parent row. */
    static final int NO_REFERENCED_ROW = 1452;
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
     * victim. Nothing of it was stored, so running it again from the start is safe where the work is idempotent. The
     * transaction manager reports a failed JTA commit with the driver's exception among the suppressed ones.
     */
    public static boolean conflict(Throwable failure) {
        for (Throwable related : related(failure, true)) {
            if (related instanceof SQLException sql
                    && ("40001".equals(sql.getSQLState()) || sql.getErrorCode() == DEADLOCK)) {
                return true;
            }
        }
        return false;
    }

    /** A foreign key found no parent row for the statement's row. */
    public static boolean missingParentRow(SQLException failure) {
        return failure.getErrorCode() == NO_REFERENCED_ROW;
    }

    /** The unique constraint (its name) that refused a row, if a duplicate entry is among the causes. */
    public static Optional<String> duplicateKey(Throwable failure) {
        for (Throwable related : related(failure, false)) {
            if (related instanceof SQLException sql && sql.getErrorCode() == DUPLICATE_ENTRY
                    && sql.getMessage() != null) {
                Matcher key = DUPLICATE_KEY.matcher(sql.getMessage().strip());
                if (key.find()) {
                    return Optional.of(key.group(1));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The database is down, frozen or unreachable: connection-level SQL failures among the causes, or among what
     * was reported beside them (the driver may report a connection that died in a batch only as a closed statement,
     * and the rollback on it then says that the connection is gone).
     */
    public static boolean unreachable(Throwable failure) {
        for (Throwable related : related(failure, true)) {
            if (related instanceof SQLRecoverableException || related instanceof SQLTransientConnectionException) {
                return true; // mysql-connector-j's CommunicationsException is recoverable
            }
            if (related instanceof SQLException sql && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("08")) {
                return true; // SQLSTATE class 08: connection exception
            }
        }
        return false;
    }

    /**
     * The failure and what it carries: its causes, the SQLExceptions chained to an SQLException (a batch reports its
     * statement's failure so) and, if asked, the suppressed exceptions of each. Bounded, and safe against cycles.
     */
    private static List<Throwable> related(Throwable failure, boolean withSuppressed) {
        List<Throwable> found = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> next = new ArrayDeque<>();
        if (failure != null) {
            next.add(failure);
        }
        while (!next.isEmpty() && found.size() < 64) {
            Throwable current = next.poll();
            if (!seen.add(current)) {
                continue;
            }
            found.add(current);
            if (current.getCause() != null) {
                next.add(current.getCause());
            }
            if (current instanceof SQLException sql && sql.getNextException() != null) {
                next.add(sql.getNextException());
            }
            if (withSuppressed) {
                next.addAll(List.of(current.getSuppressed()));
            }
        }
        return found;
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
        for (Throwable related : related(failure, true)) {
            if (related instanceof SQLException sql && sql.getErrorCode() == ERROR_DURING_COMMIT) {
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
