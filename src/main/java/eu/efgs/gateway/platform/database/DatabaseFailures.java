package eu.efgs.gateway.platform.database;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;

/** Which failures mean "the database cannot be reached now" (answered 503), as opposed to a bug (500). */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    /** The database is down, frozen or unreachable: connection-level SQL failures anywhere in the causes. */
    public static boolean unreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLRecoverableException || cause instanceof SQLTransientConnectionException) {
                return true; // mysql-connector-j's CommunicationsException is recoverable
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true; // SQLSTATE class 08: connection exception
            }
        }
        return false;
    }

    /** Unreachable, or every pooled connection is busy and none could be had in time. */
    public static boolean unavailable(Throwable failure) {
        if (unreachable(failure)) {
            return true;
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
