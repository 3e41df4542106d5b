package eu.efgs.gateway.keys;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a fresh random 96-bit nonce per value (the original used CBC with one fixed IV). The
 * associated data binds each ciphertext to its row (e.g. the payload hash), so rows cannot be swapped unnoticed.
 * Stored form: nonce ‖ ciphertext ‖ tag, with the key id in its own column.
 */
@ApplicationScoped
public class PayloadCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    /** Cipher instances are not thread-safe but costly to look up; one per thread, re-initialised per value. */
    private static final ThreadLocal<Cipher> GCM = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is always available", e);
        }
    });
    private final Map<String, SecretKey> keys = new HashMap<>();
    private String currentKeyId;

    @Inject
    EncryptionConfig config;

    @PostConstruct
    void init() {
        use(config.keyId(), config.key(), config.previousKeys());
    }

    /** A cipher outside CDI (operator commands, tests). */
    public static PayloadCipher of(EncryptionConfig config) {
        return of(config.keyId(), config.key(), config.previousKeys());
    }

    /** A cipher outside CDI (tests, tools). */
    public static PayloadCipher of(String keyId, String key, Map<String, String> previousKeys) {
        PayloadCipher cipher = new PayloadCipher();
        cipher.use(keyId, key, previousKeys);
        return cipher;
    }

    private void use(String keyId, String key, Map<String, String> previousKeys) {
        currentKeyId = keyId;
        keys.put(keyId, aesKey(keyId, key));
        previousKeys.forEach((id, value) -> keys.putIfAbsent(id, aesKey(id, value)));
    }

    /** A validated AES-256 key; a short, malformed or obviously non-random key stops start-up. */
    static SecretKey aesKey(String id, String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Encryption key '" + id + "' (efgs.encryption) is not base64");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("Encryption key '" + id + "' (efgs.encryption) must be 32 bytes "
                    + "(AES-256, e.g. openssl rand -base64 32), got " + bytes.length);
        }
        if (java.util.stream.IntStream.range(0, bytes.length).map(i -> bytes[i]).distinct().count() < 12) {
            throw new IllegalStateException("Encryption key '" + id + "' (efgs.encryption) is not random "
                    + "enough; generate one with openssl rand -base64 32");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    public String currentKeyId() {
        return currentKeyId;
    }

    public byte[] encrypt(byte[] plaintext, String associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = GCM.get();
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** Decrypts; fails when the key id is unknown or the value or its associated data was altered. */
    public byte[] decrypt(String keyId, byte[] stored, String associatedData) throws GeneralSecurityException {
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new GeneralSecurityException("No encryption key with id '" + keyId + "' is configured");
        }
        Cipher cipher = GCM.get();
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
        cipher.updateAAD(associatedData.getBytes(StandardCharsets.US_ASCII));
        return cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
    }

    Iterable<String> keyIds() {
        return keys.keySet();
    }

    /** Every configured key by id (the current one and those kept for reading), e.g. to derive other keys. */
    public Map<String, SecretKey> secretKeys() {
        return Map.copyOf(keys);
    }
}
