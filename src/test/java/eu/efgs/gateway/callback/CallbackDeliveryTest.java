package eu.efgs.gateway.callback;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.efgs.gateway.batching.BatchingService;
import eu.efgs.gateway.testing.CallbackReceiver;
import eu.efgs.gateway.testing.Countries;
import eu.efgs.gateway.testing.Db;
import eu.efgs.gateway.testing.GatewayTestResource;
import eu.efgs.gateway.testing.Https;
import eu.efgs.gateway.testing.Pki;
import eu.efgs.gateway.testing.TestClock;
import eu.efgs.gateway.testing.TestCountry;
import eu.efgs.gateway.testing.TestData;
import eu.efgs.gateway.testing.TestKeys;
import eu.efgs.gateway.testing.TestPki;
import eu.efgs.gateway.trust.CertificateLifecycle;
import eu.efgs.gateway.trust.CertificateRegistry;
import eu.efgs.gateway.trust.CertificateType;
import eu.efgs.gateway.trust.Thumbprints;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Callback delivery end to end: batches created by the real batching service, tasks in the real database, and
 * receivers that are real HTTPS servers with their own certificates, requiring the gateway's client certificate.
 * Time moves only when a test moves the injected clock, so backoff is observable without waiting.
 */
@QuarkusTest
@TestProfile(CallbackDeliveryTest.Delivery.class)
@QuarkusTestResource(GatewayTestResource.class)
class CallbackDeliveryTest {

    /** Receivers listen on loopback, so the test-only switch is on; short limits keep the tests small. */
    public static class Delivery implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("efgs.callback.allow-private-addresses", "true",
                    "efgs.callback.failing-after", "3",
                    "efgs.callback.initial-backoff", "PT20S",
                    "efgs.callback.max-backoff", "PT2M",
                    "efgs.callback.timeout", "PT3S",
                    "efgs.callback.lease", "PT1M");
        }
    }

    private static final Duration BEYOND_BACKOFF = Duration.ofMinutes(3);

    @Inject
    BatchingService batching;

    @Inject
    CertificateLifecycle onboarding;

    @Inject
    CallbackJob job;

    @Inject
    CallbackOutbox outbox;

    @Inject
    CallbackMetrics metrics;

    @Inject
    CallbackSender sender;

    @Inject
    CertificateRegistry registry;

    @Inject
    CallbackConfig config;

    @Inject
    TestClock clock;

    @Inject
    AgroalDataSource db;

    @Inject
    TestData data;

    private final List<CallbackReceiver> receivers = new ArrayList<>();
    private TestCountry uploader;
    private CallbackDispatcher dispatcher;

    @BeforeEach
    void setUp() {
        data.reset(); // no subscription, task, pending upload or batch of an earlier test or class
        // time moves only when a test moves it; whole seconds, because MariaDB 10.x drivers drop stored fractions
        clock.pin(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        uploader = TestCountry.onboard(onboarding, "NL");
        dispatcher = job.dispatcher("test-sender");
    }

    @AfterEach
    void tearDown() {
        receivers.forEach(CallbackReceiver::close);
        data.reset();
    }

    @Test
    void fiveBatchesAreAnnouncedInOrderOverMutualTls() {
        TestCountry de = TestCountry.onboard(onboarding, "DE");
        CallbackReceiver receiver = receiver(registeredCallbackCertificate("DE"));
        subscribe(de, "in-order", receiver);
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tags.add(newBatch());
        }
        JsonPath before = subscription(de, "in-order");
        assertEquals(5, before.getInt("pending"));
        assertNotNull(before.getString("oldestPending"));
        later(Duration.ofSeconds(30));
        metrics.refresh();
        assertEquals(5.0, metric("efgs_callback_pending", "in-order", "DE"));
        // stored in µs, except on MariaDB 10.x, where mysql-connector-j drops the fraction (README "Running in
        // production")
        assertEquals(30.0, metric("efgs_callback_lag_seconds", "in-order", "DE"), 1.0);

        assertEquals(5, dispatcher.run());

        assertEquals(tags, receiver.batchTags());
        String gateway = Thumbprints.of(TestPki.callbackClient());
        for (CallbackReceiver.Request request : receiver.requests()) {
            assertEquals("/efgs/callback/in-order", request.path());
            assertEquals("EFGS Callback Engine", request.userAgent());
            assertEquals(gateway, request.clientThumbprint());
            assertEquals(Set.of("batchTag", "date"), request.query().keySet());
            assertEquals(batchDate(request.batchTag()), request.query().get("date"));
        }
        JsonPath after = subscription(de, "in-order");
        assertEquals(0, after.getInt("pending"));
        assertEquals(5, after.getInt("sent"));
        assertEquals("ACTIVE", after.getString("state"));
        assertNotNull(after.getString("lastSuccess"));
        assertEquals(0, dispatcher.run());
        assertEquals(5, receiver.requests().size());

        job.run(); // the scheduled entry point: sends (nothing is due) and refreshes the metrics
        assertEquals(5.0, metric("efgs_callback_sent_total", "in-order", "DE"));
        assertEquals(0.0, metric("efgs_callback_failed_total", "in-order", "DE"));
        assertEquals(0.0, metric("efgs_callback_pending", "in-order", "DE"));
        assertEquals(0.0, metric("efgs_callback_lag_seconds", "in-order", "DE"));
    }

    /** One per-subscription value from the Prometheus endpoint on the management port. */
    private static double metric(String name, String callbackId, String country) {
        String body = RestAssured.given().port(Https.managementPort()).accept("text/plain").get("/q/metrics")
                .then().statusCode(200).extract().asString();
        Matcher line = Pattern.compile("(?m)^" + name + "\\{callback_id=\"" + Pattern.quote(callbackId)
                + "\",country=\"" + country + "\",?} (\\S+)$").matcher(body);
        assertTrue(line.find(), name + " for " + country + "/" + callbackId + " in\n" + body);
        return Double.parseDouble(line.group(1));
    }

    @Test
    void registrationStillRefusesHttpAndQueriesWithTheTestSetting() {
        TestCountry de = TestCountry.onboard(onboarding, "DE");
        de.request().queryParam("url", "https://127.0.0.1:1/cb").put("/diagnosiskeys/callback/loop")
                .then().statusCode(200);
        de.request().queryParam("url", "http://127.0.0.1:1/cb").put("/diagnosiskeys/callback/loop")
                .then().statusCode(400).body("code", equalTo("CALLBACK_URL_INVALID"));
        de.request().queryParam("url", "https://127.0.0.1:1/cb?a=b").put("/diagnosiskeys/callback/loop")
                .then().statusCode(400).body("code", equalTo("CALLBACK_URL_INVALID"));
    }

    @Test
    void aReceiverWithoutTheRightCertificateGetsNoRequestAndEveryAttemptCounts() throws Exception {
        TestCountry be = TestCountry.onboard(onboarding, "BE");
        registeredCallbackCertificate("BE"); // the country has a callback certificate, just not this one
        CallbackReceiver unregistered = receiver(Pki.server("C=BE,O=Test backend,CN=localhost", "localhost"));
        Pki.Credential otherHost = Pki.server("C=BE,O=Test backend,CN=elsewhere", "elsewhere.example");
        Countries.onboard(onboarding, "BE", CertificateType.CALLBACK, otherHost);
        CallbackReceiver wrongName = receiver(otherHost);
        Pki.Credential authentication = Pki.server("C=BE,O=Test backend,CN=localhost auth", "localhost");
        Countries.onboard(onboarding, "BE", CertificateType.AUTHENTICATION, authentication);
        CallbackReceiver authenticationOnly = receiver(authentication);
        Pki.Credential registeredForAnotherHost = Pki.server("C=BE,O=Test backend,CN=localhost 2", "localhost");
        onboarding.onboard(new CertificateLifecycle.Request("BE", CertificateType.CALLBACK,
                registeredForAnotherHost.pem(), "callback.example"), anchorKey());
        CallbackReceiver otherRegisteredHost = receiver(registeredForAnotherHost);
        subscribe(be, "host-column", otherRegisteredHost);
        subscribe(be, "unregistered", unregistered);
        subscribe(be, "wrong-name", wrongName);
        subscribe(be, "auth-cert", authenticationOnly);
        newBatch();

        dispatcher.run();
        later(BEYOND_BACKOFF);
        dispatcher.run();

        assertEquals(List.of(), unregistered.requests());
        assertEquals(List.of(), wrongName.requests());
        assertEquals(List.of(), authenticationOnly.requests());
        assertEquals(List.of(), otherRegisteredHost.requests());
        JsonPath first = subscription(be, "unregistered");
        assertEquals(2, first.getInt("failed"));
        assertEquals(2, first.getInt("consecutiveFailures"));
        assertEquals(1, first.getInt("pending"));
        assertTrue(first.getString("lastError").contains("not a registered callback certificate of BE"),
                first.getString("lastError"));
        JsonPath second = subscription(be, "wrong-name");
        assertEquals(2, second.getInt("failed"));
        assertTrue(second.getString("lastError").toLowerCase().contains("localhost"), second.getString("lastError"));
        assertEquals(2, subscription(be, "auth-cert").getInt("failed"));
        assertTrue(subscription(be, "host-column").getString("lastError")
                .contains("registered for host callback.example"));
    }

    @Test
    void aServerErrorIsRetriedAfterTheBackoffAndDeliveredOnce() {
        TestCountry at = TestCountry.onboard(onboarding, "AT");
        CallbackReceiver receiver = receiver(registeredCallbackCertificate("AT")).answer(500);
        subscribe(at, "flaky", receiver);
        String tag = newBatch();

        dispatcher.run();
        JsonPath failed = subscription(at, "flaky");
        assertEquals("HTTP 500", failed.getString("lastError"));
        assertEquals("ACTIVE", failed.getString("state"));
        Instant next = Instant.parse(failed.getString("nextAttempt"));
        Duration wait = Duration.between(clock.instant(), next);
        assertTrue(wait.compareTo(Duration.ofSeconds(10)) >= 0 && wait.compareTo(Duration.ofSeconds(20)) <= 0,
                "first backoff is 20 s with jitter in [50 %, 100 %): " + wait);
        dispatcher.run(); // still backing off: nothing is sent
        assertEquals(1, receiver.requests().size());

        later(wait.plusSeconds(1));
        dispatcher.run();
        dispatcher.run();

        assertEquals(List.of(tag, tag), receiver.batchTags());
        JsonPath delivered = subscription(at, "flaky");
        assertEquals(1, delivered.getInt("sent"));
        assertEquals(1, delivered.getInt("failed"));
        assertEquals(0, delivered.getInt("pending"));
        assertEquals(0, delivered.getInt("consecutiveFailures"));
    }

    @Test
    void aReceiverThatDoesNotAnswerInTimeIsRetried() {
        TestCountry ee = TestCountry.onboard(onboarding, "EE");
        CallbackReceiver receiver = receiver(registeredCallbackCertificate("EE")).delay(6_000); // timeout is 3 s
        subscribe(ee, "slow", receiver);
        String tag = newBatch();

        dispatcher.run();
        JsonPath timedOut = subscription(ee, "slow");
        assertEquals(1, timedOut.getInt("failed"));
        assertEquals(1, timedOut.getInt("pending"));
        assertTrue(timedOut.getString("lastError").toLowerCase().contains("timeout"), timedOut.getString("lastError"));
        receiver.delay(0);
        later(BEYOND_BACKOFF);
        dispatcher.run();

        assertEquals(List.of(tag, tag), receiver.batchTags());
        assertEquals(0, subscription(ee, "slow").getInt("pending"));
    }

    @Test
    void aReceiverDownBeyondTheLimitIsFailingKeepsItsTasksAndResumes() {
        TestCountry cz = TestCountry.onboard(onboarding, "CZ");
        CallbackReceiver receiver = receiver(registeredCallbackCertificate("CZ"));
        subscribe(cz, "down", receiver);
        receiver.stop();
        List<String> tags = new ArrayList<>(List.of(newBatch(), newBatch()));

        for (int attempt = 0; attempt < 3; attempt++) {
            dispatcher.run();
            later(BEYOND_BACKOFF);
        }
        JsonPath failing = subscription(cz, "down");
        assertEquals("FAILING", failing.getString("state"));
        assertEquals(3, failing.getInt("consecutiveFailures"));
        assertEquals(2, failing.getInt("pending"));
        assertTrue(failing.getString("lastError").contains("Connection refused"), failing.getString("lastError"));
        tags.add(newBatch()); // a failing subscription still collects its batches
        assertEquals(3, subscription(cz, "down").getInt("pending"));

        receiver.restart();
        later(BEYOND_BACKOFF);
        dispatcher.run();

        assertEquals(tags, receiver.batchTags());
        JsonPath resumed = subscription(cz, "down");
        assertEquals("ACTIVE", resumed.getString("state"));
        assertEquals(0, resumed.getInt("pending"));
        assertEquals(3, resumed.getInt("sent"));
    }

    @Test
    void aPutResumesAFailingSubscriptionAtOnce() {
        TestCountry dk = TestCountry.onboard(onboarding, "DK");
        CallbackReceiver receiver = receiver(registeredCallbackCertificate("DK")).answer(503, 503, 503);
        subscribe(dk, "again", receiver);
        String tag = newBatch();
        for (int attempt = 0; attempt < 3; attempt++) {
            dispatcher.run();
            later(BEYOND_BACKOFF);
        }
        assertEquals("FAILING", subscription(dk, "again").getString("state"));
        later(Duration.ofSeconds(-BEYOND_BACKOFF.toSeconds() + 1)); // the backoff has not run out

        subscribe(dk, "again", receiver);
        JsonPath resumed = subscription(dk, "again");
        assertEquals("ACTIVE", resumed.getString("state"));
        assertEquals(0, resumed.getInt("consecutiveFailures"));
        assertEquals(1, resumed.getInt("pending"));
        assertNull(resumed.get("nextAttempt"));
        dispatcher.run();

        assertEquals(List.of(tag, tag, tag, tag), receiver.batchTags());
        assertEquals(0, subscription(dk, "again").getInt("pending"));
    }

    @Test
    void twoSendersOnOneDatabaseDeliverEveryTaskExactlyOnceInOrder() throws Exception {
        TestCountry fi = TestCountry.onboard(onboarding, "FI");
        CallbackReceiver receiver = receiver(registeredCallbackCertificate("FI")).delay(30);
        List<String> ids = List.of("s1", "s2", "s3", "s4");
        for (String id : ids) {
            subscribe(fi, id, receiver);
        }
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tags.add(newBatch());
        }
        CallbackDispatcher other = job.dispatcher("other-instance");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Integer> handled = new ArrayList<>();
        try {
            List<Callable<Integer>> senders = List.of(dispatcher::run, other::run);
            for (Future<Integer> result : pool.invokeAll(senders)) {
                handled.add(result.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(20, receiver.requests().size());
        assertEquals(20, handled.get(0) + handled.get(1));
        assertTrue(handled.get(0) > 0 && handled.get(1) > 0, "both senders took part: " + handled);
        Set<String> distinct = new HashSet<>();
        for (String id : ids) {
            List<String> announced = receiver.requests().stream()
                    .filter(request -> request.path().endsWith("/" + id)).map(CallbackReceiver.Request::batchTag)
                    .toList();
            assertEquals(tags, announced, "subscription " + id);
            announced.forEach(tag -> distinct.add(id + " " + tag));
        }
        assertEquals(20, distinct.size());
    }

    @Test
    void theLeaseOfACrashedSenderExpiresAndAnotherTakesOver() {
        TestCountry se = TestCountry.onboard(onboarding, "SE");
        CallbackReceiver receiver = receiver(registeredCallbackCertificate("SE"));
        subscribe(se, "lease", receiver);
        String tag = newBatch();
        Instant now = clock.instant();
        assertTrue(outbox.claim("crashed-instance", now, now.plus(Duration.ofMinutes(1))).isPresent());

        assertEquals(0, dispatcher.run());
        assertEquals(List.of(), receiver.requests());
        later(Duration.ofMinutes(1).plusSeconds(1));
        assertEquals(1, dispatcher.run());

        assertEquals(List.of(tag), receiver.batchTags());
    }

    @Test
    void aBatchTheCountryHasAlreadyDownloadedOrThatExpiredIsNotAnnounced() {
        TestCountry fr = TestCountry.onboard(onboarding, "FR");
        CallbackReceiver receiver = receiver(registeredCallbackCertificate("FR"));
        subscribe(fr, "polls-too", receiver);
        String downloaded = newBatch();
        fr.request().accept(TestCountry.PROTOBUF).header("batchTag", downloaded)
                .get("/diagnosiskeys/download/" + batchDate(downloaded)).then().statusCode(200);
        String expired = newBatch();
        Db.update(db, "UPDATE download_batch SET expired_at = ? WHERE batch_tag = ?",
                java.sql.Timestamp.from(clock.instant()), expired); // as retention marks it
        String fresh = newBatch();
        dispatcher.run();

        assertEquals(List.of(fresh), receiver.batchTags());
        JsonPath health = subscription(fr, "polls-too");
        assertEquals(2, health.getInt("skipped"));
        assertEquals(1, health.getInt("sent"));
        assertEquals(0, health.getInt("pending"));
    }

    @Test
    void theRequestGoesToTheAddressThatWasCheckedNotToAFreshLookup() throws Exception {
        TestCountry lu = TestCountry.onboard(onboarding, "LU");
        CallbackReceiver receiver = CallbackReceiver.start(registeredCallbackCertificate("LU"),
                TestPki.callbackClient(), "127.0.0.2"); // the system resolver says localhost is 127.0.0.1 or ::1
        receivers.add(receiver);
        subscribe(lu, "pinned", receiver);
        String tag = newBatch();
        InetAddress checked = InetAddress.getByName("127.0.0.2");

        assertEquals(1, dispatcherResolving(true, host -> new InetAddress[] {checked}).run());

        assertEquals(List.of(tag), receiver.batchTags());
    }

    @Test
    void anAddressThatTurnedPrivateIsRefusedAtSendTime() {
        TestCountry ie = TestCountry.onboard(onboarding, "IE");
        CallbackReceiver receiver = receiver(registeredCallbackCertificate("IE"));
        subscribe(ie, "rebound", receiver); // accepted at registration (test setting), now judged without it
        newBatch();

        dispatcherResolving(false, InetAddress::getAllByName).run();

        assertEquals(List.of(), receiver.requests());
        JsonPath health = subscription(ie, "rebound");
        assertEquals(1, health.getInt("pending"));
        assertTrue(health.getString("lastError").startsWith("URL refused at send time (NOT_PUBLIC)"),
                health.getString("lastError"));
    }

    /** A sender like the job's, but with its own URL policy. */
    private CallbackDispatcher dispatcherResolving(boolean allowPrivate, CallbackUrlPolicy.Resolver resolver) {
        return new CallbackDispatcher("test-resolver", new CallbackDispatcher.Parts(outbox, sender, registry,
                new CallbackUrlPolicy(allowPrivate, resolver), new Backoff(Duration.ofSeconds(20),
                Duration.ofMinutes(2), () -> 0), config, clock));
    }

    @Test
    void deletingASubscriptionDropsItsPendingTasks() {
        TestCountry pl = TestCountry.onboard(onboarding, "PL");
        CallbackReceiver receiver = receiver(registeredCallbackCertificate("PL"));
        subscribe(pl, "gone", receiver);
        newBatch();
        pl.request().delete("/diagnosiskeys/callback/gone").then().statusCode(200);

        assertEquals(0, dispatcher.run());
        assertEquals(0, Db.count(db, "SELECT COUNT(*) FROM callback_task"));
        assertEquals(List.of(), receiver.requests());
    }

    private static java.security.PrivateKey anchorKey() throws Exception {
        return eu.efgs.gateway.trust.Seals.readPrivateKey(java.nio.file.Files.readString(TestPki.ANCHOR_KEY));
    }

    private CallbackReceiver receiver(Pki.Credential certificate) {
        CallbackReceiver receiver = CallbackReceiver.start(certificate, TestPki.callbackClient(), "127.0.0.1");
        receivers.add(receiver);
        return receiver;
    }

    /** A receiver certificate for https://localhost, onboarded as the country's CALLBACK certificate. */
    private Pki.Credential registeredCallbackCertificate(String country) {
        Pki.Credential certificate = Pki.server("C=" + country + ",O=Test backend,CN=localhost " + System.nanoTime(),
                "localhost");
        Countries.onboard(onboarding, country, CertificateType.CALLBACK, certificate);
        return certificate;
    }

    private static void subscribe(TestCountry country, String callbackId, CallbackReceiver receiver) {
        country.request().queryParam("url", "https://localhost:" + receiver.port() + "/efgs/callback/" + callbackId)
                .put("/diagnosiskeys/callback/" + callbackId).then().statusCode(200);
    }

    /** The subscription as GET reports it to its country. */
    private static JsonPath subscription(TestCountry country, String callbackId) {
        String all = country.request().get("/diagnosiskeys/callback").then().statusCode(200).extract().asString();
        JsonPath one = new JsonPath(all).setRoot("find { it.callbackId == '" + callbackId + "' }");
        assertNotNull(one.get(), "no subscription " + callbackId + " in " + all);
        return one;
    }

    /** Uploads a few keys (as NL) and makes them a batch; returns its tag. */
    private String newBatch() {
        uploader.upload(TestCountry.newTag(), TestKeys.keys("NL", 5)).then().statusCode(201);
        return batching.createNextBatch().orElseThrow().batchTag();
    }

    private String batchDate(String batchTag) {
        return Db.query(db, "SELECT batch_date FROM download_batch WHERE batch_tag = ?", batchTag).get(0).get(0)
                .toString();
    }

    private void later(Duration duration) {
        clock.pin(clock.instant().plus(duration));
    }
}
