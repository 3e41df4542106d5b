package eu.efgs.gateway.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.efgs.gateway.batching.BatchingService;
import eu.efgs.gateway.callback.CallbackJob;
import eu.efgs.gateway.testing.CallbackReceiver;
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
import eu.efgs.gateway.trust.CertificatePem;
import eu.efgs.gateway.trust.CertificateType;
import eu.efgs.gateway.trust.Thumbprints;
import eu.interop.DiagnosisKey;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.OutputType;

/**
 * The dashboard in a real browser: Debian's headless Chromium presents a national backend's (DE) or the operator's
 * client certificate to the gateway over real TLS. After known uploads, refusals, a batch, a callback and
 * downloads, the test reads the figures the page shows (cell text and the chart's data attributes) and compares
 * them with what it did. DE is shared with other test classes, so DE's figures are read before and after.
 * Screenshots for review: target/dashboard-DE.png and target/dashboard-operator.png.
 */
@QuarkusTest
@TestProfile(DashboardBrowserTest.Browser.class)
@QuarkusTestResource(GatewayTestResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {

    /** The callback receiver listens on loopback (test-only switch). */
    public static class Browser implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("efgs.callback.allow-private-addresses", "true");
        }
    }

    @Inject
    CertificateLifecycle onboarding;

    @Inject
    BatchingService batching;

    @Inject
    CallbackJob callbacks;

    @Inject
    TestClock clock;

    @Inject
    AgroalDataSource db;

    private final List<LogRecord> driverFinder = new ArrayList<>();
    private Path policy;
    private CallbackReceiver receiver;
    private Chromium deBrowser;
    private TestCountry de;
    private String day;
    private Figures before;
    private String batchTag;
    private final String deInvalid = "dash-de-invalid-" + UUID.randomUUID();
    private final String deInvalidAgain = "dash-de-invalid-" + UUID.randomUUID();
    private final String deUnsigned = "dash-de-unsigned-" + UUID.randomUUID();
    private final String frInvalid = "dash-fr-invalid-" + UUID.randomUUID();

    @BeforeAll
    void whatHappened() throws Exception {
        assertTrue(Files.isExecutable(Chromium.BROWSER) && Files.isExecutable(Chromium.DRIVER),
                "Debian's chromium and chromium-driver must be installed (.ci/run installs them)");
        watchSeleniumManager();
        policy = Chromium.selectCertificateAutomatically(Https.httpsPort());
        batching.run(); // other tests' pending uploads first: the batch made below holds exactly this test's keys
        day = LocalDate.ofInstant(BatchDayClock.pin(clock, db), ZoneOffset.UTC).toString();
        de = TestCountry.onboard(onboarding, "DE");
        TestCountry fr = TestCountry.onboard(onboarding, "FR");
        Countries.onboardOnce(onboarding, "EU", CertificateType.AUTHENTICATION, TestPki.operator());

        deBrowser = Chromium.as(de.auth(), server(), true);
        before = Figures.of(open(deBrowser), day);

        receiver = CallbackReceiver.start(callbackCertificate("DE"), TestPki.callbackClient(), "127.0.0.1");
        de.request().queryParam("url", "https://localhost:" + receiver.port() + "/efgs/callback")
                .put("/diagnosiskeys/callback/dashboard-test").then().statusCode(200);

        de.upload(TestCountry.newTag(), TestKeys.keys("DE", 5)).then().statusCode(201);
        de.upload(TestCountry.newTag(), TestKeys.keys("DE", 3)).then().statusCode(201);
        de.upload(deInvalid, withRollingPeriodZero("DE")).then().statusCode(400);
        de.upload(deInvalidAgain, withRollingPeriodZero("DE")).then().statusCode(400);
        de.upload(deUnsigned, TestKeys.keys("DE", 2), "AAAA").then().statusCode(400);
        fr.upload(TestCountry.newTag(), TestKeys.keys("FR", 4)).then().statusCode(201);
        fr.upload(frInvalid, withRollingPeriodZero("FR")).then().statusCode(400);

        clock.pin(clock.instant().plus(Duration.ofSeconds(90)));
        List<eu.efgs.gateway.batching.BatchMaker.CreatedBatch> created = batching.run();
        assertEquals(1, created.size());
        assertEquals(12, created.get(0).keys());
        batchTag = created.get(0).batchTag();

        callbacks.dispatcher("dashboard-browser-test").run(); // (another class's subscription may be due too)
        assertEquals(List.of(batchTag), receiver.batchTags());
        for (TestCountry downloader : List.of(de, fr)) {
            downloader.request().accept("application/protobuf; version=1.0").header("batchTag", batchTag)
                    .get("/diagnosiskeys/download/" + day).then().statusCode(200);
        }
    }

    @AfterAll
    void cleanUp() throws Exception {
        clock.reset();
        Db.update(db, "DELETE FROM callback_subscription WHERE country = 'DE' AND callback_id = 'dashboard-test'");
        if (receiver != null) {
            receiver.close();
        }
        if (deBrowser != null) {
            deBrowser.close();
        }
        if (policy != null) {
            Chromium.forget(policy);
        }
    }

    @Test
    void aCountryReadsItsOwnFiguresInItsBrowser() throws Exception {
        DashboardView page = open(deBrowser);
        screenshot(deBrowser, "dashboard-DE.png");

        assertEquals("DE", page.viewerCountry());
        assertFalse(page.operator());
        assertEquals(8, page.chartValue("chart-uploaded", "DE", day) - before.uploadedToday());
        assertEquals(4, page.chartValue("chart-downloaded", "DE", day)
                - before.downloadedToday());
        assertEquals(8, page.traffic("DE", "keysUploaded") - before.keysUploaded());
        assertEquals(2, page.traffic("DE", "uploads") - before.uploads());
        assertEquals(1, page.traffic("DE", "downloads") - before.downloads());
        assertEquals(4, page.traffic("DE", "keysDownloaded") - before.keysDownloaded());
        assertEquals(page.traffic("DE", "keysUploaded"), page.totalKeysUploaded(), "one country: its total");

        assertEquals(1, page.batchDay(day, "batches") - before.batches());
        assertEquals(12, page.batchDay(day, "keys") - before.batchKeys());
        assertEquals(2, page.batchDay(day, "uploadsBatched") - before.uploadsBatched());
        assertTrue(page.batchDayValue(day, "maxUploadToBatchSeconds") >= 90.0);
        assertEquals(batchTag, page.newestBatch());
        assertEquals(0, page.pendingUploads());
        assertTrue(page.databaseUp());

        assertEquals(2, page.refusals("DE", "KEY_INVALID") - before.keyInvalid());
        assertEquals(1, page.refusals("DE", "SIGNATURE_NOT_CMS") - before.notCms());
        DashboardView.Refusal unsigned = page.recentRefusal(deUnsigned);
        assertEquals("SIGNATURE_NOT_CMS", unsigned.code());
        assertEquals("batchSignature is not a CMS structure", unsigned.finding());
        DashboardView.Refusal invalid = page.recentRefusal(deInvalid);
        assertEquals("KEY_INVALID", invalid.code());
        assertEquals("Key 1: rollingPeriod must be 1..144 (ROLLING_PERIOD)", invalid.finding());
        assertTrue(page.recentRefusalTags().contains(deInvalidAgain));

        DashboardView.Callback callback = page.callback("DE", "dashboard-test");
        assertEquals("ACTIVE", callback.state());
        assertEquals(1, callback.sent());
        assertEquals(0, callback.failed());
        assertEquals(0, callback.pending());

        String thumbprint = Thumbprints.of(de.auth().certificate());
        assertEquals("VALID", page.certificateState(thumbprint));
        assertTrue(page.certificateDaysLeft(thumbprint) >= 363);
    }

    @Test
    void aCountryDoesNotSeeAnotherCountrysRefusals() {
        DashboardView page = open(deBrowser);
        assertFalse(page.recentRefusalTags().contains(frInvalid));
        assertEquals(0, page.refusals("FR", "KEY_INVALID"));
        assertFalse(page.source().contains(frInvalid));
        assertFalse(page.source().contains("data-country=\"FR\""), "no FR row or chart segment at all");
    }

    @Test
    void theOperatorSeesEveryCountryWithJavaScriptOff() throws Exception {
        try (Chromium operator = Chromium.as(TestPki.operator(), server(), false)) {
            DashboardView page = open(operator);
            screenshot(operator, "dashboard-operator.png");
            assertTrue(page.operator());
            assertTrue(page.recentRefusalTags().containsAll(List.of(frInvalid, deUnsigned)), "both countries'");
            assertEquals("KEY_INVALID", page.recentRefusal(frInvalid).code());
            assertTrue(page.refusals("FR", "KEY_INVALID") >= 1);
            assertTrue(page.chartValue("chart-uploaded", "FR", day) >= 4);
            assertTrue(page.chartValue("chart-uploaded", "DE", day) >= 8);
            assertEquals(1, page.callback("DE", "dashboard-test").sent());
            long sum = page.trafficCountries().stream().mapToLong(country -> page.traffic(country, "keysUploaded"))
                    .sum();
            assertEquals(sum, page.totalKeysUploaded());
            assertEquals("VALID", page.certificateState(Thumbprints.of(TestPki.operator().certificate())));
        }
    }

    @Test
    void seleniumManagerWasNeverAskedForADriverOrBrowser() {
        assertTrue(driverFinder.stream().anyMatch(r -> r.getMessage().startsWith("Skipping Selenium Manager")),
                "the driver path is given, so Selenium Manager must be skipped: " + driverFinder.stream()
                        .map(LogRecord::getMessage).toList());
    }

    /** DE's figures before the test acted (the page object reads the live page, so they are copied). */
    private record Figures(long uploadedToday, long downloadedToday, long keysUploaded, long uploads, long downloads,
                           long keysDownloaded, long batches, long batchKeys, long uploadsBatched, long keyInvalid,
                           long notCms) {
        static Figures of(DashboardView page, String day) {
            return new Figures(page.chartValue("chart-uploaded", "DE", day),
                    page.chartValue("chart-downloaded", "DE", day), page.traffic("DE", "keysUploaded"),
                    page.traffic("DE", "uploads"), page.traffic("DE", "downloads"),
                    page.traffic("DE", "keysDownloaded"), page.batchDay(day, "batches"), page.batchDay(day, "keys"),
                    page.batchDay(day, "uploadsBatched"), page.refusals("DE", "KEY_INVALID"),
                    page.refusals("DE", "SIGNATURE_NOT_CMS"));
        }
    }

    private DashboardView open(Chromium browser) {
        browser.driver().get("https://localhost:" + Https.httpsPort() + "/dashboard");
        return new DashboardView(browser.driver());
    }

    private static void screenshot(Chromium browser, String name) throws Exception {
        Path shot = browser.driver().getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
    }

    private static X509Certificate server() throws Exception {
        return CertificatePem.read(TestPki.SERVER);
    }

    private Pki.Credential callbackCertificate(String country) {
        Pki.Credential certificate = Pki.server("C=" + country + ",O=Test backend,CN=localhost " + System.nanoTime(),
                "localhost");
        Countries.onboard(onboarding, country, CertificateType.CALLBACK, certificate);
        return certificate;
    }

    private static List<DiagnosisKey> withRollingPeriodZero(String country) {
        List<DiagnosisKey> keys = new ArrayList<>(TestKeys.keys(country, 3));
        keys.set(1, keys.get(1).toBuilder().setRollingPeriod(0).build());
        return keys;
    }

    /** Selenium logs (at FINE) whether it asked Selenium Manager; the test keeps those lines. */
    private void watchSeleniumManager() {
        Logger logger = Logger.getLogger("org.openqa.selenium.remote.service.DriverFinder");
        logger.setLevel(Level.FINE);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                driverFinder.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }
}
