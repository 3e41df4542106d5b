package eu.efgs.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.efgs.gateway.benchmark.LoopbackPorts;
import eu.efgs.gateway.quickstart.EmbeddedDatabase;
import eu.efgs.gateway.testing.PackagedGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged application refuses to start on values outside the bounds, before it serves anything, and says
 * which settings are wrong: one of each kind (a Duration bound, a rule between two settings, an enumerated value,
 * a CIDR) in one start, since all are reported together.
 */
class ConfigRefusalIT {

    @Test
    void badValuesStopStartUpNamingEachProperty() throws Exception {
        Path secrets = Files.createTempDirectory(Path.of("target"), "it-config-secrets");
        // Nothing listens on this port; the refusal comes before any connection is tried.
        Map<String, String> settings = new HashMap<>(PackagedGateway.productionSettings(
                "jdbc:mysql://127.0.0.1:" + LoopbackPorts.unused() + "/efgs", "efgs", "unused",
                EmbeddedDatabase.developmentEncryptionKey(secrets)));
        settings.put("QUARKUS_HTTP_SSL_PORT", Integer.toString(LoopbackPorts.unused()));
        settings.put("QUARKUS_HTTP_PORT", Integer.toString(LoopbackPorts.unused()));
        settings.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(LoopbackPorts.unused()));
        settings.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        settings.put("EFGS_TRUST_CACHE_TTL", "PT1H");
        settings.put("EFGS_CALLBACK_TIMEOUT", "PT30S");
        settings.put("EFGS_CALLBACK_LEASE", "PT1M");
        settings.put("EFGS_KEYS_REPORT_TYPES", "CONFIRMED_TEST,SELF_REPORTED");
        settings.put("EFGS_IDENTITY_HEADER_MODE_TRUSTED_PROXIES", "10.0.0.0/33");

        PackagedGateway.Run run = PackagedGateway.command(settings); // no arguments: serve

        String output = run.out() + run.err();
        assertNotEquals(0, run.exit(), output);
        for (String property : List.of("efgs.trust.cache-ttl", "efgs.callback.lease", "efgs.keys.report-types",
                "efgs.identity.header-mode.trusted-proxies")) {
            assertTrue(output.contains(property), property + " not named in:\n" + output);
        }
        assertTrue(output.contains("must be shorter than or equal to 10 minutes"), output);
        assertFalse(output.contains("Listening on"), "refused before serving:\n" + output);
    }
}
