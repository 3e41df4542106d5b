package eu.efgs.gateway.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import eu.efgs.gateway.batching.BatchingService;
import eu.efgs.gateway.testing.Db;
import eu.efgs.gateway.testing.GatewayTestResource;
import eu.efgs.gateway.testing.TestCountry;
import eu.efgs.gateway.testing.TestData;
import eu.efgs.gateway.testing.TestKeys;
import eu.efgs.gateway.trust.CertificateLifecycle;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The callback outbox commits and rolls back with the batch it announces: a batch transaction that fails after the
 * announcement leaves neither the batch nor a task, so no subscriber is ever told of a batch that does not exist.
 */
@QuarkusTest
@QuarkusTestResource(GatewayTestResource.class)
class CallbackOutboxRollbackTest {

    @Inject
    BatchingService batching;

    @Inject
    CertificateLifecycle onboarding;

    @Inject
    AgroalDataSource db;

    @Inject
    TestData data;

    @Inject
    FailingAnnouncement failure;

    @BeforeEach
    void noBatches() {
        data.reset();
    }

    @AfterEach
    void disarm() {
        failure.disarm();
        data.reset();
    }

    @Test
    void aBatchThatFailsAfterItsAnnouncementLeavesNoTask() {
        Timestamp now = Timestamp.from(Instant.now());
        // stored as PUT stores it; registration itself is CallbackApiTest's (it refuses loopback URLs here)
        Db.update(db, "INSERT INTO callback_subscription (country, callback_id, url, created_at, updated_at, state) "
                + "VALUES ('DE', 'rollback', 'https://callback.example/efgs', ?, ?, 'ACTIVE')", now, now);
        TestCountry nl = TestCountry.onboard(onboarding, "NL");
        nl.upload(TestCountry.newTag(), TestKeys.keys("NL", 5)).then().statusCode(201);
        failure.arm();

        assertThrows(IllegalStateException.class, batching::createNextBatch);

        assertEquals(1, failure.tasksBeforeFailure(), "the outbox had written the task when the batch failed");
        assertEquals(0, Db.count(db, "SELECT COUNT(*) FROM callback_task"));
        assertEquals(0, Db.count(db, "SELECT COUNT(*) FROM download_batch"));
        assertEquals(1, Db.count(db, "SELECT COUNT(*) FROM upload_batch WHERE download_batch_id IS NULL"));

        failure.disarm();
        String batchTag = batching.createNextBatch().orElseThrow().batchTag();
        assertEquals(List.of(List.of(batchTag)), Db.query(db, "SELECT b.batch_tag FROM callback_task t JOIN "
                + "download_batch b ON b.id = t.download_batch_id"));
    }
}
