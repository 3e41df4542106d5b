package eu.efgs.gateway.platform.database;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.efgs.gateway.testing.ControlledDatabase;
import eu.efgs.gateway.testing.ControlledDatabaseProfile;
import eu.efgs.gateway.testing.Db;
import eu.efgs.gateway.testing.Https;
import eu.efgs.gateway.testing.LogCapture;
import eu.efgs.gateway.testing.TestCountry;
import eu.efgs.gateway.testing.TestKeys;
import eu.efgs.gateway.testing.TestSigner;
import eu.efgs.gateway.trust.CertificateLifecycle;
import eu.interop.DiagnosisKey;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The database stopped under a running gateway, and frozen: requests get 503 with Retry-After (never 500, never
 * an unbounded wait), readiness goes DOWN and UP again without blocking, nothing is half-stored, one WARN and
 * one INFO per outage, and service resumes without a restart.
 */
@QuarkusTest
@TestProfile(ControlledDatabaseProfile.class)
class DatabaseOutageTest {

    @Inject
    CertificateLifecycle onboarding;

    @Inject
    AgroalDataSource db;

    private record Upload(String tag, List<DiagnosisKey> keys, String signature) {
    }

    @AfterEach
    void databaseRunsAgain() {
        ControlledDatabase.control("restore"); // also after a failed test, so the next one starts from a running server
        awaitReadiness(200);
    }

    @Test
    void stoppedMidUploadThenRestarted() throws Exception {
        TestCountry de = TestCountry.onboard(onboarding, "DE");
        List<Upload> uploads = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            List<DiagnosisKey> keys = TestKeys.keys("DE", 2000);
            uploads.add(new Upload(TestCountry.newTag(), keys, TestSigner.sign(keys, de.signing())));
        }
        ExecutorService pool = Executors.newFixedThreadPool(uploads.size());
        try (LogCapture logs = LogCapture.start()) {
            List<Future<Response>> answers = new ArrayList<>();
            for (Upload upload : uploads) {
                answers.add(pool.submit(() -> de.upload(upload.tag(), upload.keys(), upload.signature())));
            }
            Thread.sleep(300);
            ControlledDatabase.control("stop");
            awaitReadiness(503);
            long started = System.nanoTime();
            Response refused = de.upload(TestCountry.newTag(), TestKeys.keys("DE", 3));
            assertEquals(503, refused.statusCode(), refused.asString());
            assertNotNull(refused.header("Retry-After"));
            assertEquals("DATABASE_UNAVAILABLE", refused.jsonPath().getString("code"));
            assertTrue(elapsed(started).toMillis() < 3000, "refused at once while the database is known down");

            List<Upload> retry = new ArrayList<>();
            for (int i = 0; i < uploads.size(); i++) {
                Response answer = answers.get(i).get();
                assertTrue(answer.statusCode() == 201 || answer.statusCode() == 503,
                        "201 or 503 only, got " + answer.statusCode() + " " + answer.asString());
                if (answer.statusCode() == 503) {
                    assertNotNull(answer.header("Retry-After"));
                    retry.add(uploads.get(i));
                }
            }
            ControlledDatabase.control("start");
            awaitReadiness(200);
            for (Upload upload : retry) { // a refused upload may have been stored or not: the retry tells
                de.upload(upload.tag(), upload.keys(), upload.signature()).then().statusCode(201);
            }
            assertEquals(List.of(), logs.errors());
            assertEquals(1, logs.count(Level.WARNING, "Database unreachable"));
            assertEquals(1, logs.count(Level.INFO, "Database reachable again"));
        } finally {
            pool.shutdownNow();
        }
        for (Upload upload : uploads) { // nothing half-stored: every upload whole, once
            assertEquals(2000, Db.count(db, "SELECT COUNT(*) FROM diagnosis_key k JOIN upload_batch u "
                    + "ON u.id = k.upload_batch_id WHERE u.country = 'DE' AND u.batch_tag = ?", upload.tag()));
            assertEquals(1, Db.count(db, "SELECT COUNT(*) FROM upload_statistics WHERE batch_tag = ?", upload.tag()));
        }
    }

    @Test
    void frozenDatabaseIsABoundedWaitThen503() {
        TestCountry fr = TestCountry.onboard(onboarding, "FR");
        List<DiagnosisKey> keys = TestKeys.keys("FR", 50);
        String tag = TestCountry.newTag();
        ControlledDatabase.control("freeze");
        try (LogCapture logs = LogCapture.start()) {
            long started = System.nanoTime();
            Response answer = fr.upload(tag, keys);
            assertEquals(503, answer.statusCode(), answer.asString());
            assertNotNull(answer.header("Retry-After"));
            assertTrue(elapsed(started).toSeconds() < 15, "bounded by the socket timeout, took " + elapsed(started));
            awaitReadiness(503);
            assertEquals(List.of(), logs.errors());
        } finally {
            ControlledDatabase.control("thaw");
        }
        awaitReadiness(200);
        fr.upload(tag, keys).then().statusCode(201);
    }

    /** Polls readiness until it answers {@code status}; each answer must come at once. */
    private static void awaitReadiness(int status) {
        long deadline = System.nanoTime() + ControlledDatabase.NOTICE.toNanos();
        while (true) {
            long asked = System.nanoTime();
            int answer = given().port(Https.managementPort()).get("/q/health/ready").statusCode();
            // it reads the probe's last result: immediate, but this 2-core machine may be busy with the outage
            assertTrue(elapsed(asked).toMillis() < 5000, "readiness answered in " + elapsed(asked));
            if (answer == status) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "readiness did not turn " + status + " within "
                    + ControlledDatabase.NOTICE);
            sleep(200);
        }
    }

    private static Duration elapsed(long since) {
        return Duration.ofNanos(System.nanoTime() - since);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
