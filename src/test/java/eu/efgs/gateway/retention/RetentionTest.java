package eu.efgs.gateway.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import eu.efgs.gateway.batching.BatchNames;
import eu.efgs.gateway.platform.database.ChangeWatch;
import eu.efgs.gateway.batching.BatchingService;
import eu.efgs.gateway.batching.SliceFormat;
import eu.efgs.gateway.keys.PayloadCipher;
import eu.efgs.gateway.testing.Db;
import eu.efgs.gateway.testing.GatewayTestResource;
import eu.efgs.gateway.testing.TestData;
import eu.efgs.gateway.testing.TestCountry;
import eu.efgs.gateway.testing.TestKeys;
import eu.efgs.gateway.trust.CertificateLifecycle;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retention deletes whole expired batches in bounded chunks; what is inside the window stays complete. It starts
 * from no batches (its counts are exact) and removes the batches it backdated, which tests walking today's chain
 * must not meet.
 */
@QuarkusTest
@QuarkusTestResource(GatewayTestResource.class)
class RetentionTest {

    @Inject
    RetentionService retention;

    @Inject
    ChangeWatch watch;

    @Inject
    BatchingService batching;

    @Inject
    CertificateLifecycle onboarding;

    @Inject
    AgroalDataSource db;

    @Inject
    PayloadCipher cipher;

    @Inject
    TestData data;

    @Inject
    RetentionConfig config;

    @BeforeEach
    @AfterEach
    void noBatches() {
        data.reset();
    }

    private long keysOf(String batchTag) {
        return Db.count(db, "SELECT COUNT(*) FROM diagnosis_key k JOIN upload_batch u ON u.id = k.upload_batch_id "
                + "JOIN download_batch b ON b.id = u.download_batch_id WHERE b.batch_tag = ?", batchTag);
    }

    /**
     * Makes a fresh batch look days old (test data only: batches cannot be made in the past): new date, a tag of
     * that date, and its slices re-sealed for the new tag.
     */
    private String backdate(String batchTag, LocalDate date) throws Exception {
        int sequence = 1000 + (int) Db.count(db, "SELECT COUNT(*) FROM download_batch");
        String tag = BatchNames.tag(date, sequence);
        for (List<Object> slice : Db.query(db, "SELECT s.id, s.slice_index, s.key_id, s.protobuf, s.json FROM "
                + "download_slice s JOIN download_batch b ON b.id = s.download_batch_id WHERE b.batch_tag = ?",
                batchTag)) {
            int index = ((Number) slice.get(1)).intValue();
            String keyId = (String) slice.get(2);
            byte[] protobuf = cipher.decrypt(keyId, (byte[]) slice.get(3), SliceFormat.PROTOBUF.aad(batchTag, index));
            byte[] json = cipher.decrypt(keyId, (byte[]) slice.get(4), SliceFormat.JSON.aad(batchTag, index));
            Db.update(db, "UPDATE download_slice SET key_id = ?, protobuf = ?, json = ? WHERE id = ?",
                    cipher.currentKeyId(), cipher.encrypt(protobuf, SliceFormat.PROTOBUF.aad(tag, index)),
                    cipher.encrypt(json, SliceFormat.JSON.aad(tag, index)), slice.get(0));
        }
        Db.update(db, "UPDATE download_batch SET batch_date = ?, sequence = ?, batch_tag = ? WHERE batch_tag = ?",
                date, sequence, tag, batchTag);
        Db.update(db, "UPDATE download_batch SET next_batch_tag = ? WHERE next_batch_tag = ?", tag, batchTag);
        Db.update(db, "UPDATE change_counter SET value = value + 1 WHERE name = ?", ChangeWatch.BATCHES);
        watch.refresh(); // rows changed by hand: instances must drop what they keep of them
        return tag;
    }

    @Test
    void removesExactlyTheExpiredBatchesInChunks() throws Exception {
        assertEquals(100, config.chunkSize(), "the statement count below assumes the test setting");
        TestCountry es = TestCountry.onboard(onboarding, "ES");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        es.upload(TestCountry.newTag(), TestKeys.keys("ES", 250)).then().statusCode(201);
        String old = backdate(batching.createNextBatch().orElseThrow().batchTag(), today.minusDays(3));
        es.upload(TestCountry.newTag(), TestKeys.keys("ES", 120)).then().statusCode(201);
        String oldestKept = backdate(batching.createNextBatch().orElseThrow().batchTag(), today.minusDays(2));
        es.upload(TestCountry.newTag(), TestKeys.keys("ES", 30)).then().statusCode(201);
        String current = batching.createNextBatch().orElseThrow().batchTag();
        long statsBefore = Db.count(db, "SELECT COUNT(*) FROM upload_statistics");

        RetentionService.Cleanup cleanup = retention.run();

        assertEquals(today.minusDays(2), cleanup.cutoff());
        assertEquals(1, cleanup.batches());
        assertEquals(250, cleanup.keys());
        // chunks of 100 (test setting): the keys in 100 + 100 + 50, the one slice in 1, each then an empty
        // statement that ends its loop; one unbounded DELETE per table would be 2 + 2
        assertEquals(4 + 2, cleanup.deleteStatements());
        assertEquals(0, keysOf(old));
        assertEquals(120, keysOf(oldestKept));
        assertEquals(30, keysOf(current));
        assertEquals(0, Db.count(db, "SELECT COUNT(*) FROM download_slice s JOIN download_batch b ON "
                + "b.id = s.download_batch_id WHERE b.batch_tag = ?", old));
        assertEquals(statsBefore, Db.count(db, "SELECT COUNT(*) FROM upload_statistics"));
        assertEquals(List.of(List.of(1, 250L)), Db.query(db, "SELECT batches, keys_deleted FROM cleanup_statistics "
                + "WHERE cutoff_date = ?", cleanup.cutoff()));

        // The expired batch is never served truncated: it is gone, by date and by tag.
        es.request().accept("application/protobuf; version=1.0").header("batchTag", old)
                .get("/diagnosiskeys/download/" + today.minusDays(2)).then().statusCode(410);
        es.request().accept("application/protobuf; version=1.0").header("batchTag", oldestKept)
                .get("/diagnosiskeys/download/" + today.minusDays(2)).then().statusCode(200);
        assertEquals(0, retention.run().keys());
    }
}
