package eu.efgs.gateway.download;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.efgs.gateway.batching.BatchMaker;
import eu.efgs.gateway.batching.BatchingService;
import eu.efgs.gateway.signing.CanonicalBytes;
import eu.efgs.gateway.testing.Db;
import eu.efgs.gateway.testing.GatewayTestResource;
import eu.efgs.gateway.testing.TestCountry;
import eu.efgs.gateway.testing.TestData;
import eu.efgs.gateway.testing.TestKeys;
import eu.efgs.gateway.testing.TestPki;
import eu.efgs.gateway.trust.CertificateLifecycle;
import eu.efgs.gateway.trust.CertificatePem;
import eu.efgs.gateway.trust.Seals;
import eu.efgs.gateway.trust.Thumbprints;
import eu.interop.DiagnosisKey;
import eu.interop.DiagnosisKeyBatch;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Download and audit over real mutual TLS, on batches made by the real batching job. */
@QuarkusTest
@QuarkusTestResource(GatewayTestResource.class)
class DownloadAuditTest {

    private static final String PROTOBUF = "application/protobuf; version=1.0";
    private static final String JSON = "application/json; version=1.0";

    @Inject
    CertificateLifecycle onboarding;

    @Inject
    BatchingService batching;

    @Inject
    TestData data;

    @Inject
    AgroalDataSource db;

    @Inject
    DownloadCounts counts;

    private final String today = LocalDate.now(ZoneOffset.UTC).toString();
    private TestCountry de;
    private TestCountry fr;
    private TestCountry it;
    private List<DiagnosisKey> fr1;
    private List<DiagnosisKey> de1;
    private List<DiagnosisKey> fr2;
    private String batchTag;

    /** One batch: FR (3 keys), DE (2 keys), FR (4 keys), in that upload order. */
    @BeforeEach
    void batch() {
        data.reset(); // the batch below holds exactly these uploads, and it is the day's only one
        de = TestCountry.onboard(onboarding, "DE");
        fr = TestCountry.onboard(onboarding, "FR");
        it = TestCountry.onboard(onboarding, "IT");
        fr1 = TestKeys.keys("FR", 3);
        de1 = TestKeys.keys("DE", 2);
        fr2 = TestKeys.keys("FR", 4);
        fr.upload(TestCountry.newTag(), fr1).then().statusCode(201);
        de.upload(TestCountry.newTag(), de1).then().statusCode(201);
        fr.upload(TestCountry.newTag(), fr2).then().statusCode(201);
        List<BatchMaker.CreatedBatch> created = batching.run();
        assertEquals(1, created.size());
        batchTag = created.get(0).batchTag();
    }

    private Response download(TestCountry as, String accept, String tag) {
        var request = as.request().accept(accept);
        if (tag != null) {
            request.header("batchTag", tag);
        }
        return request.get("/diagnosiskeys/download/" + today);
    }

    private static List<DiagnosisKey> canonical(List<DiagnosisKey> keys) {
        return CanonicalBytes.sorted(keys).stream().map(CanonicalBytes.Entry::key).toList();
    }

    private static List<DiagnosisKey> concat(List<List<DiagnosisKey>> slices) {
        List<DiagnosisKey> all = new ArrayList<>();
        slices.forEach(slice -> all.addAll(canonical(slice)));
        return all;
    }

    @Test
    void protobufLeavesOutTheCallersOwnUploadsAndKeepsSliceOrder() throws Exception {
        Response response = download(de, PROTOBUF, batchTag);
        response.then().statusCode(200)
                .header("batchTag", batchTag)
                .header("Content-Type", "application/protobuf;version=1.0")
                .header("X-Protobuf-Message", "eu.interop.DiagnosisKeyBatch");
        assertEquals(concat(List.of(fr1, fr2)), DiagnosisKeyBatch.parseFrom(response.asByteArray()).getKeysList());

        Response asFrance = download(fr, PROTOBUF, batchTag);
        assertEquals(canonical(de1), DiagnosisKeyBatch.parseFrom(asFrance.asByteArray()).getKeysList());
        counts.flush(); // written once a second; statistics readers flush first
        assertEquals(List.of(List.of(1L, 2L)), Db.query(db, "SELECT CAST(SUM(s.downloads) AS SIGNED), CAST(SUM("
                + "s.key_count) AS SIGNED) FROM download_statistics s JOIN download_batch b ON b.id = "
                + "s.download_batch_id WHERE b.batch_tag = ? AND s.country = 'FR'", batchTag));
    }

    @Test
    void jsonIsTheOriginalDialectByteForByte() {
        DiagnosisKey key = canonical(de1).get(0);
        Response response = download(fr, "application / json; version = 1.0", batchTag);
        response.then().statusCode(200).header("Content-Type", "application/json;version=1.0");
        String expectedFirst = "{\"keys\": [{\"keyData\": \""
                + Base64.getEncoder().encodeToString(key.getKeyData().toByteArray())
                + "\",\"rollingStartIntervalNumber\": " + Integer.toUnsignedString(key.getRollingStartIntervalNumber())
                + ",\"rollingPeriod\": 144"
                + (key.getTransmissionRiskLevel() == 0 ? ""
                        : ",\"transmissionRiskLevel\": " + key.getTransmissionRiskLevel())
                + ",\"visitedCountries\": [\"DE\",\"FR\",\"NL\"],\"origin\": \"DE\",\"reportType\": \"CONFIRMED_TEST\""
                + (key.getDaysSinceOnsetOfSymptoms() == 0 ? "" : ",\"days_since_onset_of_symptoms\": "
                + key.getDaysSinceOnsetOfSymptoms()) + "}";
        assertTrue(response.asString().startsWith(expectedFirst), response.asString());
        assertTrue(response.asString().endsWith("}]}"));
        assertEquals(2, JsonPath.from(response.asString()).getList("keys").size());
    }

    @Test
    void withoutBatchTagTheDaysFirstBatchAndTheChainEndsWithLiteralNull() {
        String later = batchWith("DE", 2);
        download(it, PROTOBUF, null).then().statusCode(200).header("batchTag", batchTag);
        String first = batchTag;

        List<String> chain = new ArrayList<>();
        String tag = first;
        while (!"null".equals(tag)) {
            chain.add(tag);
            tag = download(it, PROTOBUF, tag).then().statusCode(200).extract().header("nextBatchTag");
        }
        assertEquals(List.of(batchTag, later), chain);
        for (String reachable : chain) {
            it.request().get("/diagnosiskeys/audit/download/" + today + "/" + reachable).then().statusCode(200);
        }
    }

    /** Uploads {@code count} keys as {@code country} and makes them a batch of their own; returns its tag. */
    private String batchWith(String country, int count) {
        TestCountry.onboard(onboarding, country).upload(TestCountry.newTag(), TestKeys.keys(country, count))
                .then().statusCode(201);
        List<BatchMaker.CreatedBatch> created = batching.run();
        assertEquals(1, created.size());
        return created.get(0).batchTag();
    }

    /** Every field of every key: the JSON dialect read independently of the gateway's reader. */
    @Test
    void jsonAndProtobufCarryTheSameKeysInTheSameOrder() throws Exception {
        List<DiagnosisKey> protobuf = DiagnosisKeyBatch.parseFrom(download(it, PROTOBUF, batchTag).asByteArray())
                .getKeysList();
        Response json = download(it, JSON, batchTag);
        json.then().statusCode(200).header("batchTag", batchTag).header("nextBatchTag", "null");

        assertEquals(concat(List.of(fr1, de1, fr2)), protobuf);
        assertEquals(protobuf, fromJson(json.asString()));
    }

    private static final java.util.Set<String> JSON_FIELDS = java.util.Set.of("keyData",
            "rollingStartIntervalNumber", "rollingPeriod", "transmissionRiskLevel", "visitedCountries", "origin",
            "reportType", "days_since_onset_of_symptoms");

    /** The original's JSON dialect: zero-valued numbers are left out, the interval number is unsigned. */
    private static List<DiagnosisKey> fromJson(String body) {
        List<Map<String, Object>> keys = JsonPath.from(body).getList("keys");
        List<DiagnosisKey> decoded = new ArrayList<>();
        for (Map<String, Object> key : keys) {
            assertTrue(JSON_FIELDS.containsAll(key.keySet()), key::toString);
            @SuppressWarnings("unchecked")
            List<String> visited = (List<String>) key.get("visitedCountries");
            decoded.add(DiagnosisKey.newBuilder()
                    .setKeyData(com.google.protobuf.ByteString.copyFrom(Base64.getDecoder()
                            .decode((String) key.get("keyData"))))
                    .setRollingStartIntervalNumber(Integer.parseUnsignedInt(
                            String.valueOf(key.get("rollingStartIntervalNumber"))))
                    .setRollingPeriod(number(key, "rollingPeriod"))
                    .setTransmissionRiskLevel(number(key, "transmissionRiskLevel"))
                    .addAllVisitedCountries(visited)
                    .setOrigin((String) key.get("origin"))
                    .setReportType(eu.interop.ReportType.valueOf((String) key.get("reportType")))
                    .setDaysSinceOnsetOfSymptoms(number(key, "days_since_onset_of_symptoms"))
                    .build());
        }
        return decoded;
    }

    private static int number(Map<String, Object> key, String field) {
        Object value = key.get(field);
        return value == null ? 0 : ((Number) value).intValue();
    }

    /**
     * A day without a batch is answered alike whether it is past or today: 404 NO_BATCH_FOR_DATE and the first
     * batch of a later day in nextBatchTag, the literal null while there is none.
     */
    @Test
    void anEmptyDayIsAnsweredTheSameForTodayAndForPastDays() {
        data.reset(); // no batch at all, not even this class's
        LocalDate now = LocalDate.now(ZoneOffset.UTC);
        Response past = it.request().accept(PROTOBUF).get("/diagnosiskeys/download/" + now.minusDays(1));
        Response current = it.request().accept(PROTOBUF).get("/diagnosiskeys/download/" + now);
        for (Response empty : List.of(past, current)) {
            empty.then().statusCode(404).body("code", equalTo("NO_BATCH_FOR_DATE")).header("nextBatchTag", "null");
        }
        assertEquals(past.contentType(), current.contentType());
        assertEquals(past.asString(), current.asString());
        it.request().accept(JSON).get("/diagnosiskeys/download/" + now).then().statusCode(404)
                .body("code", equalTo("NO_BATCH_FOR_DATE")).header("nextBatchTag", "null");

        String first = batchWith("FR", 3);
        it.request().accept(PROTOBUF).get("/diagnosiskeys/download/" + now.minusDays(1)).then().statusCode(404)
                .body("code", equalTo("NO_BATCH_FOR_DATE")).header("nextBatchTag", first);
        it.request().accept(PROTOBUF).get("/diagnosiskeys/download/" + now).then().statusCode(200)
                .header("batchTag", first);
    }

    @Test
    void errorsAndStatuses() {
        download(it, PROTOBUF, "20200101-999").then().statusCode(404).body("code", equalTo("BATCH_NOT_FOUND"));
        download(it, PROTOBUF, "null").then().statusCode(404);
        it.request().accept(PROTOBUF).header("batchTag", batchTag).header("batchTag", "20200101-999")
                .get("/diagnosiskeys/download/" + today).then().statusCode(400)
                .body("code", equalTo("HEADER_REPEATED"));
        download(it, "application/protobuf", batchTag).then().statusCode(415);
        download(it, "application/protobuf; version=1.1", batchTag).then().statusCode(415);
        download(it, "application/protobuf; version=\"1.0\"", batchTag).then().statusCode(415);
        download(it, "*/*", batchTag).then().statusCode(415);
        download(it, "text/plain", batchTag).then().statusCode(406);
        LocalDate now = LocalDate.now(ZoneOffset.UTC);
        it.request().accept(PROTOBUF).get("/diagnosiskeys/download/" + now.minusDays(3)).then()
                .statusCode(410).body("code", equalTo("DATE_TOO_OLD"));
        it.request().accept(PROTOBUF).get("/diagnosiskeys/download/" + now.plusDays(1)).then()
                .statusCode(400).body("code", equalTo("DATE_IN_FUTURE"));
        it.request().accept(PROTOBUF).get("/diagnosiskeys/download/2020-13-01").then()
                .statusCode(400).body("code", equalTo("DATE_INVALID"));
        // yesterday has no batch (this class starts from none): the answer points to today's first
        it.request().accept(PROTOBUF).get("/diagnosiskeys/download/" + now.minusDays(1)).then()
                .statusCode(404).body("code", equalTo("NO_BATCH_FOR_DATE")).header("nextBatchTag", batchTag);
        it.request().get("/diagnosiskeys/audit/download/" + today + "/20200101-1").then().statusCode(404);
        it.request().get("/diagnosiskeys/audit/download/" + now.minusDays(3) + "/" + batchTag).then().statusCode(410);
    }

    @Test
    void etagAndNotModified() {
        String etag = download(it, PROTOBUF, batchTag).then().statusCode(200).extract().header("ETag");
        it.request().accept(PROTOBUF).header("batchTag", batchTag).header("If-None-Match", etag)
                .get("/diagnosiskeys/download/" + today).then().statusCode(304).header("batchTag", batchTag);
        String json = download(it, JSON, batchTag).then().extract().header("ETag");
        assertTrue(!json.equals(etag));
    }

    @Test
    void filtersForForwardingGateways() throws Exception {
        DiagnosisKey special = TestKeys.key("DE").toBuilder().clearVisitedCountries().addVisitedCountries("PL").build();
        de.upload(TestCountry.newTag(), List.of(special)).then().statusCode(201);
        String tag = batching.run().get(0).batchTag();
        Response visited = it.request().accept(PROTOBUF).header("batchTag", tag).queryParam("visitedCountry", "PL")
                .get("/diagnosiskeys/download/" + today);
        assertEquals(List.of(special), DiagnosisKeyBatch.parseFrom(visited.asByteArray()).getKeysList());
        Response origin = it.request().accept(PROTOBUF).header("batchTag", batchTag).queryParam("origin", "FR")
                .get("/diagnosiskeys/download/" + today);
        assertEquals(7, DiagnosisKeyBatch.parseFrom(origin.asByteArray()).getKeysCount());
        it.request().accept(PROTOBUF).header("batchTag", batchTag).queryParam("origin", "france")
                .get("/diagnosiskeys/download/" + today).then().statusCode(400).body("code", equalTo("FILTER_INVALID"));
    }

    @Test
    void auditEntriesInDownloadOrderVerifyEverySliceIndependently() throws Exception {
        JsonPath audit = it.request().get("/diagnosiskeys/audit/download/" + today + "/" + batchTag).then()
                .statusCode(200).extract().jsonPath();
        List<Map<String, Object>> entries = audit.getList("$");
        assertEquals(List.of("FR", "DE", "FR"), entries.stream().map(e -> e.get("country")).toList());
        assertEquals(List.of(3, 2, 4), entries.stream().map(e -> ((Number) e.get("amount")).intValue()).toList());
        assertEquals(List.of(0, 3, 5), entries.stream().map(e -> e.get("firstIndex")).toList());

        X509Certificate anchor = CertificatePem.parse(Files.readString(TestPki.ANCHOR));
        List<DiagnosisKey> downloaded = DiagnosisKeyBatch.parseFrom(download(it, PROTOBUF, batchTag).asByteArray())
                .getKeysList();
        int offset = 0;
        for (Map<String, Object> entry : entries) {
            int amount = ((Number) entry.get("amount")).intValue();
            List<DiagnosisKey> slice = downloaded.subList(offset, offset + amount);
            offset += amount;
            String signingPem = (String) entry.get("signingCertificate");
            assertTrue(Seals.verify(signingPem, (String) entry.get("signingCertificateOperatorSignature"), anchor));
            assertTrue(Seals.verify((String) entry.get("uploaderCertificate"),
                    (String) entry.get("uploaderOperatorSignature"), anchor));
            X509Certificate signer = CertificatePem.parse(signingPem);
            assertEquals(entry.get("uploaderSigningThumbprint"), Thumbprints.of(signer));
            assertEquals(entry.get("uploaderThumbprint"),
                    Thumbprints.of(CertificatePem.parse((String) entry.get("uploaderCertificate"))));
            CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(CanonicalBytes.of(slice)),
                    Base64.getDecoder().decode((String) entry.get("batchSignature")));
            for (SignerInformation info : cms.getSignerInfos().getSigners()) {
                assertTrue(info.verify(new JcaSimpleSignerInfoVerifierBuilder().build(signer)));
            }
        }
        assertEquals(downloaded.size(), offset);
    }
}
