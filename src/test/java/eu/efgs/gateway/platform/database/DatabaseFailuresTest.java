package eu.efgs.gateway.platform.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransactionRollbackException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatabaseFailuresTest {

    @Test
    void conflictsAreKnownBySqlStateOrVendorCode() {
        assertTrue(DatabaseFailures.conflict(new SQLTransactionRollbackException("any words", "40001", 1213)));
        assertTrue(DatabaseFailures.conflict(new SQLException("other words", "40001")), "SQLSTATE alone");
        assertTrue(DatabaseFailures.conflict(new SQLException("no state", null, 1213)), "vendor code alone");
        assertTrue(DatabaseFailures.conflict(new RuntimeException(new SQLException("x", "40001"))), "as a cause");
        assertFalse(DatabaseFailures.conflict(new SQLException("Deadlock found when trying to get lock", "HY000", 1)),
                "never by wording");
        assertFalse(DatabaseFailures.conflict(new SQLException("WSREP has not yet prepared node", "08S01", 1047)));
    }

    @Test
    void aConflictIsAnAnswerableUnavailabilityNotAnOutage() {
        SQLException conflict = new SQLTransactionRollbackException("x", "40001", 1213);
        assertTrue(DatabaseFailures.unavailable(conflict), "503 with Retry-After");
        assertFalse(DatabaseFailures.unreachable(conflict), "the database answered: no outage");
    }

    @Test
    void duplicateKeysAreNamedInMariaDbAndMySqlForms() {
        assertEquals(Optional.of("uk_upload_batch_country_tag"), DatabaseFailures.duplicateKey(
                new SQLIntegrityConstraintViolationException("Duplicate entry 'DE-t1' for key "
                        + "'uk_upload_batch_country_tag'", "23000", 1062)), "MariaDB");
        assertEquals(Optional.of("uk_diagnosis_key_payload_hash"), DatabaseFailures.duplicateKey(
                new SQLIntegrityConstraintViolationException("Duplicate entry 'ab12' for key "
                        + "'diagnosis_key.uk_diagnosis_key_payload_hash'", "23000", 1062)), "MySQL 8");
        assertEquals(Optional.of("uk_b"), DatabaseFailures.duplicateKey(new SQLException("Duplicate entry "
                + "'for key 'uk_a'' for key 'uk_b'", "23000", 1062)), "the entry's text cannot mislead");
    }

    @Test
    void aMissingParentRowIsKnownByVendorCode() {
        assertTrue(DatabaseFailures.missingParentRow(new SQLIntegrityConstraintViolationException("Cannot add or "
                + "update a child row: a foreign key constraint fails", "23000", 1452)));
        assertFalse(DatabaseFailures.missingParentRow(new SQLIntegrityConstraintViolationException("Duplicate entry "
                + "'x' for key 'uk_h'", "23000", 1062)), "another integrity failure");
    }

    @Test
    void aDuplicateInsideABatchIsFound() {
        BatchUpdateException batch = new BatchUpdateException("Duplicate entry 'ab' for key 'uk_h'", "23000", 1062,
                new long[0], null);
        assertEquals(Optional.of("uk_h"), DatabaseFailures.duplicateKey(new IllegalStateException(batch)));
        BatchUpdateException chained = new BatchUpdateException("batch failed", null, 0, new int[0]);
        chained.setNextException(new SQLException("Duplicate entry 'cd' for key 'uk_h'", "23000", 1062));
        assertEquals(Optional.of("uk_h"), DatabaseFailures.duplicateKey(chained));
    }

    @Test
    void otherFailuresNameNoKey() {
        assertEquals(Optional.empty(), DatabaseFailures.duplicateKey(new SQLException("for key 'uk_x'", "23000",
                1452)), "a foreign key failure is no duplicate");
        assertEquals(Optional.empty(), DatabaseFailures.duplicateKey(new RuntimeException("Duplicate entry 'a' for "
                + "key 'uk_x'")), "no SQLException: words alone do not count");
    }

    @Test
    void aConnectionThatDiedInABatchIsKnownByTheFailedRollback() {
        // mysql-connector-j, failing over in the middle of executeBatch, reports a closed statement (S1009) ...
        SQLException batch = new SQLException("No operations allowed after statement closed.", "S1009", 0);
        assertFalse(DatabaseFailures.unreachable(batch));
        // ... and the rollback that follows finds the connection gone
        batch.addSuppressed(new java.sql.SQLNonTransientConnectionException(
                "No operations allowed after connection closed.", "08003", 0));
        assertTrue(DatabaseFailures.unreachable(new IllegalStateException(batch)));
    }

    @Test
    void aCommitTheServerCouldNotMakeIsUnavailabilityNotABug() {
        SQLException notPrimary = new SQLException("Error while appending streaming replication fragment(provider "
                + "status: Not connected to Primary Component)", "HY000", 1180);
        assertTrue(DatabaseFailures.unavailable(new IllegalStateException("Creating a download batch failed",
                notPrimary)));
        assertFalse(DatabaseFailures.conflict(notPrimary), "not retried at once: the node must rejoin first");
    }

    @Test
    void aConflictReportedBesideAFailedJtaCommitIsFound() {
        // a transaction manager reports the resource's failure as a suppressed exception of its RollbackException
        Exception rollback = new Exception("ARJUNA016053: Could not commit transaction.");
        Exception resource = new Exception("XAException: Error trying to commit local transaction");
        resource.initCause(new SQLTransactionRollbackException("Deadlock found", "40001", 1213));
        rollback.addSuppressed(resource);
        assertTrue(DatabaseFailures.conflict(new RuntimeException(rollback)));
        assertEquals(Optional.empty(), DatabaseFailures.duplicateKey(rollback));
    }

    @Test
    void cyclesEndTheSearch() {
        SQLException first = new SQLException("a", "HY000", 1);
        SQLException second = new SQLException("b", "HY000", 2);
        first.setNextException(second);
        second.setNextException(first);
        assertFalse(DatabaseFailures.conflict(first));
    }
}
