package eu.efgs.gateway.keys;

import com.google.protobuf.InvalidProtocolBufferException;
import eu.interop.DiagnosisKey;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads an upload's stored keys back, decrypted, in canonical (signature) order. */
public final class StoredKeys {

    private final PayloadCipher cipher;

    public StoredKeys(PayloadCipher cipher) {
        this.cipher = cipher;
    }

    public List<DiagnosisKey> ofUpload(Connection connection, long uploadId) throws SQLException {
        List<DiagnosisKey> keys = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT payload_hash, key_id, payload FROM diagnosis_key WHERE upload_batch_id = ? "
                        + "ORDER BY position")) {
            select.setLong(1, uploadId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    keys.add(decrypt(rows.getString(1), rows.getString(2), rows.getBytes(3)));
                }
            }
        }
        return keys;
    }

    private DiagnosisKey decrypt(String payloadHash, String keyId, byte[] payload) {
        try {
            return DiagnosisKey.parseFrom(cipher.decrypt(keyId, payload, payloadHash));
        } catch (GeneralSecurityException | InvalidProtocolBufferException e) {
            throw new IllegalStateException("Stored key " + payloadHash + " cannot be decrypted (wrong key or "
                    + "altered row): " + e.getMessage(), e);
        }
    }
}
