package eu.efgs.gateway.dashboard;

import eu.efgs.gateway.testing.Db;
import eu.efgs.gateway.testing.TestClock;
import io.agroal.api.AgroalDataSource;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Batch dates never go back behind the newest batch, and an earlier test class may have dated one tomorrow (across
 * midnight). Tests that make batches and read them per day pin the clock to a day no earlier than that batch's,
 * so their batches fall on the last day of the dashboard's window.
 */
final class BatchDayClock {

    private BatchDayClock() {
    }

    static Instant pin(TestClock clock, AgroalDataSource db) {
        Object newest = Db.query(db, "SELECT MAX(batch_date) FROM download_batch").get(0).get(0);
        Instant start = Instant.now();
        if (newest != null) {
            Instant newestDay = LocalDate.parse(newest.toString()).atTime(1, 0).toInstant(ZoneOffset.UTC);
            start = newestDay.isAfter(start) ? newestDay : start;
        }
        clock.pin(start);
        return start;
    }
}
