package eu.efgs.gateway.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.efgs.gateway.batching.BatchingService;
import eu.efgs.gateway.batching.SliceFormat;
import eu.efgs.gateway.download.BatchRepository;
import eu.efgs.gateway.keys.PayloadCipher;
import eu.efgs.gateway.operator.OperatorCommands;
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
import eu.efgs.gateway.trust.Thumbprints;
import eu.interop.DiagnosisKeyBatch;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The auditor command against the running test gateway, over real mutual TLS. The auditor checks every batch of
 * the day, so the honest run goes first and each tampering test looks for its own batch's finding.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@QuarkusTestResource(GatewayTestResource.class)
class AuditorCommandTest {

    @Inject
    CertificateLifecycle onboarding;

    @Inject
    BatchingService batching;

    @Inject
    TestData data;

    @Inject
    BatchRepository batches;

    @Inject
    PayloadCipher cipher;

    @Inject
    AgroalDataSource db;

    @Inject
    TestClock clock;

    private Path dir;
    private TestCountry de;
    private String batchTag;

    record Run(int exit, String out) {
    }

    @BeforeEach
    void batchAndAuditor() throws Exception {
        data.reset(); // the batch below holds exactly these uploads
        de = TestCountry.onboard(onboarding, "DE");
        TestCountry fr = TestCountry.onboard(onboarding, "FR");
        TestCountry it = TestCountry.onboard(onboarding, "IT");
        de.upload(TestCountry.newTag(), TestKeys.keys("DE", 4)).then().statusCode(201);
        fr.upload(TestCountry.newTag(), TestKeys.keys("FR", 6)).then().statusCode(201);
        batchTag = batching.run().get(0).batchTag();
        dir = Files.createTempDirectory("auditor");
        Files.writeString(dir.resolve("it.pem"), it.auth().pem());
        Files.writeString(dir.resolve("it.key"), it.auth().keyPem());
        Files.writeString(dir.resolve("server.pem"), Files.readString(TestPki.SERVER));
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private Run audit(Path anchor) {
        CommandLine line = OperatorCommands.commandLine(); // audit talks HTTPS only: in-process is as real
        StringWriter out = new StringWriter();
        line.setOut(new PrintWriter(out, true));
        int exit = line.execute("audit", "--url", "https://localhost:" + Https.httpsPort(),
                "--cert", dir.resolve("it.pem").toString(), "--key", dir.resolve("it.key").toString(),
                "--ca", dir.resolve("server.pem").toString(), "--trust-anchor", anchor.toString(),
                "--date", LocalDate.now(ZoneOffset.UTC).toString());
        return new Run(exit, out.toString());
    }

    @Test
    @Order(1)
    void honestDataPasses() {
        Run run = audit(TestPki.ANCHOR);
        assertEquals(0, run.exit(), run.out());
        assertTrue(run.out().contains(batchTag + " slice 0 (DE, 4 keys): OK"), run.out());
        assertTrue(run.out().contains(batchTag + " slice 1 (FR, 6 keys): OK"), run.out());
    }

    @Test
    void aTamperedStoredKeyFailsAndNamesBatchAndSlice() throws Exception {
        List<Object> row = Db.query(db, "SELECT s.id, s.key_id, s.protobuf FROM download_slice s JOIN download_batch b "
                + "ON b.id = s.download_batch_id WHERE b.batch_tag = ? AND s.slice_index = 1", batchTag).get(0);
        String aad = SliceFormat.PROTOBUF.aad(batchTag, 1);
        DiagnosisKeyBatch slice = DiagnosisKeyBatch.parseFrom(cipher.decrypt((String) row.get(1),
                (byte[]) row.get(2), aad));
        DiagnosisKeyBatch altered = slice.toBuilder().setKeys(0, slice.getKeys(0).toBuilder()
                .setTransmissionRiskLevel((slice.getKeys(0).getTransmissionRiskLevel() + 1) % 9)).build();
        // An insider with database and encryption key rewrites one key of the FR upload.
        Db.update(db, "UPDATE download_slice SET protobuf = ?, key_id = ? WHERE id = ?",
                cipher.encrypt(altered.toByteArray(), aad), cipher.currentKeyId(), row.get(0));
        Db.update(db, "UPDATE download_slice SET json = ?, key_id = ? WHERE id = ?",
                cipher.encrypt(new byte[0], SliceFormat.JSON.aad(batchTag, 1)), cipher.currentKeyId(), row.get(0));
        batches.forget(((Number) Db.query(db, "SELECT id FROM download_batch WHERE batch_tag = ?", batchTag)
                .get(0).get(0)).longValue());

        Run run = audit(TestPki.ANCHOR);

        assertEquals(1, run.exit(), run.out());
        assertTrue(run.out().contains(batchTag + " slice 1 (FR, 6 keys): FAILED: batch signature does not verify"),
                run.out());
        assertTrue(run.out().contains(batchTag + " slice 0 (DE, 4 keys): OK"), run.out());
    }

    @Test
    void aTamperedCertificateRowFails() {
        Db.update(db, "UPDATE certificate SET raw_data = CONCAT(raw_data, '\\n') WHERE thumbprint = ?",
                Thumbprints.of(de.signing().certificate()));
        clock.pin(Instant.now().plus(Duration.ofMinutes(2))); // past the registry cache's lifetime

        Run run = audit(TestPki.ANCHOR);

        assertEquals(1, run.exit(), run.out());
        assertTrue(run.out().contains(batchTag + " slice 0 (DE, 4 keys): FAILED: signingCertificate missing"),
                run.out());
    }

    @Test
    void aWrongTrustAnchorFails() throws Exception {
        Path other = Files.writeString(dir.resolve("other-anchor.pem"),
                Pki.selfSigned("C=EU,CN=not the anchor", Pki.KeyType.RSA_3072).pem());
        Run run = audit(other);
        assertEquals(1, run.exit(), run.out());
        assertTrue(run.out().contains("seal does not verify with the trust anchor"), run.out());
    }
}
