package eu.efgs.gateway.platform.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConflictRetryTest {

    private static final ConflictRetry.Policy POLICY = new ConflictRetry.Policy(4, Duration.ofMillis(20),
            Duration.ofMillis(50));

    private final List<Duration> waits = new ArrayList<>();

    private ConflictRetry retry(double random) {
        return new ConflictRetry(POLICY, () -> random, waits::add);
    }

    /** What the server answers a transaction that lost certification (or was a deadlock victim). */
    private static SQLException certificationFailure() {
        return new SQLTransactionRollbackException("Deadlock found when trying to get lock; try restarting "
                + "transaction", "40001", 1213);
    }

    @Test
    void aConflictIsRunAgainUntilTheWorkSucceeds() throws SQLException {
        AtomicInteger attempts = new AtomicInteger();
        String result = retry(0).call("test", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw certificationFailure();
            }
            return "stored";
        });
        assertEquals("stored", result);
        assertEquals(3, attempts.get());
        assertEquals(List.of(Duration.ofMillis(10), Duration.ofMillis(20)), waits,
                "doubling, half of each at jitter 0");
    }

    @Test
    void attemptsAreBoundedAndTheLastConflictIsThrown() {
        AtomicInteger attempts = new AtomicInteger();
        SQLException last = certificationFailure();
        SQLException thrown = assertThrows(SQLException.class, () -> retry(1).call("test", () -> {
            attempts.incrementAndGet();
            throw last;
        }));
        assertSame(last, thrown);
        assertEquals(4, attempts.get());
        assertEquals(List.of(Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofMillis(50)), waits,
                "full waits at jitter 1, capped");
    }

    @Test
    void aConflictWrappedByTheCallerOrInABatchCounts() throws SQLException {
        AtomicInteger attempts = new AtomicInteger();
        retry(0.5).call("test", () -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("Creating a download batch failed", certificationFailure());
            }
            if (attempts.get() == 2) {
                BatchUpdateException batch = new BatchUpdateException("batch", null, 0, new int[0]);
                batch.setNextException(certificationFailure());
                throw batch;
            }
            return null;
        });
        assertEquals(3, attempts.get());
    }

    @Test
    void otherFailuresAreNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        SQLException duplicate = new SQLException("Duplicate entry 'x' for key 'uk'", "23000", 1062);
        assertSame(duplicate, assertThrows(SQLException.class, () -> retry(0).call("test", () -> {
            attempts.incrementAndGet();
            throw duplicate;
        })));
        SQLException gone = new SQLException("Communications link failure", "08S01", 0);
        assertSame(gone, assertThrows(SQLException.class, () -> retry(0).call("test", () -> {
            attempts.incrementAndGet();
            throw gone;
        })));
        assertEquals(2, attempts.get(), "a lost connection may have committed: never run again blindly");
        assertTrue(waits.isEmpty());
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new ConflictRetry.Policy(0, Duration.ZERO, Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> new ConflictRetry.Policy(3, Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
