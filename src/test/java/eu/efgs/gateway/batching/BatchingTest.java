package eu.efgs.gateway.batching;

import static org.junit.jupiter.api.Assertions.assertEquals;

import eu.efgs.gateway.testing.Db;
import eu.efgs.gateway.testing.GatewayTestResource;
import eu.efgs.gateway.testing.TestClock;
import eu.efgs.gateway.testing.TestCountry;
import eu.efgs.gateway.testing.TestData;
import eu.efgs.gateway.testing.TestKeys;
import eu.efgs.gateway.trust.CertificateLifecycle;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Batching against the real database: whole uploads, names, links across midnight, concurrent runs, dates that never
 * go back. Each test starts without uploads or batches and removes its own, as some are dated tomorrow.
 */
@QuarkusTest
@QuarkusTestResource(GatewayTestResource.class)
class BatchingTest {

    @Inject
    BatchingService batching;

    @Inject
    CertificateLifecycle onboarding;

    @Inject
    AgroalDataSource db;

    @Inject
    TestClock clock;

    @Inject
    TestData data;

    private TestCountry nl;

    @BeforeEach
    void noBatches() {
        data.reset();
        nl = TestCountry.onboard(onboarding, "NL");
    }

    @AfterEach
    void removeBatchesDatedTomorrow() {
        data.reset(); // later classes would have to date their batches tomorrow too
    }

    private List<String> upload(int uploads, int keysEach) {
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < uploads; i++) {
            String tag = TestCountry.newTag();
            nl.upload(tag, TestKeys.keys("NL", keysEach)).then().statusCode(201);
            tags.add(tag);
        }
        return tags;
    }

    @Test
    void uploadsAreNeverSplit() {
        upload(3, 3000);
        List<BatchMaker.CreatedBatch> created = batching.run();
        assertEquals(List.of(3000, 3000, 3000), created.stream().map(BatchMaker.CreatedBatch::keys).toList());
        assertEquals(List.of(1, 1, 1), created.stream().map(BatchMaker.CreatedBatch::uploads).toList());
    }

    @Test
    void smallUploadsShareOneBatchInUploadOrder() {
        List<String> tags = upload(10, 400);
        List<BatchMaker.CreatedBatch> created = batching.run();
        assertEquals(1, created.size());
        assertEquals(4000, created.get(0).keys());
        List<List<Object>> slices = Db.query(db, "SELECT u.batch_tag, s.first_key_index FROM download_slice s JOIN "
                + "download_batch b ON b.id = s.download_batch_id JOIN upload_batch u ON u.id = s.upload_batch_id "
                + "WHERE b.batch_tag = ? ORDER BY s.slice_index", created.get(0).batchTag());
        assertEquals(tags, slices.stream().map(row -> row.get(0)).toList());
        assertEquals(List.of(0, 400, 800, 1200, 1600, 2000, 2400, 2800, 3200, 3600),
                slices.stream().map(row -> ((Number) row.get(1)).intValue()).toList());
    }

    @Test
    void namesRestartEachUtcDayAndLinksCrossMidnight() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        upload(1, 10);
        clock.pin(today.atTime(23, 59, 59, 900_000_000).toInstant(ZoneOffset.UTC));
        String before = batching.createNextBatch().orElseThrow().batchTag();
        clock.reset();
        upload(1, 10);
        clock.pin(today.plusDays(1).atStartOfDay().plusNanos(100_000_000).toInstant(ZoneOffset.UTC));
        String after = batching.createNextBatch().orElseThrow().batchTag();

        assertEquals(BatchNames.tag(today, 1), before);
        assertEquals(BatchNames.tag(today.plusDays(1), 1), after);
        assertEquals(after, Db.query(db, "SELECT next_batch_tag FROM download_batch WHERE batch_tag = ?", before)
                .get(0).get(0));
    }

    /**
     * An instance whose clock lags (or a clock set back) must not date a batch before the newest one: the chain and
     * the per-day names would go back in time, and a client following nextBatchTag would be sent to an earlier day.
     */
    @Test
    void aBatchDateNeverGoesBackWhenTheClockDoes() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        upload(1, 10);
        clock.pin(today.plusDays(1).atTime(0, 30).toInstant(ZoneOffset.UTC));
        String tomorrows = batching.createNextBatch().orElseThrow().batchTag();
        clock.pin(today.atTime(12, 0).toInstant(ZoneOffset.UTC)); // back by more than half a day
        upload(2, 10);

        List<BatchMaker.CreatedBatch> created = batching.run();

        assertEquals(BatchNames.tag(today.plusDays(1), 1), tomorrows);
        assertEquals(List.of(BatchNames.tag(today.plusDays(1), 2)),
                created.stream().map(BatchMaker.CreatedBatch::batchTag).toList());
        String day = today.plusDays(1).toString();
        assertEquals(List.of(List.of(tomorrows, day), List.of(created.get(0).batchTag(), day)),
                Db.query(db, "SELECT batch_tag, CAST(batch_date AS CHAR) FROM download_batch ORDER BY id"));
        assertEquals(created.get(0).batchTag(), Db.query(db, "SELECT next_batch_tag FROM download_batch WHERE "
                + "batch_tag = ?", tomorrows).get(0).get(0));
        assertEquals(0, Db.count(db, "SELECT COUNT(*) FROM download_batch WHERE batch_date < ?", today.plusDays(1)));
    }

    @Test
    void twoConcurrentRunsCreateNoDuplicateAndAssignEveryUploadOnce() throws Exception {
        List<String> tags = upload(6, 2000);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<BatchMaker.CreatedBatch> created = new ArrayList<>();
        try {
            Callable<List<BatchMaker.CreatedBatch>> run = batching::run;
            List<Future<List<BatchMaker.CreatedBatch>>> runs = List.of(pool.submit(run), pool.submit(run));
            for (Future<List<BatchMaker.CreatedBatch>> result : runs) {
                created.addAll(result.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(3, created.size());
        assertEquals(3, new HashSet<>(created.stream().map(BatchMaker.CreatedBatch::batchTag).toList()).size());
        for (String tag : tags) {
            assertEquals(1, Db.count(db, "SELECT COUNT(*) FROM download_slice s JOIN upload_batch u ON "
                    + "u.id = s.upload_batch_id WHERE u.batch_tag = ? AND u.download_batch_id = s.download_batch_id",
                    tag));
        }
        assertEquals(12000, created.stream().mapToInt(BatchMaker.CreatedBatch::keys).sum());
    }

    @Test
    void plannerNeverLetsAnOversizedUploadBlockTheQueue() {
        var pending = List.of(new BatchPlanner.PendingUpload(1, 7000), new BatchPlanner.PendingUpload(2, 10));
        assertEquals(List.of(pending.get(0)), BatchPlanner.next(pending, 5000));
        assertEquals(List.of(pending.get(1)), BatchPlanner.next(pending.subList(1, 2), 5000));
        var order = List.of(new BatchPlanner.PendingUpload(1, 3000), new BatchPlanner.PendingUpload(2, 3000),
                new BatchPlanner.PendingUpload(3, 100));
        assertEquals(order.subList(0, 1), BatchPlanner.next(order, 5000));
    }
}
