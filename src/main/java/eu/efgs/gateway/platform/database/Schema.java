package eu.efgs.gateway.platform.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The database schema: versioned Flyway migrations under {@code db/migration}, applied by the gateway at start-up
 * and by operator commands. Flyway is only started when the schema is behind ({@link #LATEST}): it takes most of a
 * second and a half to start on a small machine, which every command and every start would otherwise pay.
 */
public final class Schema {

    /** The newest migration's version; SchemaTest fails when a migration is added without moving this. */
    public static final String LATEST = "10";

    private Schema() {
    }

    /** Migrates when the applied schema is not {@link #LATEST}. */
    public static void migrate(DataSource dataSource) {
        if (applied(dataSource).filter(LATEST::equals).isEmpty()) {
            Flyway.configure(Schema.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        }
    }

    /** The version of the last successful migration, or empty without any (or without Flyway's history table). */
    static Optional<String> applied(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT version FROM flyway_schema_history WHERE success = 1 "
                     + "AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
            return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            if ("42S02".equals(e.getSQLState())) {
                return Optional.empty(); // a new database: no history table yet
            }
            throw new IllegalStateException("Cannot read the schema version", e);
        }
    }
}
