package eu.efgs.gateway.trust;

import eu.efgs.gateway.platform.database.ChangeWatch;
import eu.efgs.gateway.platform.database.DatabaseFailures;
import eu.efgs.gateway.platform.database.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code certificate} table, in plain JDBC: the same code serves the gateway (every request reads its
 * caller's row) and the operator commands, which run without the server. Each write is one statement and the
 * registry's change signal in one transaction, run again when a concurrent write on another database node made it
 * conflict (then the constraint or the statement's condition decides).
 */
public final class CertificateStore {

    private static final String COLUMNS = "SELECT id, created_at, thumbprint, country, type, revoked, revoked_at, "
            + "host, signature, raw_data, record_seal, record_key_id FROM certificate ";

    private final Transactions transactions;

    public CertificateStore(Transactions transactions) {
        this.transactions = transactions;
    }

    /** A thumbprint that is registered already (the unique constraint said so). */
    public static final class AlreadyRegistered extends Exception {
        AlreadyRegistered() {
            super(null, null, false, false);
        }
    }

    public Optional<RegistryRow> find(String thumbprint) {
        List<RegistryRow> rows = query(COLUMNS + "WHERE thumbprint = ?", thumbprint);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** Every row, by country, type and age. */
    public List<RegistryRow> all() {
        return query(COLUMNS + "ORDER BY country, type, id");
    }

    /** Unrevoked rows of a country and type (their checks are the caller's). */
    public List<RegistryRow> unrevoked(String country, CertificateType type) {
        return query(COLUMNS + "WHERE country = ? AND type = ? AND revoked = FALSE ORDER BY id", country, type.name());
    }

    /** Rows written before record seals existed. */
    List<RegistryRow> withoutRecordSeal() {
        return query(COLUMNS + "WHERE record_seal IS NULL ORDER BY id");
    }

    /** Inserts a row (its id is ignored) and returns its id. */
    long insert(RegistryRow row) throws AlreadyRegistered {
        try {
            return transactions.inTransaction("Certificate onboarding", connection -> {
                long id = insert(connection, row);
                ChangeWatch.changed(connection, ChangeWatch.REGISTRY); // instances re-read the registry
                return id;
            });
        } catch (SQLException e) {
            if (DatabaseFailures.duplicateKey(e).filter("uk_certificate_thumbprint"::equals).isPresent()) {
                throw new AlreadyRegistered();
            }
            throw new IllegalStateException("Cannot write the certificate registry", e);
        }
    }

    private static long insert(Connection connection, RegistryRow row) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO certificate (created_at, thumbprint, "
                     + "country, type, revoked, revoked_at, host, signature, raw_data, record_seal, record_key_id) "
                     + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            insert.setTimestamp(1, Timestamp.from(row.createdAt()));
            insert.setString(2, row.thumbprint());
            insert.setString(3, row.country());
            insert.setString(4, row.type().name());
            insert.setBoolean(5, row.revoked());
            insert.setTimestamp(6, row.revokedAt() == null ? null : Timestamp.from(row.revokedAt()));
            insert.setString(7, row.host());
            insert.setString(8, row.seal());
            insert.setString(9, row.pem());
            insert.setString(10, row.recordSeal());
            insert.setString(11, row.recordKeyId());
            insert.executeUpdate();
            try (ResultSet id = insert.getGeneratedKeys()) {
                id.next();
                return id.getLong(1);
            }
        }
    }

    /**
     * Waits (at most {@code timeout}) until every running gateway instance has seen the registry's last change;
     * returns the instances that did not confirm.
     */
    public List<String> awaitSeenEverywhere(java.time.Duration timeout) {
        return ChangeWatch.awaitRegistrySeen(transactions.dataSource(), timeout);
    }

    /** Marks {@code row} revoked with its new record seal; false when it was not found unrevoked. */
    boolean revoke(RegistryRow revoked) {
        return update("UPDATE certificate SET revoked = TRUE, revoked_at = ?, record_seal = ?, record_key_id = ? "
                        + "WHERE id = ? AND revoked = FALSE", Timestamp.from(revoked.revokedAt()), revoked.recordSeal(),
                revoked.recordKeyId(), revoked.id()) == 1;
    }

    /** Seals a row written before record seals existed; false when another process did so first. */
    boolean setRecordSeal(RegistryRow sealed) {
        return update("UPDATE certificate SET record_seal = ?, record_key_id = ? WHERE id = ? AND record_seal IS NULL",
                sealed.recordSeal(), sealed.recordKeyId(), sealed.id()) == 1;
    }

    /**
     * A conditional single-row update with the registry's change signal, in one transaction: run again after a
     * conflict, its condition decides anew.
     */
    private int update(String sql, Object... arguments) {
        try {
            return transactions.inTransaction("Certificate registry update", connection -> {
                try (PreparedStatement update = connection.prepareStatement(sql)) {
                    for (int i = 0; i < arguments.length; i++) {
                        update.setObject(i + 1, arguments[i]);
                    }
                    int updated = update.executeUpdate();
                    ChangeWatch.changed(connection, ChangeWatch.REGISTRY);
                    return updated;
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write the certificate registry", e);
        }
    }

    private List<RegistryRow> query(String sql, Object... arguments) {
        try (Connection connection = transactions.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < arguments.length; i++) {
                select.setObject(i + 1, arguments[i]);
            }
            List<RegistryRow> rows = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    rows.add(new RegistryRow(row.getLong(1), instant(row.getTimestamp(2)), row.getString(3),
                            row.getString(4), type(row.getString(5)), row.getBoolean(6), instant(row.getTimestamp(7)),
                            row.getString(8), row.getString(9), row.getString(10), row.getString(11),
                            row.getString(12)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the certificate registry", e);
        }
    }

    /** An unknown type (a written column) reads as null; the record seal then fails. */
    private static CertificateType type(String name) {
        try {
            return CertificateType.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
