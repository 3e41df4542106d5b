package eu.efgs.gateway.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import eu.efgs.gateway.batching.BatchingService;
import eu.efgs.gateway.testing.ControlledDatabaseProfile;
import eu.efgs.gateway.testing.Db;
import eu.efgs.gateway.testing.LogCapture;
import eu.efgs.gateway.testing.TestCountry;
import eu.efgs.gateway.testing.TestKeys;
import eu.efgs.gateway.testing.TestSigner;
import eu.efgs.gateway.trust.CertificateLifecycle;
import eu.interop.DiagnosisKey;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * efgs#73 in small: twenty concurrent 5000-key uploads on a pool of four connections while batching runs every
 * second. Every upload waits its turn and is answered 201, stored once, and batched exactly once.
 */
@QuarkusTest
@TestProfile(ControlledDatabaseProfile.class)
class UploadBurstTest {

    private static final int UPLOADS = 20;
    private static final int KEYS = 5000;

    @Inject
    CertificateLifecycle onboarding;

    @Inject
    BatchingService batching;

    @Inject
    AgroalDataSource db;

    private record Upload(String tag, List<DiagnosisKey> keys, String signature) {
    }

    @Test
    void everyUploadOfABurstDuringBatchingIsStoredOnce() throws Exception {
        TestCountry nl = TestCountry.onboard(onboarding, "NL");
        List<Upload> uploads = new ArrayList<>();
        for (int i = 0; i < UPLOADS; i++) {
            List<DiagnosisKey> keys = TestKeys.keys("NL", KEYS);
            uploads.add(new Upload(TestCountry.newTag(), keys, TestSigner.sign(keys, nl.signing())));
        }
        AtomicBoolean uploading = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(UPLOADS + 1);
        try (LogCapture logs = LogCapture.start()) {
            Future<?> batcher = pool.submit(() -> {
                while (uploading.get()) {
                    batching.run();
                    Thread.sleep(1000);
                }
                return null;
            });
            List<Future<Integer>> answers = new ArrayList<>();
            for (Upload upload : uploads) {
                answers.add(pool.submit(() -> nl.upload(upload.tag(), upload.keys(), upload.signature()).statusCode()));
            }
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (Future<Integer> answer : answers) {
                statuses.merge(answer.get(), 1, Integer::sum);
            }
            uploading.set(false);
            batcher.get();
            assertEquals(Map.of(201, UPLOADS), statuses);
            assertEquals(List.of(), logs.errors());
        } finally {
            pool.shutdownNow();
        }
        batching.run();
        for (Upload upload : uploads) {
            assertEquals(List.of(List.of((long) KEYS, 1L)), Db.query(db, "SELECT COUNT(*), COUNT(DISTINCT "
                    + "u.download_batch_id) FROM diagnosis_key k JOIN upload_batch u ON u.id = k.upload_batch_id "
                    + "WHERE u.country = 'NL' AND u.batch_tag = ?", upload.tag()));
        }
    }
}
