package eu.efgs.gateway.download;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.efgs.gateway.batching.BatchingService;
import eu.efgs.gateway.platform.database.ChangeWatch;
import eu.efgs.gateway.testing.Db;
import eu.efgs.gateway.testing.GatewayTestResource;
import eu.efgs.gateway.testing.TestCountry;
import eu.efgs.gateway.testing.TestData;
import eu.efgs.gateway.testing.TestKeys;
import eu.efgs.gateway.trust.CertificateLifecycle;
import eu.efgs.gateway.trust.Thumbprints;
import eu.interop.DiagnosisKeyBatch;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Header;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A download whose answer is in memory is answered on the event loop, the rest by the resource; a client must not
 * be able to tell them apart, and memory must never answer what the rules would refuse.
 */
@QuarkusTest
@QuarkusTestResource(GatewayTestResource.class)
class WarmDownloadTest {

    private static final String PROTOBUF = "application/protobuf; version=1.0";
    private static final String JSON = "application/json; version=1.0";

    @Inject
    CertificateLifecycle onboarding;

    @Inject
    BatchingService batching;

    @Inject
    TestData data;

    @Inject
    MeterRegistry metrics;

    @Inject
    ChangeWatch watch;

    @Inject
    AgroalDataSource db;

    @Inject
    BatchRepository batches;

    private final String today = LocalDate.now(ZoneOffset.UTC).toString();
    private TestCountry nl;
    private TestCountry pl;
    private String batchTag;

    @BeforeEach
    void batch() {
        data.reset(); // the batch below holds exactly this upload
        pl = TestCountry.onboard(onboarding, "PL");
        nl = TestCountry.onboard(onboarding, "NL");
        pl.upload(TestCountry.newTag(), TestKeys.keys("PL", 40)).then().statusCode(201);
        batchTag = batching.run().get(0).batchTag();
        awaitWatchSeesAllChanges();
    }

    /** Memory answers only under the newest generations; the watch reads them every 100 ms. */
    private void awaitWatchSeesAllChanges() {
        long deadline = System.nanoTime() + 5_000_000_000L;
        for (String name : new String[] {ChangeWatch.REGISTRY, ChangeWatch.BATCHES}) {
            long current = Db.count(db, "SELECT value FROM change_counter WHERE name = ?", name);
            while (watch.generation(name) != current) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("The change watch did not see " + name + " = " + current);
                }
                sleep();
            }
        }
    }

    private Response download(TestCountry as, String accept) {
        return as.request().accept(accept).header("batchTag", batchTag).get("/diagnosiskeys/download/" + today);
    }

    private double fromMemory() {
        Counter counter = metrics.find("efgs.downloads").tag("answered", "memory").counter();
        return counter == null ? 0 : counter.count();
    }

    private static Map<String, String> headers(Response response) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Header header : response.headers()) {
            if (!header.getName().equalsIgnoreCase("X-Request-Id")) {
                headers.put(header.getName(), header.getValue());
            }
        }
        return headers;
    }

    private static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void theAnswerFromMemoryIsTheAnswerOfTheResourceByteForByte() throws Exception {
        for (String accept : new String[] {PROTOBUF, JSON}) {
            double before = fromMemory();
            // an ETag that does not match: the resource answers (memory declines any If-None-Match), in full
            Response assembled = nl.request().accept(accept).header("batchTag", batchTag)
                    .header("If-None-Match", "\"another-body\"").get("/diagnosiskeys/download/" + today);
            assertEquals(before, fromMemory(), "answered by the resource");
            Response kept = download(nl, accept);
            assertEquals(before + 1, fromMemory(), "the download of " + accept + " is answered from memory");
            assertEquals(200, assembled.statusCode());
            assertEquals(200, kept.statusCode());
            assertEquals(headers(assembled), headers(kept));
            assertArrayEquals(assembled.asByteArray(), kept.asByteArray());
        }
        assertEquals(40, DiagnosisKeyBatch.parseFrom(download(nl, PROTOBUF).asByteArray()).getKeysCount());
    }

    @Test
    void theFirstDownloadOfABatchReadAheadIsAnsweredFromMemoryInBothFormats() throws Exception {
        batches.prefetch(); // what a new batch's change signal starts in the background, done here and now
        nl.request().get("/diagnosiskeys/identity").then().statusCode(200); // a caller already known to the gateway
        double before = fromMemory();
        Response first = download(nl, PROTOBUF);
        assertEquals(before + 1, fromMemory(), "the first download is answered from memory");
        assertEquals(40, DiagnosisKeyBatch.parseFrom(first.asByteArray()).getKeysCount());
        Response json = download(nl, JSON);
        assertEquals(before + 2, fromMemory(), "the first JSON download too");
        assertEquals(40, json.jsonPath().getList("keys").size());
    }

    @Test
    void countriesWithoutKeysInTheBatchShareOneBody() throws Exception {
        TestCountry fr = TestCountry.onboard(onboarding, "FR");
        awaitWatchSeesAllChanges();
        batches.prefetch();
        for (TestCountry country : new TestCountry[] {nl, fr}) { // callers already known to the gateway
            country.request().get("/diagnosiskeys/identity").then().statusCode(200);
        }
        double before = fromMemory();
        long bytes = 0;
        for (String accept : new String[] {PROTOBUF, JSON}) {
            bytes += download(nl, accept).then().statusCode(200).extract().asByteArray().length;
        }
        double ready = readyBodyBytes();
        for (String accept : new String[] {PROTOBUF, JSON}) {
            download(fr, accept).then().statusCode(200);
        }
        assertEquals(before + 4, fromMemory(), "all four first downloads are answered from memory");
        assertEquals(ready, readyBodyBytes(), "FR got the bodies made for NL: nothing was added");
        assertTrue(ready >= bytes, "both formats of the batch are kept ready: " + ready + " < " + bytes);
    }

    @Test
    void theUploaderGetsTheBatchWithoutItsOwnKeysEvenWhenOthersShareABody() throws Exception {
        TestCountry fr = TestCountry.onboard(onboarding, "FR");
        fr.upload(TestCountry.newTag(), TestKeys.keys("FR", 10)).then().statusCode(201);
        batchTag = batching.run().get(0).batchTag();
        awaitWatchSeesAllChanges();
        batches.prefetch();
        assertEquals(10, DiagnosisKeyBatch.parseFrom(download(nl, PROTOBUF).asByteArray()).getKeysCount());
        DiagnosisKeyBatch forPl = DiagnosisKeyBatch.parseFrom(download(pl, PROTOBUF).asByteArray());
        assertEquals(10, forPl.getKeysCount());
        DiagnosisKeyBatch forFr = DiagnosisKeyBatch.parseFrom(download(fr, PROTOBUF).asByteArray());
        assertEquals(0, forFr.getKeysCount(), "FR's own keys are left out of FR's download");
        String json = download(fr, JSON).then().statusCode(200).extract().asString();
        assertFalse(json.contains("keyData"), json);
    }

    private double readyBodyBytes() {
        return metrics.get("efgs.download.ready.bodies").gauge().value();
    }

    @Test
    void aRevocationStopsDownloadsFromMemoryAtTheNextRequest() {
        download(nl, PROTOBUF).then().statusCode(200);
        download(nl, PROTOBUF).then().statusCode(200);
        onboarding.revoke(Thumbprints.of(nl.auth().certificate()));
        download(nl, PROTOBUF).then().statusCode(403).body("code", equalTo("CLIENT_CERTIFICATE_REVOKED"));
    }

    @Test
    void whatMemoryCannotDecideIsAnsweredByTheRules() throws Exception {
        String etag = download(nl, PROTOBUF).then().statusCode(200).extract().header("ETag");
        double before = fromMemory();
        nl.request().accept(PROTOBUF).header("batchTag", batchTag).header("If-None-Match", etag)
                .get("/diagnosiskeys/download/" + today).then().statusCode(304).header("batchTag", batchTag);
        nl.request().accept(PROTOBUF).header("batchTag", batchTag).header("batchTag", batchTag)
                .get("/diagnosiskeys/download/" + today).then().statusCode(400)
                .body("code", equalTo("HEADER_REPEATED"));
        Response filtered = nl.request().accept(PROTOBUF).header("batchTag", batchTag).queryParam("origin", "FR")
                .get("/diagnosiskeys/download/" + today);
        assertEquals(0, DiagnosisKeyBatch.parseFrom(filtered.asByteArray()).getKeysCount());
        nl.request().accept(PROTOBUF).header("batchTag", batchTag)
                .get("/diagnosiskeys/download/" + LocalDate.parse(today).plusDays(1)).then().statusCode(400)
                .body("code", equalTo("DATE_IN_FUTURE"));
        nl.request().accept("application/protobuf; version=1.1").header("batchTag", batchTag)
                .get("/diagnosiskeys/download/" + today).then().statusCode(415);
        nl.request().accept(PROTOBUF).header("batchTag", batchTag + "0").get("/diagnosiskeys/download/" + today)
                .then().statusCode(404).body("code", equalTo("BATCH_NOT_FOUND"));
        assertEquals(before, fromMemory());
    }
}
