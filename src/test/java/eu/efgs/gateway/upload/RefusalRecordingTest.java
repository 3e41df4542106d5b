package eu.efgs.gateway.upload;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.efgs.gateway.testing.Db;
import eu.efgs.gateway.testing.GatewayTestResource;
import eu.efgs.gateway.testing.Https;
import eu.efgs.gateway.testing.Pki;
import eu.efgs.gateway.testing.TestCountry;
import eu.efgs.gateway.testing.TestKeys;
import eu.efgs.gateway.trust.CertificateLifecycle;
import eu.interop.DiagnosisKey;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Refused uploads of authenticated countries are recorded for the dashboard, and only those. */
@QuarkusTest
@QuarkusTestResource(GatewayTestResource.class)
class RefusalRecordingTest {

    @Inject
    CertificateLifecycle onboarding;

    @Inject
    AgroalDataSource db;

    private TestCountry se;

    @BeforeEach
    void country() {
        se = TestCountry.onboard(onboarding, "SE");
    }

    private List<List<Object>> recorded(String tag) {
        return Db.query(db, "SELECT country, code, status, first_finding FROM upload_refusal WHERE batch_tag = ?",
                tag);
    }

    @Test
    void aRefusedUploadIsRecordedWithCodeAndFirstFinding() {
        List<DiagnosisKey> keys = new ArrayList<>(TestKeys.keys("SE", 4));
        keys.set(3, keys.get(3).toBuilder().setRollingPeriod(145).build());
        String tag = TestCountry.newTag();
        se.upload(tag, keys).then().statusCode(400).body("code", equalTo("KEY_INVALID"));
        List<List<Object>> rows = recorded(tag);
        assertEquals(1, rows.size());
        assertEquals("SE", rows.get(0).get(0));
        assertEquals("KEY_INVALID", rows.get(0).get(1));
        assertEquals(400, ((Number) rows.get(0).get(2)).intValue());
        assertEquals("Key 3: rollingPeriod must be 1..144 (ROLLING_PERIOD)", rows.get(0).get(3));

        String conflict = TestCountry.newTag();
        se.upload(conflict, TestKeys.keys("SE", 2)).then().statusCode(201);
        se.upload(conflict, TestKeys.keys("SE", 2)).then().statusCode(409);
        assertEquals(List.of("BATCH_TAG_CONFLICT"), recorded(conflict).stream().map(r -> r.get(1)).toList());
    }

    @Test
    void keyMaterialQuotedByTheParserIsNotKept() {
        String keyData = Base64.getEncoder().encodeToString(TestKeys.key("SE").getKeyData().toByteArray());
        String tag = TestCountry.newTag();
        se.request().contentType("application/json; version=1.0").header("batchTag", tag)
                .header("batchSignature", "AAAA").body("{\"keys\":[{\"keyData\": " + keyData + "}]}")
                .post("/diagnosiskeys/upload").then().statusCode(400).body("code", equalTo("BODY_MALFORMED"));
        List<List<Object>> rows = recorded(tag);
        assertEquals(1, rows.size());
        String finding = (String) rows.get(0).get(3);
        assertFalse(finding.contains(keyData.substring(0, 16)), finding);
        assertTrue(finding.startsWith("Not a JSON DiagnosisKeyBatch"), finding);
    }

    @Test
    void acceptedUploadsAndUnauthenticatedRequestsAreNotRecorded() {
        String accepted = TestCountry.newTag();
        se.upload(accepted, TestKeys.keys("SE", 2)).then().statusCode(201);
        String unknown = TestCountry.newTag();
        Pki.Credential unregistered = Pki.selfSigned("C=SE,O=Test,CN=not registered", Pki.KeyType.EC_P256);
        Https.as(unregistered).contentType(TestCountry.PROTOBUF).header("batchTag", unknown)
                .header("batchSignature", "AAAA").body(new byte[] {1}).post("/diagnosiskeys/upload").then()
                .statusCode(403).body("code", equalTo("CLIENT_NOT_AUTHORIZED"));
        assertEquals(0, recorded(accepted).size());
        assertEquals(0, recorded(unknown).size());
    }

    @Test
    void aRefusalIsAnsweredUnchangedWhenItCannotBeRecorded() {
        String tag = TestCountry.newTag();
        Db.update(db, "RENAME TABLE upload_refusal TO upload_refusal_away");
        try {
            se.upload(tag, TestKeys.keys("SE", 2), "AAAA").then().statusCode(400)
                    .body("code", equalTo("SIGNATURE_NOT_CMS"));
        } finally {
            Db.update(db, "RENAME TABLE upload_refusal_away TO upload_refusal");
        }
        assertEquals(0, recorded(tag).size());
    }
}
