package eu.efgs.gateway.trust;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The gateway's seal over what decides about a registry row besides its PEM: thumbprint, country, type, host
 * and revoked. HMAC-SHA256 under a key derived from each configured encryption key (so it rotates with them); the
 * row records which key. Only holders of the encryption key — the gateway and its operator commands — can seal.
 */
public final class RecordSeal {

    private static final byte[] PURPOSE = "efgs registry record seal v1".getBytes(StandardCharsets.US_ASCII);

    private final String currentKeyId;
    private final Map<String, SecretKey> keys = new HashMap<>();

    /** {@code encryptionKeys} by id: the gateway's AES keys ({@code efgs.encryption.*}), current one included. */
    public RecordSeal(String currentKeyId, Map<String, SecretKey> encryptionKeys) {
        this.currentKeyId = currentKeyId;
        encryptionKeys.forEach((id, key) -> keys.put(id, derive(key)));
        if (!keys.containsKey(currentKeyId)) {
            throw new IllegalArgumentException("No encryption key with the current id " + currentKeyId);
        }
    }

    /** The row sealed under the current key. */
    RegistryRow seal(RegistryRow row) {
        return row.withRecordSeal(mac(keys.get(currentKeyId), row), currentKeyId);
    }

    /** Whether the row's decision-relevant columns are as sealed. */
    boolean verifies(RegistryRow row) {
        if (row.recordSeal() == null || row.recordKeyId() == null || row.type() == null) {
            return false;
        }
        SecretKey key = keys.get(row.recordKeyId());
        return key != null && MessageDigest.isEqual(mac(key, row).getBytes(StandardCharsets.US_ASCII),
                row.recordSeal().getBytes(StandardCharsets.US_ASCII));
    }

    private static String mac(SecretKey key, RegistryRow row) {
        String record = String.join("\n", "thumbprint=" + row.thumbprint(), "country=" + row.country(),
                "type=" + row.type(), "host=" + (row.host() == null ? "" : row.host()), "revoked=" + row.revoked());
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getEncoder().encodeToString(mac.doFinal(record.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is always available", e);
        }
    }

    private static SecretKey derive(SecretKey encryptionKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(encryptionKey.getEncoded(), "HmacSHA256"));
            return new SecretKeySpec(mac.doFinal(PURPOSE), "HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is always available", e);
        }
    }
}
