package eu.efgs.gateway.dashboard;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.efgs.gateway.batching.BatchingService;
import eu.efgs.gateway.testing.Countries;
import eu.efgs.gateway.testing.Db;
import eu.efgs.gateway.testing.GatewayTestResource;
import eu.efgs.gateway.testing.Https;
import eu.efgs.gateway.testing.Pki;
import eu.efgs.gateway.testing.TestClock;
import eu.efgs.gateway.testing.TestCountry;
import eu.efgs.gateway.testing.TestKeys;
import eu.efgs.gateway.testing.TestPki;
import eu.efgs.gateway.trust.CertificateLifecycle;
import eu.efgs.gateway.trust.CertificateType;
import eu.efgs.gateway.trust.Thumbprints;
import eu.interop.DiagnosisKey;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JSON behind the dashboard's panels, over real mutual TLS: a country sees its own figures, an operator every
 * country's. Other test classes share the database, so figures are compared before and after what a test does.
 */
@QuarkusTest
@QuarkusTestResource(GatewayTestResource.class)
class DashboardApiTest {

    @Inject
    CertificateLifecycle onboarding;

    @Inject
    BatchingService batching;

    @Inject
    AgroalDataSource db;

    @Inject
    TestClock clock;

    private TestCountry hr;
    private TestCountry si;
    private String today;

    @BeforeEach
    void countries() {
        hr = TestCountry.onboard(onboarding, "HR");
        si = TestCountry.onboard(onboarding, "SI");
        Countries.onboardOnce(onboarding, "EU", CertificateType.AUTHENTICATION, TestPki.operator());
        today = LocalDate.ofInstant(BatchDayClock.pin(clock, db), ZoneOffset.UTC).toString();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private void later(Duration duration) {
        clock.pin(clock.instant().plus(duration));
    }

    private static JsonPath panel(TestCountry country, String panel) {
        return new JsonPath(country.request().get("/diagnosiskeys/dashboard/" + panel).then().statusCode(200)
                .extract().asString());
    }

    private static JsonPath operatorPanel(String panel) {
        return new JsonPath(Https.as(TestPki.operator()).get("/diagnosiskeys/dashboard/" + panel).then()
                .statusCode(200).extract().asString());
    }

    /** A number at a GPath, 0 where there is nothing (a country or day without traffic yet). */
    private static long number(JsonPath json, String path) {
        Object value = json.get(path);
        return value == null ? 0 : ((Number) value).longValue();
    }

    private String todayOf(String country, String field) {
        return "countries.find { it.country == '" + country + "' }.days.find { it.date == '" + today + "' }."
                + field;
    }

    private static List<DiagnosisKey> withInvalidRollingPeriod(String country) {
        List<DiagnosisKey> keys = new ArrayList<>(TestKeys.keys(country, 3));
        keys.set(1, keys.get(1).toBuilder().setRollingPeriod(0).build());
        return keys;
    }

    @Test
    void trafficIsPerCountryAndDayWithTotalsAndEveryDayListed() {
        JsonPath before = panel(hr, "traffic");
        hr.upload(TestCountry.newTag(), TestKeys.keys("HR", 3)).then().statusCode(201);
        hr.upload(TestCountry.newTag(), TestKeys.keys("HR", 4)).then().statusCode(201);
        si.upload(TestCountry.newTag(), TestKeys.keys("SI", 5)).then().statusCode(201);
        String batch = batching.run().get(0).batchTag();
        hr.request().accept("application/protobuf; version=1.0").header("batchTag", batch)
                .get("/diagnosiskeys/download/" + today).then().statusCode(200);

        JsonPath after = panel(hr, "traffic");
        assertEquals(List.of("HR"), after.getList("countries.country"));
        assertEquals(14, after.getList("countries[0].days").size());
        assertEquals(today, after.getString("to"));
        assertEquals(LocalDate.parse(today).minusDays(13).toString(), after.getString("from"));
        assertEquals(7, number(after, todayOf("HR", "keysUploaded")) - number(before, todayOf("HR", "keysUploaded")));
        assertEquals(2, number(after, todayOf("HR", "uploads")) - number(before, todayOf("HR", "uploads")));
        assertEquals(1, number(after, todayOf("HR", "downloads")) - number(before, todayOf("HR", "downloads")));
        assertTrue(number(after, todayOf("HR", "keysDownloaded")) - number(before, todayOf("HR", "keysDownloaded"))
                >= 5, "the batch holds SI's 5 keys (and maybe other tests' keys), never HR's own");
        assertEquals(number(after, "countries[0].keysUploaded"), number(after, "keysUploaded"));

        JsonPath operator = operatorPanel("traffic");
        assertTrue(operator.getList("countries.country").containsAll(List.of("HR", "SI")));
        long sum = operator.getList("countries.keysUploaded", Long.class).stream().mapToLong(Long::longValue).sum();
        assertEquals(sum, number(operator, "keysUploaded"));
    }

    @Test
    void refusalsOfACountryAreVisibleToItAndTheOperatorButNoOtherCountry() {
        String hrInvalid = TestCountry.newTag();
        String hrSignature = TestCountry.newTag();
        String siInvalid = TestCountry.newTag();
        JsonPath before = panel(hr, "refusals");
        String invalidCount = "counts.find { it.country == 'HR' && it.code == 'KEY_INVALID' }.refusals";
        hr.upload(hrInvalid, withInvalidRollingPeriod("HR")).then().statusCode(400);
        hr.upload(hrSignature, TestKeys.keys("HR", 2), "AAAA").then().statusCode(400);
        si.upload(siInvalid, withInvalidRollingPeriod("SI")).then().statusCode(400);

        JsonPath after = panel(hr, "refusals");
        assertEquals(1, number(after, invalidCount) - number(before, invalidCount));
        assertEquals(List.of("HR"), after.getList("counts.country").stream().distinct().toList());
        assertEquals(hrSignature, after.getString("recent[0].batchTag"));
        assertEquals("SIGNATURE_NOT_CMS", after.getString("recent[0].code"));
        assertEquals(hrInvalid, after.getString("recent[1].batchTag"));
        assertEquals("KEY_INVALID", after.getString("recent[1].code"));
        assertEquals("Key 1: rollingPeriod must be 1..144 (ROLLING_PERIOD)", after.getString("recent[1].firstFinding"));
        assertEquals(400, after.getInt("recent[1].status"));
        assertFalse(after.getList("recent.batchTag").contains(siInvalid));
        assertEquals(after.getList("counts.refusals", Long.class).stream().mapToLong(Long::longValue).sum(),
                number(after, "refusals"));

        JsonPath operator = operatorPanel("refusals");
        assertTrue(operator.getList("recent.batchTag").containsAll(List.of(siInvalid, hrSignature, hrInvalid)));
        assertTrue(operator.getList("counts.country").containsAll(List.of("HR", "SI")));
    }

    @Test
    void batchesPerDayKeysPerBatchAndUploadToBatchTimes() {
        TestCountry lv = TestCountry.onboard(onboarding, "LV"); // this test's alone: its day's times are these
        batching.run(); // leftovers of other tests first, so the next batch holds exactly these uploads
        String day = "days.find { it.date == '" + today + "' }.";
        JsonPath before = panel(lv, "batches");
        lv.upload(TestCountry.newTag(), TestKeys.keys("LV", 6)).then().statusCode(201);
        later(Duration.ofSeconds(30));
        lv.upload(TestCountry.newTag(), TestKeys.keys("LV", 2)).then().statusCode(201);
        later(Duration.ofSeconds(60));
        List<eu.efgs.gateway.batching.BatchMaker.CreatedBatch> created = batching.run();
        assertEquals(1, created.size());
        assertEquals(8, created.get(0).keys());

        JsonPath after = panel(lv, "batches");
        assertEquals(14, after.getList("days").size());
        assertEquals(1, number(after, day + "batches") - number(before, day + "batches"));
        assertEquals(8, number(after, day + "keys") - number(before, day + "keys"));
        assertEquals(2, number(after, day + "uploadsBatched"));
        assertEquals(75.0, after.getDouble(day + "medianUploadToBatchSeconds"), 0.01); // waited 90 s and 60 s
        assertEquals(90.0, after.getDouble(day + "maxUploadToBatchSeconds"), 0.01);
        assertTrue(number(after, day + "maxKeysPerBatch") >= 8);
        long batches = number(after, day + "batches");
        assertEquals(Math.round((double) number(after, day + "keys") / batches), number(after, day + "keysPerBatch"));
    }

    @Test
    void healthShowsTheLastBatchingRunAndUploadsWaitingForABatch() {
        batching.run();
        Instant ran = clock.instant();
        hr.upload(TestCountry.newTag(), TestKeys.keys("HR", 1)).then().statusCode(201);
        JsonPath waiting = panel(hr, "health");
        assertTrue(waiting.getBoolean("databaseUp"));
        assertTrue(number(waiting, "pendingUploads") >= 1);
        assertTrue(Duration.between(Instant.parse(waiting.getString("lastBatchingRun")), ran).abs().getSeconds() < 60);

        String tag = batching.run().get(0).batchTag();
        JsonPath batched = panel(hr, "health");
        assertEquals(0, number(batched, "pendingUploads"));
        assertEquals(tag, batched.getString("lastBatchTag"));
        assertEquals(1, batched.getInt("lastRunBatches"));
    }

    @Test
    void certificatesWithDaysLeftExpiringAndRevokedOnlyTheCountrysOwn() {
        Pki.Credential soon = Pki.selfSigned("C=HR,O=Test backend,CN=HR expiring " + System.nanoTime(),
                Pki.keyPair(Pki.KeyType.EC_P256), clock.instant().minus(Duration.ofDays(300)),
                clock.instant().plus(Duration.ofDays(10)).plus(Duration.ofHours(1)));
        Countries.onboard(onboarding, "HR", CertificateType.SIGNING, soon);
        Pki.Credential revoked = Countries.onboarded(onboarding, "HR", CertificateType.CALLBACK);
        assertEquals(new CertificateLifecycle.Revocation(true, List.of()),
                onboarding.revoke(Thumbprints.of(revoked.certificate())));

        JsonPath json = panel(hr, "certificates");
        assertEquals(30, json.getInt("warningDays"));
        assertEquals(List.of("HR"), json.getList("certificates.country").stream().distinct().toList());
        String expiring = "certificates.find { it.thumbprint == '" + Thumbprints.of(soon.certificate()) + "' }.";
        assertEquals("EXPIRING", json.getString(expiring + "state"));
        assertEquals(10, json.getInt(expiring + "daysLeft"));
        assertEquals("SIGNING", json.getString(expiring + "type"));
        String gone = "certificates.find { it.thumbprint == '" + Thumbprints.of(revoked.certificate()) + "' }.";
        assertEquals("REVOKED", json.getString(gone + "state"));
        assertTrue(json.getBoolean(gone + "revoked"));
        String own = "certificates.find { it.thumbprint == '" + Thumbprints.of(hr.auth().certificate()) + "' }.";
        assertEquals("VALID", json.getString(own + "state"));
        assertTrue(json.getInt(own + "daysLeft") >= 363);

        String html = hr.request().get("/dashboard").then().statusCode(200).extract().asString();
        assertTrue(html.contains("<tr class=\"state-EXPIRING\" data-country=\"HR\" data-type=\"SIGNING\" "
                + "data-thumbprint=\"" + Thumbprints.of(soon.certificate()) + "\""), "the expiring row highlighted");
        assertTrue(html.matches("(?s).*data-thumbprint=\"" + Thumbprints.of(soon.certificate())
                + "\".*?<td class=\"n\" data-field=\"daysLeft\">10</td>.*"), "its days left in the page");
        assertTrue(html.contains("<tr class=\"state-REVOKED\" data-country=\"HR\" data-type=\"CALLBACK\" "
                + "data-thumbprint=\"" + Thumbprints.of(revoked.certificate()) + "\""), "the revoked row shown");

        operatorPanelHas("certificates", "certificates.country", "HR", "SI", "EU");
    }

    @Test
    void callbackSubscriptionsWithStateCountsPendingLagAndLastError() {
        long batch = Db.count(db, "SELECT COALESCE(MAX(id), 0) FROM download_batch");
        if (batch == 0) {
            hr.upload(TestCountry.newTag(), TestKeys.keys("HR", 1)).then().statusCode(201);
            batching.run();
            batch = Db.count(db, "SELECT MAX(id) FROM download_batch");
        }
        Instant now = clock.instant();
        Db.update(db, "INSERT INTO callback_subscription (country, callback_id, url, created_at, updated_at, state, "
                + "last_error, consecutive_failures, sent_count, failed_count, skipped_count) VALUES ('SI', "
                + "'dash-failing', 'https://si.example/cb', ?, ?, 'FAILING', 'HTTP 503', 9, 4, 9, 1)",
                java.sql.Timestamp.from(now), java.sql.Timestamp.from(now));
        long subscription = Db.count(db, "SELECT id FROM callback_subscription WHERE country = 'SI' AND "
                + "callback_id = 'dash-failing'");
        Db.update(db, "INSERT INTO callback_task (subscription_id, download_batch_id, created_at) VALUES (?, ?, ?)",
                subscription, batch, java.sql.Timestamp.from(now.minus(Duration.ofMinutes(5))));
        try {
            JsonPath si = panel(this.si, "callbacks");
            String row = "subscriptions.find { it.callbackId == 'dash-failing' }.";
            assertEquals("FAILING", si.getString(row + "state"));
            assertEquals(4, si.getInt(row + "sent"));
            assertEquals(9, si.getInt(row + "failed"));
            assertEquals(1, si.getInt(row + "pending"));
            assertTrue(si.getInt(row + "lagSeconds") >= 299, si.getString(row + "lagSeconds"));
            assertEquals("HTTP 503", si.getString(row + "lastError"));
            assertEquals(9, si.getInt(row + "consecutiveFailures"));
            String html = this.si.request().get("/dashboard").then().statusCode(200).extract().asString();
            assertTrue(html.matches("(?s).*<tr class=\"state-FAILING\" data-country=\"SI\" "
                    + "data-callback-id=\"dash-failing\">.*?data-field=\"pending\">1</td>"
                    + "<td class=\"n\" data-field=\"lagSeconds\" data-value=\"\\d{3,}\">.*?"
                    + "data-field=\"lastError\">HTTP 503</td>.*"), "the failing subscription, its lag and error");
            assertFalse(panel(hr, "callbacks").getList("subscriptions.callbackId").contains("dash-failing"));
            operatorPanelHas("callbacks", "subscriptions.callbackId", "dash-failing");
        } finally {
            Db.update(db, "DELETE FROM callback_subscription WHERE id = ?", subscription);
        }
    }

    private static void operatorPanelHas(String panel, String path, String... values) {
        Https.as(TestPki.operator()).get("/diagnosiskeys/dashboard/" + panel).then().statusCode(200)
                .body(path, hasItems((Object[]) values));
    }

    @Test
    void withoutJavaScriptThePageHoldsTheNumbersAndEscapesWhatCountriesSent() {
        String refused = "<script>alert(1)</script>";
        hr.upload(refused, withInvalidRollingPeriod("HR")).then().statusCode(400);
        String siRefused = TestCountry.newTag();
        si.upload(siRefused, withInvalidRollingPeriod("SI")).then().statusCode(400);
        hr.upload(TestCountry.newTag(), TestKeys.keys("HR", 2)).then().statusCode(201);
        long keys = number(panel(hr, "traffic"), "keysUploaded");

        String html = hr.request().get("/dashboard").then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Cache-Control", equalTo("no-store"))
                .extract().asString();
        assertFalse(html.contains("<script"), "no script at all, and a tag a country sent is escaped");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertTrue(html.contains("<td class=\"n\" id=\"total-keys-uploaded\">" + keys + "</td>"), "total keys");
        assertTrue(html.contains("<tr data-country=\"HR\"><td>HR</td>"), "the country's traffic row");
        assertTrue(html.contains("data-series=\"HR\" data-day=\"" + today + "\""), "a chart segment for today");
        assertTrue(html.contains("Key 1: rollingPeriod must be 1..144 (ROLLING_PERIOD)"));
        assertFalse(html.contains(siRefused), "another country's refusal");
        assertFalse(html.contains("data-country=\"SI\""));

        String operator = Https.as(TestPki.operator()).get("/dashboard").then().statusCode(200).extract().asString();
        assertTrue(operator.contains("Operator view"));
        assertTrue(operator.contains(siRefused));
        assertTrue(operator.contains("data-country=\"SI\""));
    }

    @Test
    void thePageAndItsDataNeedAnAuthorizedCertificate() {
        Pki.Credential unknown = Pki.selfSigned("C=HR,O=Test,CN=not registered", Pki.KeyType.EC_P256);
        Https.as(unknown).get("/dashboard").then().statusCode(403).body("code", equalTo("CLIENT_NOT_AUTHORIZED"));
        Https.as(unknown).get("/diagnosiskeys/dashboard/traffic").then().statusCode(403);
        Https.plainFrom("127.0.0.1").get("/dashboard").then().statusCode(403)
                .body("code", equalTo("CLIENT_CERTIFICATE_MISSING"));
        hr.request().get("/diagnosiskeys/dashboard/traffic").then().statusCode(200)
                .body("countries.country", everyItem(equalTo("HR")));
    }
}
