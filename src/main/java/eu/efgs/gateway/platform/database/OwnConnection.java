package eu.efgs.gateway.platform.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.eclipse.microprofile.config.Config;

/**
 * A database connection outside the pool, with its own short timeouts, for the gateway's background watchers: they
 * must keep working (or fail fast) when every pooled connection is busy or hangs on a frozen server.
 */
final class OwnConnection implements AutoCloseable {

    private final String url;
    private final Properties properties = new Properties();
    private Connection connection;

    OwnConnection(Config config, Duration timeout) {
        url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        properties.setProperty("user", config.getOptionalValue("quarkus.datasource.username", String.class).orElse(""));
        properties.setProperty("password", config.getOptionalValue("quarkus.datasource.password", String.class)
                .orElse(""));
        String millis = String.valueOf(timeout.toMillis());
        properties.setProperty("connectTimeout", millis);
        properties.setProperty("socketTimeout", millis);
    }

    /** The open connection, (re)connecting when there is none. */
    Connection get() throws SQLException {
        if (connection == null) {
            connection = DriverManager.getConnection(url, properties);
        }
        return connection;
    }

    /** True when a connection was made and the driver has not closed it (it may have moved it to another node). */
    boolean isOpen() throws SQLException {
        return connection != null && !connection.isClosed();
    }

    /** Drops a connection that failed; the next {@link #get()} makes a new one. */
    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // a broken connection is replaced on the next use
            }
            connection = null;
        }
    }
}
