package eu.efgs.gateway.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.efgs.gateway.platform.GatewayApplication;
import eu.efgs.gateway.testing.GatewayTestResource;
import eu.efgs.gateway.testing.Https;
import eu.efgs.gateway.testing.Pki;
import eu.efgs.gateway.testing.TestPki;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The operator commands, run in-process exactly as {@code java -jar … cert …} runs them. */
@QuarkusTest
@QuarkusTestResource(GatewayTestResource.class)
class OnboardingCommandTest {

    @Inject
    GatewayApplication application;

    private Path dir;

    @org.junit.jupiter.api.BeforeEach
    void tempDir() throws java.io.IOException {
        dir = Files.createTempDirectory("onboarding");
    }

    record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        CommandLine line = application.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int exit = line.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path write(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private static long rows() {
        return QuarkusTransaction.requiringNew().call(() -> CertificateEntity.count());
    }

    @Test
    void onboardWithTrustAnchorKeyListAndAuthenticate() throws Exception {
        Pki.Credential de = Pki.selfSigned("C=DE,O=RKI,CN=cwa " + System.nanoTime(), Pki.KeyType.RSA_3072);
        Path pem = write("de.pem", de.pem());

        Run onboard = run("cert", "onboard", "--country", "DE", "--type", "AUTHENTICATION", "--pem", pem.toString(),
                "--trust-anchor-key", TestPki.ANCHOR_KEY.toString());

        assertEquals(0, onboard.exit(), onboard.err());
        String thumbprint = Thumbprints.of(de.certificate());
        assertTrue(onboard.out().contains(thumbprint));
        assertTrue(run("cert", "list").out().lines().anyMatch(l -> l.contains(thumbprint) && l.startsWith("DE")));
        Https.as(de).get("/diagnosiskeys/identity").then().statusCode(200);
    }

    @Test
    void sealMadeWithOpensslDgstOverThePemFileIsAccepted() throws Exception {
        Pki.Credential fr = Pki.selfSigned("C=FR,CN=openssl-sealed " + System.nanoTime(), Pki.KeyType.EC_P256);
        Path pem = write("fr.pem", fr.pem());
        Path seal = dir.resolve("fr.pem.sig");
        Process openssl = new ProcessBuilder("bash", "-c", "openssl dgst -sha256 -sign '" + TestPki.ANCHOR_KEY
                + "' '" + pem + "' | openssl base64 -A > '" + seal + "'").inheritIO().start();
        assertTrue(openssl.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, openssl.exitValue());

        Run onboard = run("cert", "onboard", "--country", "FR", "--type", "AUTHENTICATION", "--pem", pem.toString(),
                "--seal-file", seal.toString());

        assertEquals(0, onboard.exit(), onboard.err());
        Https.as(fr).get("/diagnosiskeys/identity").then().statusCode(200);
    }

    @Test
    void badInputIsRefusedAndNothingIsStored() throws Exception {
        Pki.Credential good = Pki.selfSigned("C=DE,CN=good " + System.nanoTime(), Pki.KeyType.EC_P256);
        Pki.Credential weak = Pki.selfSigned("C=DE,CN=weak", Pki.KeyType.RSA_2048);
        Pki.Credential expired = Pki.selfSigned("C=DE,CN=expired", Pki.keyPair(Pki.KeyType.EC_P256),
                Instant.now().minus(Duration.ofDays(10)), Instant.now().minus(Duration.ofDays(1)));
        Pki.Credential noCountry = Pki.selfSigned("CN=no country", Pki.KeyType.EC_P256);
        Pki.Credential twoCountries = Pki.selfSigned("C=DE,O=x,C=FR,CN=two", Pki.KeyType.EC_P256);
        Path goodPem = write("good.pem", good.pem());
        String anchorKey = TestPki.ANCHOR_KEY.toString();
        Path wrongSeal = write("wrong.sig", TestPki.seal(good.pem() + "\n"));

        List<List<String>> refused = List.of(
                List.of("--country", "DE", "--pem", write("garbage.pem", "hello").toString(), "--trust-anchor-key", anchorKey),
                List.of("--country", "DE", "--pem", write("key.pem", good.keyPem()).toString(), "--trust-anchor-key", anchorKey),
                List.of("--country", "DE", "--pem", write("both.pem", good.pem() + good.keyPem()).toString(), "--trust-anchor-key", anchorKey),
                List.of("--country", "FR", "--pem", goodPem.toString(), "--trust-anchor-key", anchorKey),
                List.of("--country", "DE", "--pem", write("expired.pem", expired.pem()).toString(), "--trust-anchor-key", anchorKey),
                List.of("--country", "DE", "--pem", write("weak.pem", weak.pem()).toString(), "--trust-anchor-key", anchorKey),
                List.of("--country", "DE", "--pem", write("none.pem", noCountry.pem()).toString(), "--trust-anchor-key", anchorKey),
                List.of("--country", "DE", "--pem", write("two.pem", twoCountries.pem()).toString(), "--trust-anchor-key", anchorKey),
                List.of("--country", "DE", "--pem", goodPem.toString(), "--seal-file", wrongSeal.toString()),
                List.of("--country", "DE", "--pem", goodPem.toString(), "--trust-anchor-key", goodPem.toString()),
                List.of("--country", "DE", "--pem", goodPem.toString(), "--trust-anchor-key",
                        write("other.key", good.keyPem()).toString()));
        long before = rows();
        for (List<String> args : refused) {
            var command = new java.util.ArrayList<>(List.of("cert", "onboard", "--type", "AUTHENTICATION"));
            command.addAll(args);
            Run result = run(command.toArray(String[]::new));
            assertEquals(2, result.exit(), () -> args + " → " + result.out() + result.err());
            assertTrue(result.err().startsWith("Refused"), result.err());
        }
        assertEquals(before, rows());
    }

    @Test
    void duplicateOnboardingIsRefused() throws Exception {
        Pki.Credential it = Pki.selfSigned("C=IT,CN=dup " + System.nanoTime(), Pki.KeyType.EC_P256);
        Path pem = write("it.pem", it.pem());
        String[] args = {"cert", "onboard", "--country", "IT", "--type", "SIGNING", "--pem", pem.toString(),
            "--trust-anchor-key", TestPki.ANCHOR_KEY.toString()};
        assertEquals(0, run(args).exit());
        Run again = run(args);
        assertEquals(2, again.exit());
        assertTrue(again.err().contains("ALREADY_REGISTERED"), again.err());
    }

    @Test
    void revokeOfUnknownThumbprintFails() {
        assertEquals(2, run("cert", "revoke", "--thumbprint", "ab".repeat(32)).exit());
    }
}
