package eu.efgs.gateway.keys;

import eu.efgs.gateway.platform.database.DatabaseMigration;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import org.jboss.logging.Logger;

/**
 * Refuses to start with a wrong encryption key. The first start with a key id stores a check value encrypted
 * with it; later starts must decrypt it, so a key that changed under the same id is caught before any upload
 * is written with it or any stored key becomes unreadable.
 */
@ApplicationScoped
public class EncryptionKeyCheck {

    private static final Logger LOG = Logger.getLogger(EncryptionKeyCheck.class);
    private static final byte[] CHECK = "efgs-encryption-key-check"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final String AAD = "encryption_key_check";

    @Inject
    PayloadCipher cipher;

    @Inject
    AgroalDataSource dataSource;

    void onStart(@Observes @Priority(DatabaseMigration.PRIORITY + 1) StartupEvent event) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            for (String keyId : cipher.keyIds()) {
                check(connection, keyId);
            }
        }
    }

    private void check(Connection connection, String keyId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT check_value FROM encryption_key_check WHERE key_id = ?")) {
            select.setString(1, keyId);
            try (ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    verify(keyId, row.getBytes(1));
                    return;
                }
            }
        }
        if (keyId.equals(cipher.currentKeyId())) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT IGNORE INTO encryption_key_check (key_id, check_value) VALUES (?, ?)")) {
                insert.setString(1, keyId);
                insert.setBytes(2, cipher.encrypt(CHECK, AAD));
                insert.executeUpdate();
            }
            LOG.infof("Encryption key '%s' registered", keyId);
        }
    }

    private void verify(String keyId, byte[] stored) {
        try {
            if (Arrays.equals(CHECK, cipher.decrypt(keyId, stored, AAD))) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // falls through to the refusal below
        }
        // a configuration mistake, not a bug: Quarkus prints this exception's message alone, without a stack trace
        throw new ConfigurationException("The configured encryption key '" + keyId + "' (efgs.encryption) is not "
                + "the key this database was written with; refusing to start. Configure the original key, or a "
                + "new key under a new key id (keeping the old one in efgs.encryption.previous-keys).",
                java.util.Set.of("efgs.encryption.key", "efgs.encryption.key-id"));
    }
}
