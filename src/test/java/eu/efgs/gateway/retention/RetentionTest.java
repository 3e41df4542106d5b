package eu.efgs.gateway.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.efgs.gateway.batching.BatchingService;
import eu.efgs.gateway.testing.Db;
import eu.efgs.gateway.testing.GatewayTestResource;
import eu.efgs.gateway.testing.TestClock;
import eu.efgs.gateway.testing.TestCountry;
import eu.efgs.gateway.testing.TestKeys;
import eu.efgs.gateway.trust.CertificateOnboarding;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retention deletes whole expired batches in bounded chunks; what is inside the window stays complete. */
@QuarkusTest
@QuarkusTestResource(GatewayTestResource.class)
class RetentionTest {

    @Inject
    RetentionService retention;

    @Inject
    BatchingService batching;

    @Inject
    CertificateOnboarding onboarding;

    @Inject
    AgroalDataSource db;

    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private long keysOf(String batchTag) {
        return Db.count(db, "SELECT COUNT(*) FROM diagnosis_key k JOIN upload_batch u ON u.id = k.upload_batch_id "
                + "JOIN download_batch b ON b.id = u.download_batch_id WHERE b.batch_tag = ?", batchTag);
    }

    @Test
    void removesExactlyTheExpiredBatchesInChunks() {
        batching.run();
        TestCountry es = TestCountry.onboard(onboarding, "ES");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        es.upload(TestCountry.newTag(), TestKeys.keys("ES", 250)).then().statusCode(201);
        clock.pin(today.minusDays(3).atTime(12, 0).toInstant(ZoneOffset.UTC));
        String old = batching.createNextBatch().orElseThrow().batchTag();
        clock.reset();
        es.upload(TestCountry.newTag(), TestKeys.keys("ES", 120)).then().statusCode(201);
        clock.pin(today.minusDays(2).atTime(0, 0, 1).toInstant(ZoneOffset.UTC));
        String oldestKept = batching.createNextBatch().orElseThrow().batchTag();
        clock.reset();
        es.upload(TestCountry.newTag(), TestKeys.keys("ES", 30)).then().statusCode(201);
        String current = batching.createNextBatch().orElseThrow().batchTag();
        long statsBefore = Db.count(db, "SELECT COUNT(*) FROM upload_statistics");

        RetentionService.Cleanup cleanup = retention.run();

        assertEquals(today.minusDays(2), cleanup.cutoff());
        assertTrue(cleanup.keys() >= 250, () -> "deleted " + cleanup.keys());
        assertTrue(cleanup.deleteStatements() >= 3 + 1, () -> "statements " + cleanup.deleteStatements());
        assertEquals(0, keysOf(old));
        assertEquals(120, keysOf(oldestKept));
        assertEquals(30, keysOf(current));
        assertEquals(0, Db.count(db, "SELECT COUNT(*) FROM download_slice s JOIN download_batch b ON "
                + "b.id = s.download_batch_id WHERE b.batch_tag = ?", old));
        assertEquals(statsBefore, Db.count(db, "SELECT COUNT(*) FROM upload_statistics"));
        assertEquals(1, Db.count(db, "SELECT COUNT(*) FROM cleanup_statistics WHERE cutoff_date = ?", cleanup.cutoff()));

        // The expired batch is never served truncated: it is gone, by date and by tag.
        es.request().accept("application/protobuf; version=1.0").header("batchTag", old)
                .get("/diagnosiskeys/download/" + today.minusDays(2)).then().statusCode(410);
        es.request().accept("application/protobuf; version=1.0").header("batchTag", oldestKept)
                .get("/diagnosiskeys/download/" + today.minusDays(2)).then().statusCode(200);
        assertEquals(0, retention.run().keys());
    }
}
