package eu.efgs.gateway.platform.database;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Plain JDBC units of work on the gateway's database, each run again from the start when a concurrent write rolled
 * it back ({@link ConflictRetry}). Only for idempotent work: an attempt that conflicted stored nothing, and the next
 * attempt decides anew from what the database holds then. Must not be called inside a JTA transaction (the
 * connection would be enlisted in it); the gateway's callers suspend one if there is.
 */
public final class Transactions {

    /** Work on a connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final ConflictRetry retry;

    public Transactions(DataSource dataSource, ConflictRetry retry) {
        this.dataSource = dataSource;
        this.retry = retry;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(String operation, Work<T> work) throws SQLException {
        return retry.call(operation, () -> once(work));
    }

    /**
     * {@code work} in autocommit mode: each statement is its own transaction (bounded deletes, single-row updates).
     * A statement that conflicted changed nothing; the work runs again from its start.
     */
    public <T> T autocommit(String operation, Work<T> work) throws SQLException {
        return retry.call(operation, () -> {
            try (Connection connection = dataSource.getConnection()) {
                return work.run(connection);
            }
        });
    }

    private <T> T once(Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit(); // on Galera, certification happens here: a conflict is thrown by commit
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            } finally {
                try {
                    connection.setAutoCommit(true);
                } catch (SQLException e) {
                    // a broken connection: the pool discards it
                }
            }
        }
    }

    private static void rollback(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e); // the server rolls back what a dead connection left open
        }
    }
}
