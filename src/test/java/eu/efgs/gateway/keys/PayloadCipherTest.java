package eu.efgs.gateway.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadCipherTest {

    private static String key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void roundTripWithFreshNoncesAndBoundAssociatedData() throws Exception {
        PayloadCipher cipher = PayloadCipher.of("k1", key(), Map.of());
        byte[] plain = "sixteen byte key".getBytes();
        byte[] a = cipher.encrypt(plain, "hash-a");
        byte[] b = cipher.encrypt(plain, "hash-a");
        assertFalse(Arrays.equals(a, b), "same plaintext must not give the same ciphertext");
        assertArrayEquals(plain, cipher.decrypt("k1", a, "hash-a"));
        assertThrows(GeneralSecurityException.class, () -> cipher.decrypt("k1", a, "hash-b"));
        a[20] ^= 1;
        assertThrows(GeneralSecurityException.class, () -> cipher.decrypt("k1", a, "hash-a"));
    }

    @Test
    void previousKeysStillDecrypt() throws Exception {
        String old = key();
        byte[] written = PayloadCipher.of("k1", old, Map.of()).encrypt(new byte[] {1, 2, 3}, "x");
        PayloadCipher rotated = PayloadCipher.of("k2", key(), Map.of("k1", old));
        assertArrayEquals(new byte[] {1, 2, 3}, rotated.decrypt("k1", written, "x"));
        assertThrows(GeneralSecurityException.class, () -> rotated.decrypt("k0", written, "x"));
    }

    @Test
    void weakOrMalformedKeysStopStartUp() {
        assertThrows(IllegalStateException.class, () -> PayloadCipher.of("k", "not base64!", Map.of()));
        assertThrows(IllegalStateException.class, () -> PayloadCipher.of("k",
                Base64.getEncoder().encodeToString(new byte[16]), Map.of()));
        assertThrows(IllegalStateException.class, () -> PayloadCipher.of("k",
                Base64.getEncoder().encodeToString("a".repeat(32).getBytes()), Map.of()));
    }
}
