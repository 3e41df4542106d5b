package eu.efgs.gateway.operator;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.efgs.gateway.benchmark.LoopbackPorts;
import eu.efgs.gateway.quickstart.EmbeddedDatabase;
import eu.efgs.gateway.testing.ItDatabase;
import eu.efgs.gateway.testing.PackagedGateway;
import eu.efgs.gateway.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged gateway refuses to serve with a wrong encryption key or without its trust anchor, as an operator
 * meets it: {@code java -jar quarkus-run.jar} ends on its own with a non-zero exit and says what is wrong.
 */
class StartupRefusalIT {

    @TempDir
    Path dir;

    private Map<String, String> settings;

    @BeforeEach
    void productionSettings() throws Exception {
        EmbeddedDatabase.Connection db = ItDatabase.fresh();
        Path secrets = Files.createTempDirectory(Path.of("target"), "it-secrets");
        settings = PackagedGateway.productionSettings(db.jdbcUrl(), db.username(), db.password(),
                EmbeddedDatabase.developmentEncryptionKey(secrets));
    }

    @Test
    void anotherKeyUnderTheIdTheDatabaseWasWrittenWithIsRefused() {
        PackagedGateway.start(settings).close(); // the first start registers the key's check value
        Map<String, String> otherKey = new HashMap<>(settings);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        otherKey.put("EFGS_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(key));

        PackagedGateway.Run run = serve(otherKey);

        assertNotEquals(0, run.exit(), run.out() + run.err());
        assertNamesTheProblem(run, "The configured encryption key '" + settings.get("EFGS_ENCRYPTION_KEY_ID")
                + "' (efgs.encryption) is not the key this database was written with");
    }

    @Test
    void aMissingTrustAnchorIsRefused() {
        Path missing = dir.resolve("missing-anchor.pem");
        Map<String, String> noAnchor = new HashMap<>(settings);
        noAnchor.put("EFGS_TRUST_ANCHOR_CERTIFICATE", missing.toString());

        PackagedGateway.Run run = serve(noAnchor);

        assertNotEquals(0, run.exit(), run.out() + run.err());
        assertNamesTheProblem(run, "Trust anchor certificate cannot be read from " + missing);
        assertTrue((run.out() + run.err()).contains("efgs.trust.anchor-certificate"), run.out() + run.err());
    }

    /** The gateway as a service manager starts it (no arguments: serve), on ports of its own. */
    private static PackagedGateway.Run serve(Map<String, String> settings) {
        Map<String, String> env = new HashMap<>(settings);
        env.put("QUARKUS_HTTP_SSL_CERTIFICATE_FILES", TestPki.SERVER.toString());
        env.put("QUARKUS_HTTP_SSL_CERTIFICATE_KEY_FILES", TestPki.SERVER_KEY.toString());
        env.put("QUARKUS_HTTP_SSL_PORT", Integer.toString(LoopbackPorts.unused()));
        env.put("QUARKUS_HTTP_PORT", Integer.toString(LoopbackPorts.unused()));
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(LoopbackPorts.unused()));
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        return PackagedGateway.command(env);
    }

    /**
     * The reason is in the output, as a message an operator can act on: no stack trace (a configuration mistake is
     * no bug; the gateway reports it as Quarkus's ConfigurationException, which Quarkus prints without one).
     */
    private static void assertNamesTheProblem(PackagedGateway.Run run, String message) {
        String output = run.out() + run.err();
        assertTrue(output.contains(message), output);
        assertTrue(output.lines().noneMatch(line -> line.startsWith("\tat ")), "no stack trace:\n" + output);
    }
}
