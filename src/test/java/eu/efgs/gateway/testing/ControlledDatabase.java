package eu.efgs.gateway.testing;

import eu.efgs.gateway.quickstart.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import javax.management.JMException;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * A MariaDB server that belongs to the tests of {@link ControlledDatabaseProfile} alone, so they can stop,
 * restart and freeze it (SIGSTOP) under a running gateway; small pool and short timeouts make the gateway's
 * limits show within seconds. Started after the shared resources, so its datasource settings win.
 */
public class ControlledDatabase implements QuarkusTestResourceLifecycleManager {

    /** The tests reach the server through JMX: they live in another class loader than this resource. */
    private static final String MBEAN = "efgs.test:type=ControlledDatabase";

    /** Operations on the server, as a JMX MBean. */
    public interface ControlMBean {
        void stop();

        void start();

        void freeze();

        void thaw();

        /** Running and answering again, whatever a test left it in. */
        void restore();
    }

    private EmbeddedDatabase.Server server;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(GatewayTestResource.commonConfig());
        int port = Integer.getInteger("efgs.test.controlled-db-port", 3319);
        server = EmbeddedDatabase.start(Path.of("target", "test-mariadb-controlled").toAbsolutePath(), port,
                EmbeddedDatabase.DEFAULT_START_TIMEOUT);
        var db = server.connection();
        resetSchema(db);
        publish(new ControlMBean() {
            private long frozen;
            private boolean stopped;

            @Override
            public synchronized void stop() {
                server.stop();
                stopped = true;
            }

            @Override
            public synchronized void start() {
                server.start();
                stopped = false;
            }

            @Override
            public synchronized void freeze() {
                frozen = pid(db);
                signal("STOP", frozen);
            }

            @Override
            public synchronized void thaw() {
                signal("CONT", frozen);
                frozen = 0;
            }

            @Override
            public synchronized void restore() {
                if (frozen != 0) {
                    thaw();
                }
                if (stopped) {
                    start();
                }
            }
        });
        config.put("quarkus.datasource.jdbc.url", db.jdbcUrl());
        config.put("quarkus.datasource.username", db.username());
        config.put("quarkus.datasource.password", db.password());
        config.put("quarkus.datasource.jdbc.max-size", "4");
        config.put("quarkus.datasource.jdbc.acquisition-timeout", "PT2S");
        config.put("quarkus.datasource.jdbc.additional-jdbc-properties.connectTimeout", "1000");
        config.put("quarkus.datasource.jdbc.additional-jdbc-properties.socketTimeout", "3000");
        config.put("quarkus.datasource.jdbc.foreground-validation-interval", "PT0.5S");
        config.put("efgs.database.probe-interval", "PT0.3S");
        config.put("efgs.database.probe-timeout", "PT0.7S");
        config.put("efgs.upload.queue-timeout", "PT50S");
        return config;
    }

    @Override
    public int order() {
        return 100;
    }

    private static void publish(ControlMBean control) {
        try {
            var server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName(MBEAN);
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(new StandardMBean(control, ControlMBean.class), name);
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a control operation ({@code stop}, {@code start}, {@code freeze}, {@code thaw}) from a test. */
    public static void control(String operation) {
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(MBEAN), operation, null, null);
        } catch (JMException e) {
            throw new IllegalStateException(operation + " of the controlled database failed", e);
        }
    }

    private static void signal(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long pid(EmbeddedDatabase.Connection db) {
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT @@pid_file")) {
            row.next();
            return Long.parseLong(Files.readString(Path.of(row.getString(1))).trim());
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Cannot find the controlled database's process", e);
        }
    }

    private static void resetSchema(EmbeddedDatabase.Connection db) {
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS efgs");
            statement.execute("CREATE DATABASE efgs");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reset the controlled test database", e);
        }
    }

    /** How long a test waits at most for the gateway to notice a state change of the database. */
    public static final Duration NOTICE = Duration.ofSeconds(15);

    @Override
    public void stop() {
        if (server != null) {
            try {
                server.stop();
            } catch (IllegalStateException e) {
                // already stopped by a test
            }
        }
    }
}
