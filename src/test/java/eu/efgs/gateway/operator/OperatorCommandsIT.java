package eu.efgs.gateway.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.efgs.gateway.benchmark.LoopbackPorts;
import eu.efgs.gateway.quickstart.EmbeddedDatabase;
import eu.efgs.gateway.testing.ItDatabase;
import eu.efgs.gateway.testing.PackagedGateway;
import eu.efgs.gateway.testing.Pki;
import eu.efgs.gateway.testing.TestKeys;
import eu.efgs.gateway.testing.TestPki;
import eu.efgs.gateway.testing.TestSigner;
import eu.efgs.gateway.trust.Thumbprints;
import eu.interop.DiagnosisKey;
import eu.interop.DiagnosisKeyBatch;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator commands as an operator runs them: {@code java -jar quarkus-run.jar cert|batch ...} in a second
 * process beside running gateways (also packaged, in processes of their own), with the README's production
 * settings only. Revocation and onboarding count on every instance from the very next request.
 */
class OperatorCommandsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, String> settings;
    private static EmbeddedDatabase.Connection db;
    private static PackagedGateway first;
    private static PackagedGateway second;
    /** Onboarded before the gateways start, ending within 30 days: each start warns about it. */
    private static Pki.Credential endingSoon;

    @TempDir
    Path dir;

    @BeforeAll
    static void twoGatewaysOnOneDatabase() throws Exception {
        db = ItDatabase.fresh();
        Path secrets = Files.createTempDirectory(Path.of("target"), "it-secrets");
        settings = PackagedGateway.productionSettings(db.jdbcUrl(), db.username(), db.password(),
                EmbeddedDatabase.developmentEncryptionKey(secrets));
        Instant now = Instant.now();
        endingSoon = Pki.selfSigned("C=BE,CN=be-sign " + UUID.randomUUID(), Pki.keyPair(Pki.KeyType.EC_P256),
                now.minus(Duration.ofDays(300)), now.plus(Duration.ofDays(12)));
        onboard(secrets, "BE", "SIGNING", endingSoon); // before any gateway ran: the command migrates the schema
        first = PackagedGateway.start(settings);
        second = PackagedGateway.start(settings);
    }

    @AfterAll
    static void stop() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    @Test
    void onboardingAndRevocationCountOnEveryInstanceFromTheNextRequest() throws Exception {
        Pki.Credential auth = Pki.selfSigned("C=NL,CN=nl-auth " + UUID.randomUUID(), Pki.KeyType.EC_P256);
        Pki.Credential signing = Pki.selfSigned("C=NL,CN=nl-sign " + UUID.randomUUID(), Pki.KeyType.EC_P256);
        for (PackagedGateway gateway : List.of(first, second)) { // an unknown certificate, asked about first
            assertEquals(403, identity(gateway, auth).statusCode(), "not onboarded yet");
        }
        onboard("NL", "AUTHENTICATION", auth);
        onboard("NL", "SIGNING", signing);
        for (PackagedGateway gateway : List.of(first, second)) {
            assertEquals(200, identity(gateway, auth).statusCode(), "onboarded just now");
            List<DiagnosisKey> keys = TestKeys.keys("NL", 5); // each instance has checked the signer once
            assertEquals(201, upload(gateway, auth, keys, TestSigner.sign(keys, signing)).statusCode());
        }

        revoke(signing);
        for (PackagedGateway gateway : List.of(first, second)) {
            List<DiagnosisKey> more = TestKeys.keys("NL", 5);
            HttpResponse<String> refused = upload(gateway, auth, more, TestSigner.sign(more, signing));
            assertEquals(400, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("SIGNATURE_CERTIFICATE_REVOKED"), refused.body());
        }
        revoke(auth);
        for (PackagedGateway gateway : List.of(first, second)) {
            HttpResponse<String> refused = identity(gateway, auth);
            assertEquals(403, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("CLIENT_CERTIFICATE_REVOKED"), refused.body());
        }
    }

    @Test
    void aSealMadeOfflineWithOpensslOnboardsAsTheOriginalsToolingDid() throws Exception {
        Pki.Credential auth = Pki.selfSigned("C=AT,CN=at-auth " + UUID.randomUUID(), Pki.KeyType.EC_P256);
        Path pem = Files.writeString(dir.resolve("at-auth.pem"), auth.pem());
        Path seal = dir.resolve("at-auth.pem.sig");
        Process openssl = new ProcessBuilder("sh", "-c", "openssl dgst -sha256 -sign \"$0\" \"$1\" | openssl base64 -A "
                + "> \"$2\"", TestPki.ANCHOR_KEY.toString(), pem.toString(), seal.toString()).inheritIO().start();
        assertEquals(0, openssl.waitFor(), "openssl dgst -sha256 -sign ... | openssl base64 -A");

        PackagedGateway.Run run = PackagedGateway.command(settings, "cert", "onboard", "--country", "AT", "--type",
                "AUTHENTICATION", "--pem", pem.toString(), "--seal-file", seal.toString());
        assertEquals(0, run.exit(), run.err());
        for (PackagedGateway gateway : List.of(first, second)) {
            assertEquals(200, identity(gateway, auth).statusCode(), "sealed with openssl, onboarded by the command");
        }
        JsonNode shown = JSON.readTree(PackagedGateway.command(settings, "cert", "show",
                Thumbprints.of(auth.certificate()), "--json").out());
        assertEquals("INTACT", shown.get("integrity").asText(), shown.toString());
    }

    @Test
    void listShowAndBatchCommandsWithJson() throws Exception {
        Pki.Credential auth = Pki.selfSigned("C=FR,CN=fr-auth " + UUID.randomUUID(), Pki.KeyType.EC_P256);
        Pki.Credential signing = Pki.selfSigned("C=FR,CN=fr-sign " + UUID.randomUUID(), Pki.KeyType.EC_P256);
        onboard("FR", "AUTHENTICATION", auth);
        onboard("FR", "SIGNING", signing);
        String thumbprint = Thumbprints.of(auth.certificate());

        PackagedGateway.Run list = PackagedGateway.command(settings, "cert", "list");
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().lines().anyMatch(line -> line.startsWith("FR") && line.contains("ACTIVE")
                && line.contains(thumbprint)), list.out());
        System.out.printf("cert list took %d ms%n", list.took().toMillis());

        JsonNode all = JSON.readTree(PackagedGateway.command(settings, "cert", "list", "--json").out());
        JsonNode entry = find(all, thumbprint);
        assertEquals("ACTIVE", entry.get("status").asText());
        assertEquals("AUTHENTICATION", entry.get("type").asText());
        assertEquals(auth.certificate().getNotAfter().toInstant().toString(), entry.get("notAfter").asText());
        assertTrue(entry.get("daysLeft").asLong() >= 364, entry.toString());

        JsonNode shown = JSON.readTree(PackagedGateway.command(settings, "cert", "show", thumbprint, "--json").out());
        assertEquals("INTACT", shown.get("integrity").asText());
        assertTrue(shown.get("subject").asText().contains("C=FR"), shown.toString());

        List<DiagnosisKey> keys = TestKeys.keys("FR", 7);
        assertEquals(201, upload(first, auth, keys, TestSigner.sign(keys, signing)).statusCode());
        PackagedGateway.Run run = PackagedGateway.command(settings, "batch", "run");
        assertEquals(0, run.exit(), run.err());
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        JsonNode batches = JSON.readTree(PackagedGateway.command(settings, "batch", "list", "--date", today, "--json")
                .out());
        JsonNode last = batches.get(batches.size() - 1);
        assertTrue(last.get("batchTag").asText().startsWith(today.replace("-", "") + "-"), batches.toString());
        assertEquals("null", String.valueOf(last.get("nextBatchTag").textValue()));
        assertTrue(last.get("keys").asInt() >= 7);
    }

    @Test
    void errorsAreOneLineWithDocumentedExitCodes() throws Exception {
        PackagedGateway.Run unknown = PackagedGateway.command(settings, "cert", "revoke", "--thumbprint",
                "ab".repeat(32));
        assertEquals(2, unknown.exit());
        assertOneLine(unknown.err(), "Refused");

        Map<String, String> noAnchor = new HashMap<>(settings);
        noAnchor.put("EFGS_TRUST_ANCHOR_CERTIFICATE", dir.resolve("missing.pem").toString());
        PackagedGateway.Run configuration = PackagedGateway.command(noAnchor, "cert", "list");
        assertEquals(3, configuration.exit(), configuration.err());
        assertOneLine(configuration.err(), "Configuration");

        Map<String, String> noDatabase = new HashMap<>(settings);
        noDatabase.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:mysql://127.0.0.1:" + LoopbackPorts.unused() + "/efgs");
        PackagedGateway.Run unreachable = PackagedGateway.command(noDatabase, "cert", "list");
        assertEquals(1, unreachable.exit(), unreachable.err());
        assertOneLine(unreachable.err(), "Failed: the database cannot be reached");

        Pki.Credential weak = Pki.selfSigned("C=DE,CN=weak", Pki.KeyType.RSA_2048);
        Path pem = Files.writeString(dir.resolve("weak.pem"), weak.pem());
        PackagedGateway.Run refused = PackagedGateway.command(settings, "cert", "onboard", "--country", "DE",
                "--type", "AUTHENTICATION", "--pem", pem.toString(), "--trust-anchor-key",
                TestPki.ANCHOR_KEY.toString());
        assertEquals(2, refused.exit());
        assertOneLine(refused.err(), "Refused (KEY_TOO_WEAK)");
    }

    @Test
    void aGatewayWarnsAtStartAboutACertificateEndingSoonAndListShowsTamperedRows() throws Exception {
        String soon = Thumbprints.of(endingSoon.certificate());
        for (PackagedGateway gateway : List.of(first, second)) {
            assertTrue(gateway.log().lines().anyMatch(line -> line.contains(" WARN ")
                    && line.contains("Certificate BE SIGNING " + soon + " expires")), "start-up warning: " + soon);
        }

        Pki.Credential moved = Pki.selfSigned("C=LU,CN=lu-auth " + UUID.randomUUID(), Pki.KeyType.EC_P256);
        onboard("LU", "AUTHENTICATION", moved);
        String thumbprint = Thumbprints.of(moved.certificate());
        try (Connection sql = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             PreparedStatement update = sql.prepareStatement(
                     "UPDATE certificate SET country = 'DE' WHERE thumbprint = ?")) {
            update.setString(1, thumbprint); // a database write that would let LU's certificate speak for DE
            assertEquals(1, update.executeUpdate());
        }
        JsonNode all = JSON.readTree(PackagedGateway.command(settings, "cert", "list", "--json").out());
        assertEquals("TAMPERED", find(all, thumbprint).get("status").asText());
        assertEquals("ACTIVE", find(all, soon).get("status").asText(), find(all, soon).toString());
        assertTrue(find(all, soon).get("daysLeft").asLong() <= 12, find(all, soon).toString());
        for (PackagedGateway gateway : List.of(first, second)) {
            assertEquals(403, identity(gateway, moved).statusCode(), "a tampered row is no registration");
        }
    }

    private void onboard(String country, String type, Pki.Credential credential) throws Exception {
        onboard(dir, country, type, credential);
    }

    private static void onboard(Path dir, String country, String type, Pki.Credential credential) throws Exception {
        Path pem = Files.writeString(dir.resolve(UUID.randomUUID() + ".pem"), credential.pem());
        PackagedGateway.Run run = PackagedGateway.command(settings, "cert", "onboard", "--country", country,
                "--type", type, "--pem", pem.toString(), "--trust-anchor-key", TestPki.ANCHOR_KEY.toString());
        assertEquals(0, run.exit(), run.err());
    }

    private static void revoke(Pki.Credential credential) {
        PackagedGateway.Run run = PackagedGateway.command(settings, "cert", "revoke", "--thumbprint",
                Thumbprints.of(credential.certificate()));
        assertEquals(0, run.exit(), run.err());
    }

    private static HttpResponse<String> identity(PackagedGateway gateway, Pki.Credential client) throws Exception {
        return client(client).send(HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/diagnosiskeys/identity"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> upload(PackagedGateway gateway, Pki.Credential client, List<DiagnosisKey> keys,
                                               String signature) throws Exception {
        return client(client).send(HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/diagnosiskeys/upload"))
                .header("Content-Type", "application/protobuf; version=1.0")
                .header("batchTag", "it-" + UUID.randomUUID()).header("batchSignature", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(DiagnosisKeyBatch.newBuilder().addAllKeys(keys).build()
                        .toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient client(Pki.Credential credential) {
        return HttpClient.newBuilder().sslContext(eu.efgs.gateway.testing.Https.context(credential))
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static JsonNode find(JsonNode array, String thumbprint) {
        for (JsonNode node : array) {
            if (thumbprint.equals(node.get("thumbprint").asText())) {
                return node;
            }
        }
        throw new AssertionError(thumbprint + " not in " + array);
    }

    private static void assertOneLine(String err, String start) {
        assertTrue(err.startsWith(start), err);
        assertEquals(1, err.strip().lines().count(), "one line, no stack trace: " + err);
    }

    static {
        // the HTTPS client trusts the test server's certificate by name "localhost"
        System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
    }

    @SuppressWarnings("unused")
    private static Instant now() {
        return Instant.now();
    }
}
