package eu.efgs.gateway.keys;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.efgs.gateway.testing.GatewayTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Start-up refuses a key that is not the one the database was written with. */
@QuarkusTest
@QuarkusTestResource(GatewayTestResource.class)
class EncryptionKeyCheckTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    PayloadCipher configured;

    private EncryptionKeyCheck checkWith(PayloadCipher cipher) {
        EncryptionKeyCheck check = new EncryptionKeyCheck();
        check.cipher = cipher;
        check.dataSource = dataSource;
        return check;
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void wrongKeyUnderAKnownIdRefusesToStart() {
        PayloadCipher wrong = PayloadCipher.of(configured.currentKeyId(), randomKey(), Map.of());
        var failure = assertThrows(ConfigurationException.class, () -> checkWith(wrong).onStart(null));
        assertTrue(failure.getMessage().contains("not the key this database was written with"), failure.getMessage());
    }

    @Test
    void newKeyUnderANewIdIsRegisteredAndThenRecognised() {
        String id = "t" + Long.toHexString(System.nanoTime());
        PayloadCipher fresh = PayloadCipher.of(id, randomKey(), Map.of());
        assertDoesNotThrow(() -> checkWith(fresh).onStart(null));
        assertDoesNotThrow(() -> checkWith(fresh).onStart(null));
    }
}
