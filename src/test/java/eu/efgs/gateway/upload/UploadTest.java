package eu.efgs.gateway.upload;

import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import eu.efgs.gateway.testing.Db;
import eu.efgs.gateway.testing.GatewayTestResource;
import eu.efgs.gateway.testing.Https;
import eu.efgs.gateway.testing.Pki;
import eu.efgs.gateway.testing.RawHttp;
import eu.efgs.gateway.testing.TestCountry;
import eu.efgs.gateway.testing.TestKeys;
import eu.efgs.gateway.testing.TestSigner;
import eu.efgs.gateway.trust.CertificateLifecycle;
import eu.interop.DiagnosisKey;
import eu.interop.DiagnosisKeyBatch;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** POST /diagnosiskeys/upload over real mutual TLS, statuses in the original's order. */
@QuarkusTest
@QuarkusTestResource(GatewayTestResource.class)
class UploadTest {

    @Inject
    CertificateLifecycle onboarding;

    @Inject
    AgroalDataSource db;

    private TestCountry de;

    @BeforeEach
    void country() {
        de = TestCountry.onboard(onboarding, "DE");
    }

    private long stored(String tag) {
        return Db.count(db, "SELECT COUNT(*) FROM diagnosis_key k JOIN upload_batch u ON u.id = k.upload_batch_id "
                + "WHERE u.country = 'DE' AND u.batch_tag = ?", tag);
    }

    @Test
    void createdWithBatchTagEchoedAndEverythingStoredTogether() {
        String tag = TestCountry.newTag();
        de.upload(tag, TestKeys.keys("DE", 10)).then()
                .statusCode(201)
                .header("batchTag", tag)
                .body(emptyString());
        assertEquals(10, stored(tag));
        assertEquals(1, Db.count(db, "SELECT COUNT(*) FROM upload_statistics WHERE country = 'DE' AND batch_tag = ? "
                + "AND key_count = 10", tag));
        assertEquals(1, Db.count(db, "SELECT COUNT(*) FROM upload_batch WHERE batch_tag = ? AND uploader_thumbprint"
                + " = ? AND key_count = 10", tag, de.auth() == null ? "" : eu.efgs.gateway.trust.Thumbprints.of(
                de.auth().certificate())));
    }

    @Test
    void jsonDialectOfTheOriginalWithSpacedMediaType() {
        List<DiagnosisKey> keys = TestKeys.keys("DE", 2);
        StringBuilder json = new StringBuilder("{\"keys\": [");
        for (int i = 0; i < keys.size(); i++) {
            DiagnosisKey k = keys.get(i);
            json.append(i == 0 ? "" : ",").append("{\"keyData\": \"")
                    .append(Base64.getEncoder().encodeToString(k.getKeyData().toByteArray()))
                    .append("\",\"rollingStartIntervalNumber\": ")
                    .append(Integer.toUnsignedLong(k.getRollingStartIntervalNumber()))
                    .append(",\"rollingPeriod\": ").append(k.getRollingPeriod())
                    .append(",\"transmissionRiskLevel\": ").append(k.getTransmissionRiskLevel())
                    .append(",\"visitedCountries\": [\"DE\",\"FR\",\"NL\"],\"origin\": \"DE\"")
                    .append(",\"reportType\": \"CONFIRMED_TEST\"")
                    .append(i == 0 ? ",\"days_since_onset_of_symptoms\": " : ",\"daysSinceOnsetOfSymptoms\": ")
                    .append(k.getDaysSinceOnsetOfSymptoms()).append(",\"unknownField\": 1}");
        }
        json.append("]}");
        String tag = TestCountry.newTag();
        de.request().contentType("application / json; version = 1.0")
                .header("batchTag", tag).header("batchSignature", TestSigner.sign(keys, de.signing()))
                .body(json.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/diagnosiskeys/upload").then()
                .statusCode(201).header("batchTag", tag);
        assertEquals(2, stored(tag));
    }

    @Test
    void routingErrorsComeBeforeAuthentication() {
        Pki.Credential stranger = Pki.selfSigned("C=DE,CN=stranger", Pki.KeyType.EC_P256);
        Https.as(stranger).contentType("text/plain").body(new byte[] {1}).post("/diagnosiskeys/upload").then()
                .statusCode(415).body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
        Https.as(stranger).contentType(TestCountry.PROTOBUF).accept("application/protobuf").body(new byte[] {1})
                .post("/diagnosiskeys/upload").then().statusCode(406);
        Https.as(stranger).contentType(TestCountry.PROTOBUF).body(new byte[] {1}).post("/diagnosiskeys/upload").then()
                .statusCode(403);
        Https.as(de.auth()).get("/diagnosiskeys/upload").then().statusCode(405);
    }

    @Test
    void headersAreCheckedBeforeTheBody() {
        String signature = TestSigner.sign(List.of(), de.signing());
        de.request().contentType("application/protobuf").header("batchSignature", signature).body(new byte[0])
                .post("/diagnosiskeys/upload").then().statusCode(400).body("code", equalTo("BATCH_TAG_MISSING"));
        de.request().contentType(TestCountry.PROTOBUF).header("batchTag", "t").body(new byte[] {1})
                .post("/diagnosiskeys/upload").then().statusCode(400).body("code", equalTo("BATCH_SIGNATURE_MISSING"));
        de.request().contentType(TestCountry.PROTOBUF).header("batchTag", "a").header("batchTag", "b")
                .header("batchSignature", signature).body(new byte[] {1})
                .post("/diagnosiskeys/upload").then().statusCode(400).body("code", equalTo("HEADER_REPEATED"));
        de.request().contentType(TestCountry.PROTOBUF).header("batchTag", "x".repeat(65))
                .header("batchSignature", signature).body(new byte[] {1})
                .post("/diagnosiskeys/upload").then().statusCode(400).body("code", equalTo("BATCH_TAG_INVALID"));
        de.request().contentType(TestCountry.PROTOBUF).header("batchTag", "t")
                .header("batchSignature", "A".repeat(20004)).body(new byte[] {1})
                .post("/diagnosiskeys/upload").then().statusCode(400).body("code",
                equalTo("BATCH_SIGNATURE_TOO_LARGE"));
    }

    /**
     * A correctly signed body is not enough: without exactly one batchTag and one batchSignature nothing is stored,
     * not even a repeated header with the same value twice. The same request with each header once is stored.
     */
    @Test
    void missingOrRepeatedHeadersStoreNothingEvenWithAValidSignedBody() {
        List<DiagnosisKey> keys = TestKeys.keys("DE", 3);
        String signature = TestSigner.sign(keys, de.signing());
        byte[] body = DiagnosisKeyBatch.newBuilder().addAllKeys(keys).build().toByteArray();
        String tag = TestCountry.newTag();
        long uploads = Db.count(db, "SELECT COUNT(*) FROM upload_batch");
        long stored = Db.count(db, "SELECT COUNT(*) FROM diagnosis_key");

        de.request().contentType(TestCountry.PROTOBUF).header("batchSignature", signature).body(body)
                .post("/diagnosiskeys/upload").then().statusCode(400).body("code", equalTo("BATCH_TAG_MISSING"));
        de.request().contentType(TestCountry.PROTOBUF).header("batchTag", tag).body(body)
                .post("/diagnosiskeys/upload").then().statusCode(400).body("code", equalTo("BATCH_SIGNATURE_MISSING"));
        de.request().contentType(TestCountry.PROTOBUF).header("batchTag", tag).header("batchTag", tag)
                .header("batchSignature", signature).body(body)
                .post("/diagnosiskeys/upload").then().statusCode(400).body("code", equalTo("HEADER_REPEATED"));
        de.request().contentType(TestCountry.PROTOBUF).header("batchTag", tag).header("batchSignature", signature)
                .header("batchSignature", signature).body(body)
                .post("/diagnosiskeys/upload").then().statusCode(400).body("code", equalTo("HEADER_REPEATED"));

        assertEquals(uploads, Db.count(db, "SELECT COUNT(*) FROM upload_batch"));
        assertEquals(stored, Db.count(db, "SELECT COUNT(*) FROM diagnosis_key"));
        de.upload(tag, keys, signature).then().statusCode(201);
        assertEquals(uploads + 1, Db.count(db, "SELECT COUNT(*) FROM upload_batch"));
        assertEquals(stored + 3, Db.count(db, "SELECT COUNT(*) FROM diagnosis_key"));
    }

    /** Spec §2.3 / §1.2: 415 and 406 are routing answers, before authentication; version problems after it. */
    @ParameterizedTest(name = "{0} / Accept {1} -> {2} {3} (stranger: {4})")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
        "text/plain                                         | NONE             | 415 | UNSUPPORTED_MEDIA_TYPE | 415",
        "application/xml; version=1.0                       | NONE             | 415 | UNSUPPORTED_MEDIA_TYPE | 415",
        "application/protobuf; version=1.0                  | text/plain       | 406 | NOT_ACCEPTABLE         | 406",
        "application/json; version=1.0                      | application/xml  | 406 | NOT_ACCEPTABLE         | 406",
        "application/protobuf                               | NONE             | 400 | VERSION_MISSING        | 403",
        "application/json                                   | application/json | 400 | VERSION_MISSING        | 403",
        "application/protobuf; version=1                    | NONE             | 400 | VERSION_MALFORMED      | 403",
        "application/protobuf; version=1.0.0                | NONE             | 400 | VERSION_MALFORMED      | 403",
        "application/protobuf; version=abc                  | NONE             | 400 | VERSION_MALFORMED      | 403",
        "application/protobuf; version=\"1.0\"              | NONE             | 400 | VERSION_MALFORMED      | 403",
        "application/protobuf; version=1.1                  | NONE             | 406 | VERSION_NOT_SUPPORTED  | 403",
        "application/json; version=2.0                      | NONE             | 406 | VERSION_NOT_SUPPORTED  | 403",
        "application/protobuf; version=01.00                | NONE             | 400 | BODY_MALFORMED         | 403",
        "application/json; charset=utf-8; version=1.0       | */*              | 400 | BODY_MALFORMED         | 403",
        "application / json; version = 1.0                  | NONE             | 400 | BODY_MALFORMED         | 403"
    })
    void mediaTypeAndVersionCasesInTheOriginalsOrder(String contentType, String accept, int status, String code,
                                                     int strangerStatus) {
        Pki.Credential stranger = Pki.selfSigned("C=DE,CN=stranger", Pki.KeyType.EC_P256);
        for (boolean registered : new boolean[] {true, false}) {
            var request = (registered ? de.request() : Https.as(stranger)).header("batchTag", TestCountry.newTag())
                    .header("batchSignature", "@@@@").body(new byte[] {1});
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            if (accept != null) {
                request.accept(accept);
            }
            var response = request.post("/diagnosiskeys/upload").then();
            if (registered) {
                response.statusCode(status).body("code", equalTo(code));
            } else {
                response.statusCode(strangerStatus);
            }
        }
    }

    /** A client library sends no Content-Type at all only when told to: written on the socket. */
    @Test
    void uploadWithoutContentTypeIs415BeforeAuthentication() {
        Pki.Credential stranger = Pki.selfSigned("C=DE,CN=stranger", Pki.KeyType.EC_P256);
        for (Pki.Credential client : List.of(de.auth(), stranger)) {
            try (RawHttp connection = RawHttp.tls(client)) {
                RawHttp.Reply reply = connection.send("POST /diagnosiskeys/upload HTTP/1.1\r\nHost: a\r\n"
                        + "batchTag: t\r\nbatchSignature: AAAA\r\nContent-Length: 1\r\n\r\nx")
                        .read(java.time.Duration.ofSeconds(2));
                assertEquals(415, reply.status(), reply.text());
                assertTrue(reply.body().contains("UNSUPPORTED_MEDIA_TYPE"), reply.body());
            }
        }
    }

    @Test
    void versionRules() {
        Map<String, Integer> expectations = Map.of(
                "application/protobuf", 400,
                "application/protobuf; version=1.0.0", 400,
                "application/protobuf; version=abc", 400,
                "application/protobuf; version=1.1", 406,
                "application/json; version=2.0", 406);
        expectations.forEach((contentType, status) -> de.request().contentType(contentType)
                .header("batchTag", "t").header("batchSignature", "AAAA").body(new byte[] {1})
                .post("/diagnosiskeys/upload").then().statusCode(status));
    }

    @Test
    void undecodableBodiesAreRejectedAndNothingIsStored() {
        long before = Db.uploadRows(db);
        byte[] valid = DiagnosisKeyBatch.newBuilder().addAllKeys(TestKeys.keys("DE", 3)).build().toByteArray();
        byte[] truncated = java.util.Arrays.copyOf(valid, valid.length - 7);
        postRaw(TestCountry.PROTOBUF, new byte[0]).then().statusCode(400).body("code", equalTo("BODY_EMPTY"));
        postRaw(TestCountry.PROTOBUF, truncated).then().statusCode(400).body("code", equalTo("BODY_MALFORMED"));
        postRaw("application/json; version=1.0", "{\"keys\":[{\"keyData\":\"@@@\"}]}".getBytes()).then()
                .statusCode(400).body("code", equalTo("KEY_DATA_NOT_BASE64"));
        postRaw("application/json; version=1.0", "{\"keys\":[{\"reportType\":\"POSITIVE\"}]}".getBytes()).then()
                .statusCode(400).body("code", equalTo("REPORT_TYPE_UNKNOWN"));
        postRaw("application/json; version=1.0", "{\"keys\":[{\"rollingPeriod\":\"x\"}]}".getBytes()).then()
                .statusCode(400).body("code", equalTo("BODY_MALFORMED"));
        postRaw("application/json; version=1.0", "{\"keys\":".getBytes()).then()
                .statusCode(400).body("code", equalTo("BODY_MALFORMED"));
        postRaw(TestCountry.PROTOBUF, new byte[10 * 1024 * 1024]).then()
                .statusCode(413).body("code", equalTo("BODY_TOO_LARGE"));
        assertEquals(before, Db.uploadRows(db));
    }

    /** The original stored an empty upload with 201 and batched it; here it is refused and leaves no trace. */
    @Test
    void anUploadWithoutKeysIsRefusedAndNothingIsStored() {
        long before = Db.uploadRows(db);
        for (String body : new String[] {"{}", "{\"keys\":[]}", "{\"keys\":null}"}) {
            postRaw("application/json; version=1.0", body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .then().statusCode(400).body("code", equalTo("NO_KEYS"));
        }
        assertEquals(before, Db.uploadRows(db));
    }

    @Test
    void jsonIsReadAsUtf8WithoutByteOrderMarkOnly() {
        long before = Db.uploadRows(db);
        String json = "{\"keys\":[{\"rollingPeriod\":144}]}";
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] utf8 = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] withBom = java.util.Arrays.copyOf(bom, bom.length + utf8.length);
        System.arraycopy(utf8, 0, withBom, bom.length, utf8.length);
        for (byte[] body : List.of(withBom, json.getBytes(java.nio.charset.StandardCharsets.UTF_16LE),
                json.getBytes(java.nio.charset.StandardCharsets.UTF_16), json.getBytes(java.nio.charset.Charset
                        .forName("UTF-32BE")))) {
            postRaw("application/json; version=1.0", body).then().statusCode(400)
                    .body("code", equalTo("BODY_NOT_UTF8"));
        }
        assertEquals(before, Db.uploadRows(db));
    }

    private Response postRaw(String contentType, byte[] body) {
        return de.request().contentType(contentType).header("batchTag", TestCountry.newTag())
                .header("batchSignature", "AAAA").body(body).post("/diagnosiskeys/upload");
    }

    @Test
    void invalidKeyNamesIndexAndRule() {
        List<DiagnosisKey> keys = new ArrayList<>(TestKeys.keys("DE", 4));
        keys.set(2, keys.get(2).toBuilder().setKeyData(ByteString.copyFrom(new byte[15])).build());
        keys.set(3, keys.get(3).toBuilder().setRollingPeriod(145).build());
        de.upload(TestCountry.newTag(), keys).then()
                .statusCode(400)
                .body("code", equalTo("KEY_INVALID"))
                .body("detail", containsString("Key 2"))
                .body("errors[0].index", equalTo(2))
                .body("errors[0].rule", equalTo("KEY_DATA_LENGTH"))
                .body("errors[1].index", equalTo(3))
                .body("errors[1].rule", equalTo("ROLLING_PERIOD"));
    }

    @Test
    void tooManyKeysIs413EvenWithABadSignatureAndExactly5000Pass() {
        de.upload(TestCountry.newTag(), TestKeys.keys("DE", 6000), "AAAA").then()
                .statusCode(413).body("code", equalTo("TOO_MANY_KEYS"));
        String tag = TestCountry.newTag();
        de.upload(tag, TestKeys.keys("DE", 5000)).then().statusCode(201);
        assertEquals(5000, stored(tag));
        assertEveryPositionOnce(tag, 5000); // 19 full inserts of UploadStore.INSERT_CHUNK keys and the rest
    }

    @Test
    void anUploadOfWholeInsertChunksIsStoredCompletely() {
        String tag = TestCountry.newTag();
        de.upload(tag, TestKeys.keys("DE", 2 * UploadStore.INSERT_CHUNK)).then().statusCode(201);
        assertEveryPositionOnce(tag, 2 * UploadStore.INSERT_CHUNK);
    }

    private void assertEveryPositionOnce(String tag, int keys) {
        String from = "FROM diagnosis_key k JOIN upload_batch u ON u.id = k.upload_batch_id WHERE u.country = 'DE' "
                + "AND u.batch_tag = ?";
        assertEquals(keys, Db.count(db, "SELECT COUNT(*) " + from, tag));
        assertEquals(keys, Db.count(db, "SELECT COUNT(DISTINCT k.position) " + from, tag));
        assertEquals(keys - 1, Db.count(db, "SELECT MAX(k.position) " + from, tag));
    }

    @Test
    void sameTagSameContentIsIdempotentAndDifferentContentConflicts() {
        String tag = TestCountry.newTag();
        List<DiagnosisKey> keys = TestKeys.keys("DE", 5);
        de.upload(tag, keys).then().statusCode(201).header("batchTag", tag);
        java.util.Collections.reverse(keys); // same signed content: the canonical order does not depend on it
        de.upload(tag, keys).then().statusCode(201).header("batchTag", tag);
        assertEquals(5, stored(tag));
        assertEquals(1, Db.count(db, "SELECT COUNT(*) FROM upload_batch WHERE country='DE' AND batch_tag=?", tag));

        de.upload(tag, TestKeys.keys("DE", 5)).then().statusCode(409).body("code", equalTo("BATCH_TAG_CONFLICT"));
        // the tag is checked before the signature, as in the original
        de.upload(tag, TestKeys.keys("DE", 5), "AAAA").then().statusCode(409);
        assertEquals(5, stored(tag));
    }

    @Test
    void batchTagsAreScopedPerCountry() {
        TestCountry fr = TestCountry.onboard(onboarding, "FR");
        String tag = TestCountry.newTag();
        de.upload(tag, TestKeys.keys("DE", 2)).then().statusCode(201);
        fr.upload(tag, TestKeys.keys("FR", 2)).then().statusCode(201);
    }

    @Test
    void concurrentUploadsOfOneTagStoreExactlyOneCopy() throws Exception {
        String tag = TestCountry.newTag();
        List<DiagnosisKey> keys = TestKeys.keys("DE", 300);
        String signature = TestSigner.sign(keys, de.signing());
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                statuses.add(pool.submit(() -> de.upload(tag, keys, signature).statusCode()));
            }
            for (var status : statuses) {
                assertEquals(201, status.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(300, stored(tag));
        assertEquals(1, Db.count(db, "SELECT COUNT(*) FROM upload_batch WHERE country='DE' AND batch_tag=?", tag));
    }

    @Test
    void duplicatesStoreNothingAndThe207ListsSayExactlyThat() {
        List<DiagnosisKey> first = TestKeys.keys("DE", 3);
        de.upload(TestCountry.newTag(), first).then().statusCode(201);
        DiagnosisKey fresh1 = TestKeys.key("DE");
        DiagnosisKey fresh2 = TestKeys.key("DE");
        List<DiagnosisKey> second = List.of(fresh1, first.get(1), fresh2, fresh2);
        String tag = TestCountry.newTag();
        long before = Db.uploadRows(db);

        de.upload(tag, second).then()
                .statusCode(207)
                .contentType(containsString("application/json"))
                .body("'201'", equalTo(List.of()))
                .body("'409'", equalTo(List.of(1, 3)))
                .body("'500'", equalTo(List.of(0, 2)));

        assertEquals(before, Db.uploadRows(db));
        assertEquals(0, stored(tag));
        // The uploader drops the duplicates, re-signs the rest, and the same tag is still free.
        de.upload(tag, List.of(fresh1, fresh2)).then().statusCode(201);
        assertEquals(2, stored(tag));
    }

    @Test
    void rowsHoldNoPlaintextKeyData() {
        DiagnosisKey key = TestKeys.key("DE");
        String tag = TestCountry.newTag();
        de.upload(tag, List.of(key)).then().statusCode(201);
        List<List<Object>> rows = Db.query(db, "SELECT k.payload, k.payload_hash, k.key_id FROM diagnosis_key k JOIN "
                + "upload_batch u ON u.id = k.upload_batch_id WHERE u.batch_tag = ?", tag);
        assertEquals(1, rows.size());
        byte[] payload = (byte[]) rows.get(0).get(0);
        byte[] keyData = key.getKeyData().toByteArray();
        assertFalse(contains(payload, keyData), "keyData in clear in the payload column");
        assertFalse(contains(payload, key.toByteArray()), "protobuf in clear");
        String base64 = Base64.getEncoder().encodeToString(keyData);
        rows.get(0).forEach(column -> assertFalse(String.valueOf(column).contains(base64)));
    }

    @Test
    void dryRunReportsEveryFindingAndStoresNothing() {
        List<DiagnosisKey> keys = new ArrayList<>(TestKeys.keys("DE", 4));
        keys.set(1, keys.get(1).toBuilder().setTransmissionRiskLevel(9).build());
        keys.set(3, keys.get(3).toBuilder().clearVisitedCountries().addVisitedCountries("XX").build());
        long before = Db.uploadRows(db);
        de.request().contentType(TestCountry.PROTOBUF).queryParam("dryRun", true)
                .header("batchTag", TestCountry.newTag()).header("batchSignature", TestSigner.sign(keys, de.signing()))
                .body(DiagnosisKeyBatch.newBuilder().addAllKeys(keys).build().toByteArray())
                .post("/diagnosiskeys/upload").then()
                .statusCode(200)
                .body("acceptable", equalTo(false))
                .body("findings.index", equalTo(List.of(1, 3)))
                .body("findings.code", equalTo(List.of("KEY_INVALID", "KEY_INVALID")))
                .body("findings.status", equalTo(List.of(400, 400)))
                .body("findings.rule", equalTo(List.of("TRANSMISSION_RISK_LEVEL", "VISITED_COUNTRIES")));
        List<DiagnosisKey> good = TestKeys.keys("DE", 3);
        dryRun(good).then().statusCode(200).body("acceptable", equalTo(true));
        assertEquals(before, Db.uploadRows(db));
    }

    /** Dry-run findings speak the catalogue: the codes and statuses the real upload answers with. */
    @Test
    void dryRunFindingsUseTheErrorCatalogue() {
        List<DiagnosisKey> keys = TestKeys.keys("DE", 2);
        de.upload(TestCountry.newTag(), keys).then().statusCode(201);
        dryRun(keys).then().statusCode(200)
                .body("acceptable", equalTo(false))
                .body("findings.index", equalTo(List.of(0, 1)))
                .body("findings.code", equalTo(List.of("DUPLICATE_KEY", "DUPLICATE_KEY")))
                .body("findings.status", equalTo(List.of(207, 207)));
        de.request().contentType(TestCountry.PROTOBUF).queryParam("dryRun", true)
                .header("batchTag", TestCountry.newTag()).header("batchSignature", "AAAA")
                .body(DiagnosisKeyBatch.newBuilder().addAllKeys(TestKeys.keys("DE", 1)).build().toByteArray())
                .post("/diagnosiskeys/upload").then().statusCode(200)
                .body("findings.index", equalTo(java.util.Collections.singletonList(null)))
                .body("findings.code", equalTo(List.of("SIGNATURE_NOT_CMS")))
                .body("findings.status", equalTo(List.of(400)));
    }

    private Response dryRun(List<DiagnosisKey> keys) {
        return de.request().contentType(TestCountry.PROTOBUF).queryParam("dryRun", true)
                .header("batchTag", TestCountry.newTag()).header("batchSignature", TestSigner.sign(keys, de.signing()))
                .body(DiagnosisKeyBatch.newBuilder().addAllKeys(keys).build().toByteArray())
                .post("/diagnosiskeys/upload");
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
