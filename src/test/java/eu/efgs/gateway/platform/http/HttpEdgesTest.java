package eu.efgs.gateway.platform.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.efgs.gateway.testing.Countries;
import eu.efgs.gateway.testing.GatewayTestResource;
import eu.efgs.gateway.testing.Https;
import eu.efgs.gateway.testing.LogCapture;
import eu.efgs.gateway.testing.Pki;
import eu.efgs.gateway.testing.RawHttp;
import eu.efgs.gateway.testing.TestCountry;
import eu.efgs.gateway.testing.TestKeys;
import eu.efgs.gateway.testing.TightEdgesProfile;
import eu.efgs.gateway.trust.CertificateLifecycle;
import eu.efgs.gateway.trust.CertificateType;
import eu.interop.DiagnosisKey;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The edges of the API ports over real sockets: request ids, strict HTTP/1.x, time limits for slow clients,
 * and no ERROR in the log for any of it (header and body timeouts 1 s, request timeout 2 s, one upload turn).
 */
@QuarkusTest
@QuarkusTestResource(GatewayTestResource.class)
@TestProfile(TightEdgesProfile.class)
class HttpEdgesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(8);

    @Inject
    CertificateLifecycle onboarding;

    @Inject
    AgroalDataSource db;

    private Pki.Credential de;

    @BeforeEach
    void onboard() {
        de = Countries.onboarded(onboarding, "DE", CertificateType.AUTHENTICATION);
    }

    @Test
    void everyAnswerCarriesARequestIdThatItsLogLinesCarryToo() {
        TestCountry nl = TestCountry.onboard(onboarding, "NL");
        List<DiagnosisKey> keys = TestKeys.keys("NL", 3);
        List<DiagnosisKey> refusedKeys = List.of(keys.get(0).toBuilder().setRollingPeriod(0).build());
        try (LogCapture logs = LogCapture.start()) {
            Response stored = nl.upload(TestCountry.newTag(), keys);
            stored.then().statusCode(201);
            nl.upload(TestCountry.newTag(), refusedKeys).then().statusCode(400);
            String id = stored.header(RequestEdges.REQUEST_ID);
            assertNotNull(id);
            assertTrue(logs.records().stream().anyMatch(r -> LogCapture.message(r).contains("stored")
                    && id.equals(LogCapture.requestId(r))), "the upload's log line carries " + id);
            for (LogRecord record : logs.records()) { // neither key material nor client addresses are logged
                String line = LogCapture.message(record);
                assertFalse(line.contains("127.0.0.1"), line);
                keys.forEach(key -> assertFalse(line.contains(Base64.getEncoder().encodeToString(
                        key.getKeyData().toByteArray())), line));
            }
        }
        String refused = Https.as(de).get("/diagnosiskeys/nowhere").then().statusCode(404).extract()
                .header(RequestEdges.REQUEST_ID);
        String plain = Https.plainFrom("127.0.0.1").get("/diagnosiskeys/identity").then().statusCode(403).extract()
                .header(RequestEdges.REQUEST_ID);
        assertNotNull(refused);
        assertNotEquals(refused, plain);
    }

    @Test
    void ambiguousRequestHeadsAreRefusedAndTheirConnectionsClosed() {
        try (LogCapture logs = LogCapture.start()) {
            assertRefused(RawHttp.plain("127.0.0.1"),
                    "GET /diagnosiskeys/identity HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
                    "HTTP_HOST_INVALID");
            assertRefused(RawHttp.plain("127.0.0.1"), "GET /diagnosiskeys/identity HTTP/1.1\r\n\r\n",
                    "HTTP_HOST_INVALID");
            assertRefused(RawHttp.plain("127.0.0.1"), "GET /diagnosiskeys/identity HTTP/9.9\r\nHost: a\r\n\r\n",
                    "HTTP_VERSION_INVALID");
            assertRefused(RawHttp.plain("127.0.0.1"), "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "HTTP_VERSION_INVALID");
            assertRefused(RawHttp.tls(de), "POST /diagnosiskeys/upload HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "HTTP_FRAMING_CONFLICT");
            assertRefused(RawHttp.plain("127.0.0.1"), "POST /diagnosiskeys/upload HTTP/1.0\r\nHost: a\r\n"
                    + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "HTTP_FRAMING_CONFLICT");
            assertRefused(RawHttp.tls(de), "POST /diagnosiskeys/upload HTTP/1.1\r\nHost: a\r\n"
                    + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", "HTTP_FRAMING_CONFLICT");
            assertEquals(List.of(), logs.errors());
        }
    }

    @Test
    void aChunkedRequestOnAConnectionWhoseParserDroppedItsLengthIsAnsweredThenTheConnectionCloses() {
        try (RawHttp connection = RawHttp.plain("127.0.0.1")) {
            RawHttp.Reply reply = connection.send("GET /diagnosiskeys/identity HTTP/1.1\r\nHost: a\r\n"
                    + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n").read(PATIENCE);
            assertEquals("close", reply.header("Connection"));
            assertTrue(reply.closed());
        }
    }

    @Test
    void aClientTricklingItsHeadersIsDisconnectedAfterTheHeaderTimeout() {
        for (RawHttp connection : List.of(RawHttp.tls(de), RawHttp.plain("127.0.0.1"))) {
            try (connection) {
                long started = System.nanoTime();
                boolean stillOpen = connection.trickle("GET /diagnosiskeys/identity HTTP/1.1\r\nHost: a\r\n"
                        + "X-Padding: " + "a".repeat(60), Duration.ofMillis(100));
                RawHttp.Reply reply = connection.read(PATIENCE);
                assertTrue(!stillOpen || reply.closed(), "the server hung up on the trickling client");
                assertEquals("", reply.text(), "no answer to an incomplete request head");
                assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(PATIENCE) < 0);
            }
        }
    }

    @Test
    void aSlowBodyIsAnswered408AndTheConnectionClosed() {
        try (RawHttp connection = RawHttp.tls(de)) {
            RawHttp.Reply reply = connection.send("POST /diagnosiskeys/upload HTTP/1.1\r\nHost: a\r\n"
                    + "Content-Type: application/json; version=1.0\r\nContent-Length: 100\r\n\r\n{\"keys\"")
                    .read(PATIENCE);
            assertEquals(408, reply.status(), reply.text());
            assertTrue(reply.body().contains("REQUEST_BODY_TIMEOUT"));
            assertTrue(reply.closed());
        }
    }

    @Test
    void anUploadFindingNoTurnIsAnswered503WithRetryAfterAndTheTurnComesBackWhenTheFirstEnds()
            throws InterruptedException {
        String upload = uploadHead("busy-1") + "Content-Length: 100\r\n\r\n";
        try (LogCapture logs = LogCapture.start(); RawHttp first = RawHttp.tls(de); RawHttp second = RawHttp.tls(de)) {
            first.send(upload + "{\"keys\""); // holds the only turn while its body trickles (1 s body timeout)
            Thread.sleep(150);
            RawHttp.Reply busy = second.send(upload.replace("Content-Length: 100", "Content-Length: 2") + "{}")
                    .readResponse(PATIENCE);
            assertEquals(503, busy.status(), busy.text());
            assertTrue(busy.body().contains("UPLOADS_BUSY"), busy.text());
            assertNotNull(busy.header("Retry-After"), busy.text());
            assertEquals(408, first.read(PATIENCE).status(), "the first upload kept its turn until its body timed out");
            Response after = unsignedUpload("busy-2");
            assertNotEquals(503, after.statusCode(), "the turn came back: " + after.asString());
            assertEquals(List.of(), logs.errors());
        }
    }

    @Test
    void aClientAbortingItsUploadOrBreakingItsChunksLogsNoErrorAndGivesItsTurnBack() throws InterruptedException {
        String upload = uploadHead("abort-1");
        try (LogCapture logs = LogCapture.start()) {
            for (int i = 0; i < 10; i++) { // each holds the only upload turn; one turn not given back and all is 503
                try (RawHttp aborted = RawHttp.tls(de)) {
                    aborted.send(upload + "Content-Length: 5000\r\n\r\n{\"keys\":[");
                    Thread.sleep(50);
                } // gone mid-body
                try (RawHttp broken = RawHttp.tls(de)) {
                    RawHttp.Reply reply = broken.send(upload + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n"
                            + "\r\n").read(PATIENCE);
                    assertTrue(reply.closed(), "no further request on a connection whose framing broke");
                    assertTrue(reply.text().isEmpty() || reply.status() == 400, reply.text());
                }
            }
            Response after = unsignedUpload("abort-2");
            assertNotEquals(503, after.statusCode(), "every turn came back: " + after.asString());
            assertEquals(List.of(), logs.errors());
        }
    }

    @Test
    void aRequestNotAnsweredWithinTheRequestTimeoutIs503WithRetryAfter() throws Exception {
        TestCountry nl = TestCountry.onboard(onboarding, "NL");
        try (LogCapture logs = LogCapture.start(); Connection other = db.getConnection();
             Statement lock = other.createStatement()) {
            lock.execute("LOCK TABLES upload_batch WRITE"); // the upload's write waits, as behind a stuck instance
            ExecutorService client = Executors.newSingleThreadExecutor();
            try {
                long started = System.nanoTime();
                Response answer = client.submit(() -> nl.upload(TestCountry.newTag(), TestKeys.keys("NL", 3)))
                        .get(PATIENCE.toSeconds(), TimeUnit.SECONDS); // without the bound: no answer until unlocked
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertEquals(503, answer.statusCode(), answer.asString());
                assertEquals("REQUEST_TIMEOUT", answer.jsonPath().getString("code"));
                assertNotNull(answer.header("Retry-After"));
                assertTrue(took.compareTo(Duration.ofMillis(1900)) >= 0 && took.compareTo(PATIENCE) < 0,
                        "answered at the 2 s request timeout: " + took);
            } finally {
                lock.execute("UNLOCK TABLES");
                client.shutdownNow();
            }
            assertEquals(List.of(), logs.errors());
        }
    }

    @Test
    void keepAliveServesRequestAfterRequestThenAnIdleConnectionIsClosed() {
        try (RawHttp connection = RawHttp.tls(de)) {
            for (int i = 0; i < 3; i++) {
                RawHttp.Reply reply = connection.send("GET /diagnosiskeys/identity HTTP/1.1\r\nHost: a\r\n\r\n")
                        .readResponse(PATIENCE);
                assertEquals(200, reply.status(), reply.text());
                assertFalse(reply.closed());
            }
            assertTrue(connection.read(PATIENCE).closed(), "idle beyond the header timeout");
        }
    }

    @Test
    void managementPortAnswersOnLoopbackOnlyAndWithItsToken() {
        given().port(Https.managementPort()).get("/q/health/ready").then().statusCode(401);
        given().port(Https.managementPort()).header("Authorization", "Bearer " + TightEdgesProfile.MANAGEMENT_TOKEN)
                .get("/q/health/ready").then().statusCode(200);
        assertThrows(IOException.class, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), Https.managementPort()), 2000);
            }
        }, "the management port does not listen beyond 127.0.0.1");
    }

    /** An upload's request head up to its framing headers (Content-Length or Transfer-Encoding come next). */
    private static String uploadHead(String batchTag) {
        return "POST /diagnosiskeys/upload HTTP/1.1\r\nHost: a\r\nContent-Type: application/json; version=1.0\r\n"
                + "batchTag: " + batchTag + "\r\nbatchSignature: AAAA\r\n";
    }

    /** A complete upload that passes admission and is then refused for its signature: shows a turn was free. */
    private Response unsignedUpload(String batchTag) {
        return Https.as(de).contentType("application/json; version=1.0").header("batchTag", batchTag)
                .header("batchSignature", "AAAA").body("{}").post("/diagnosiskeys/upload");
    }

    private static void assertRefused(RawHttp connection, String request, String code) {
        try (connection) {
            RawHttp.Reply reply = connection.send(request).read(PATIENCE);
            assertEquals(400, reply.status(), reply.text());
            assertTrue(reply.body().contains(code), reply.text());
            assertNotNull(reply.header(RequestEdges.REQUEST_ID));
            assertTrue(reply.closed(), "connection closed after " + code);
        }
    }
}
