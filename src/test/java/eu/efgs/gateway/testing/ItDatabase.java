package eu.efgs.gateway.testing;

import eu.efgs.gateway.quickstart.EmbeddedDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The database of the integration tests (the packaged gateway and its commands in processes of their own): an
 * embedded MariaDB of their own, or the external server given with {@code -Defgs.test.jdbc-url} (as for the rest of
 * the suite; its {@code efgs} schema is emptied). Each test class starts from an empty schema.
 */
public final class ItDatabase {

    private ItDatabase() {
    }

    public static EmbeddedDatabase.Connection fresh() {
        String external = System.getProperty("efgs.test.jdbc-url");
        EmbeddedDatabase.Connection db = external != null && !external.isBlank()
                ? new EmbeddedDatabase.Connection(external, System.getProperty("efgs.test.jdbc-username", "efgs"),
                System.getProperty("efgs.test.jdbc-password", ""))
                : EmbeddedDatabase.startOrJoin(Path.of("target", "it-mariadb").toAbsolutePath(),
                Integer.getInteger("efgs.test.it-db-port", 3320));
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS efgs");
            statement.execute("CREATE DATABASE efgs");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot empty the integration tests' database", e);
        }
        return db;
    }
}
