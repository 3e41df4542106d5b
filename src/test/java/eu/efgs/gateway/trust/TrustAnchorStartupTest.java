package eu.efgs.gateway.trust;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A missing or unreadable trust anchor stops start-up with a message naming the file and the setting. */
class TrustAnchorStartupTest {

    @TempDir
    Path dir;

    @Test
    void missingFile() {
        var failure = assertThrows(IllegalStateException.class, () -> TrustAnchor.load(dir.resolve("nope.pem")));
        assertTrue(failure.getMessage().contains("nope.pem")
                && failure.getMessage().contains("efgs.trust.anchor-certificate"), failure.getMessage());
    }

    @Test
    void unreadableContent() throws Exception {
        Path file = Files.writeString(dir.resolve("ta.pem"),
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        var failure = assertThrows(IllegalStateException.class, () -> TrustAnchor.load(file));
        assertTrue(failure.getMessage().contains("not a single PEM certificate"), failure.getMessage());
    }
}
