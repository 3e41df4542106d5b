package eu.efgs.gateway.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.efgs.gateway.batching.BatchMaker;
import eu.efgs.gateway.batching.BatchingService;
import eu.efgs.gateway.platform.MutualTlsClient;
import eu.efgs.gateway.signing.BatchSigner;
import eu.efgs.gateway.testing.GatewayTestResource;
import eu.efgs.gateway.testing.Https;
import eu.efgs.gateway.testing.TestCountry;
import eu.efgs.gateway.testing.TestData;
import eu.efgs.gateway.testing.TestPki;
import eu.efgs.gateway.trust.CertificateLifecycle;
import eu.efgs.gateway.trust.CertificatePem;
import eu.interop.DiagnosisKey;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The bundled client's upload, download and audit against the running gateway, over real mutual TLS. */
@QuarkusTest
@QuarkusTestResource(GatewayTestResource.class)
class ClientRoundTripTest {

    @Inject
    CertificateLifecycle onboarding;

    @Inject
    BatchingService batching;

    @Inject
    TestData data;

    private static GatewayClient client(TestCountry country) throws Exception {
        var http = MutualTlsClient.create(country.auth().certificate(), country.auth().key(),
                Optional.of(CertificatePem.parse(Files.readString(TestPki.SERVER))));
        return new GatewayClient(http, URI.create("https://localhost:" + Https.httpsPort()), 40);
    }

    @Test
    void uploadDownloadAudit() throws Exception {
        data.reset(); // the batches below hold exactly these uploads
        TestCountry de = TestCountry.onboard(onboarding, "DE");
        TestCountry fr = TestCountry.onboard(onboarding, "FR");
        BatchSigner signer = new BatchSigner(de.signing().certificate(), de.signing().key());
        List<DiagnosisKey> first = KeyGenerator.keys("DE", List.of("FR", "NL"), 10, Instant.now());
        assertTrue(client(de).upload(TestCountry.newTag(), first, signer).ok());

        // 90 keys, two of them already stored: split into parts of 40, duplicates dropped, the rest re-signed.
        List<DiagnosisKey> second = new ArrayList<>(KeyGenerator.keys("DE", List.of("FR"), 88, Instant.now()));
        second.add(5, first.get(0));
        second.add(50, first.get(1));
        String tag = TestCountry.newTag();
        GatewayClient.UploadResult result = client(de).upload(tag, second, signer);
        assertTrue(result.ok(), result::toString);
        assertEquals(88, result.stored());
        assertEquals(2, result.duplicates());
        assertEquals(List.of(tag, tag + "-2", tag + "-3"), result.batchTags());

        // The gateway allows 5000 keys; a client that assumes more is answered 413 and splits.
        List<DiagnosisKey> large = KeyGenerator.keys("DE", List.of("FR"), 5002, Instant.now());
        GatewayClient.UploadResult split = new GatewayClient(client(de).http(), client(de).gateway(), 10_000)
                .upload(TestCountry.newTag() + "-large", large, signer);
        assertTrue(split.ok(), split::toString);
        assertEquals(5002, split.stored());
        assertEquals(2, split.batchTags().size());

        List<String> batchTags = batching.run().stream().map(BatchMaker.CreatedBatch::batchTag).toList();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<DiagnosisKey> downloaded = new ArrayList<>();
        client(fr).downloadDay(today).stream().filter(batch -> batchTags.contains(batch.batchTag()))
                .forEach(batch -> downloaded.addAll(batch.keys()));
        assertEquals(98 + 5002, downloaded.size());
        assertTrue(downloaded.containsAll(first) && downloaded.containsAll(second) && downloaded.containsAll(large));

        StringWriter report = new StringWriter();
        var http = MutualTlsClient.create(fr.auth().certificate(), fr.auth().key(),
                Optional.of(CertificatePem.parse(Files.readString(TestPki.SERVER))));
        Auditor auditor = new Auditor(http, URI.create("https://localhost:" + Https.httpsPort()),
                CertificatePem.parse(Files.readString(TestPki.ANCHOR)), "FR", new PrintWriter(report, true));
        for (String batchTag : batchTags) {
            assertEquals(0, auditor.audit(today, batchTag), report::toString);
        }
        assertEquals(6, report.toString().lines().filter(line -> line.endsWith(": OK")).count(), report::toString);
    }
}
