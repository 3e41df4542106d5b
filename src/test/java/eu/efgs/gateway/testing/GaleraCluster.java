package eu.efgs.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A 3-node MariaDB Galera cluster on loopback for the Galera integration tests, run by the harness anyone can run
 * ({@code docker/galera-cluster}). One cluster per test JVM, started by the first test class that asks and stopped
 * when the JVM ends; each test class works in a database of its own and leaves every node running and Synced.
 * Ports: {@code -Defgs.test.galera-port} (client port of node 1, default 4341) and
 * {@code -Defgs.test.galera-group-port} (default 4601; see the script).
 */
public final class GaleraCluster {

    public static final Path SCRIPT = Path.of("docker", "galera-cluster").toAbsolutePath();
    public static final Path PROVIDER = Path.of("/usr/lib/galera/libgalera_smm.so");
    public static final int NODES = 3;

    private static GaleraCluster shared;

    private final Path dir;
    private final int port;
    private final int groupPort;
    private final String password;

    private GaleraCluster(Path dir, int port, int groupPort, String password) {
        this.dir = dir;
        this.port = port;
        this.groupPort = groupPort;
        this.password = password;
    }

    /**
     * The cluster, started on first use. A machine without Galera fails the test (it must not pass unnoticed):
     * {@code apt-get install galera-4 mariadb-server rsync}, as {@code .ci/run} does.
     */
    public static synchronized GaleraCluster shared() {
        if (shared == null) {
            if (!Files.exists(PROVIDER)) {
                throw new IllegalStateException("Galera is not installed (" + PROVIDER + " is missing): "
                        + "apt-get install galera-4 mariadb-server rsync");
            }
            int port = Integer.getInteger("efgs.test.galera-port", 4341);
            int groupPort = Integer.getInteger("efgs.test.galera-group-port", 4601);
            // not under target/: the nodes run as the system user mysql when the tests run as root, and a checkout
            // below /root is closed to it; the JVM's temporary directory is open to every user
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "efgs-galera-" + port).toAbsolutePath();
            long started = System.nanoTime();
            String out = run(dir, port, groupPort, 300, "start", dir.toString(), Integer.toString(NODES));
            System.out.printf("[galera] %s (%.1f s)%n", out.lines().findFirst().orElse(""),
                    (System.nanoTime() - started) / 1e9);
            String password;
            try {
                password = Files.readString(dir.resolve("efgs.password")).trim();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            shared = new GaleraCluster(dir, port, groupPort, password);
            GaleraCluster cluster = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                run(cluster.dir, cluster.port, cluster.groupPort, 120, "stop", cluster.dir.toString());
                delete(cluster.dir);
            }));
        }
        return shared;
    }

    public String user() {
        return "efgs";
    }

    public String password() {
        return password;
    }

    public int clientPort(int node) {
        return port + node - 1;
    }

    /**
     * The gateway's URL as README "More than one machine" gives it, with the nodes in this order of preference
     * (the first is used while it lives), for {@code database}.
     */
    public String url(String database, int... order) {
        String hosts = IntStream.of(order).mapToObj(node -> "127.0.0.1:" + clientPort(node))
                .collect(Collectors.joining(","));
        String base = run(dir, port, groupPort, 30, "url", dir.toString()).strip();
        return base.replaceFirst("//[^/]+/efgs", "//" + hosts + "/" + database);
    }

    /** One node only, for tests that must know where a statement runs. */
    public String nodeUrl(String database, int node) {
        return "jdbc:mysql://127.0.0.1:" + clientPort(node) + "/" + database + "?sslMode=DISABLED";
    }

    public Connection connect(String database, int node) throws SQLException {
        return DriverManager.getConnection(nodeUrl(database, node), user(), password);
    }

    /** An empty database of this name (replicated to every node). */
    public void freshDatabase(String database) {
        try (Connection connection = DriverManager.getConnection(nodeUrl("efgs", 1), user(), password);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database);
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + database + " on the cluster", e);
        }
    }

    /** {@code kill -9} of one node's mariadbd. */
    public void kill(int node) {
        run(dir, port, groupPort, 60, "kill", dir.toString(), Integer.toString(node));
    }

    /** Starts a killed node again and waits until it has rejoined and is Synced; returns the script's report. */
    public String restart(int node) {
        return run(dir, port, groupPort, 300, "restart", dir.toString(), Integer.toString(node)).strip();
    }

    /** Every node's view (size, state), one line each. */
    public String status() {
        return run(dir, port, groupPort, 60, "status", dir.toString()).strip();
    }

    /** A wsrep status counter summed over the running nodes (e.g. wsrep_local_cert_failures). */
    public long counter(String name) {
        long sum = 0;
        for (int node = 1; node <= NODES; node++) {
            try (Connection connection = connect("efgs", node); Statement statement = connection.createStatement();
                 var row = statement.executeQuery("SHOW GLOBAL STATUS LIKE '" + name + "'")) {
                if (row.next()) {
                    sum += row.getLong(2);
                }
            } catch (SQLException e) {
                // a node that is down counts nothing
            }
        }
        return sum;
    }

    /** The nodes' files go with the cluster; their logs are kept in target/galera-cluster-logs. */
    private static void delete(Path dir) {
        try {
            Path logs = Files.createDirectories(Path.of("target", "galera-cluster-logs"));
            for (int node = 1; node <= NODES; node++) {
                Path log = dir.resolve("node" + node).resolve("mariadb.err");
                if (Files.exists(log)) {
                    Files.copy(log, logs.resolve("node" + node + ".err"),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            // the logs are a help, not a result
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // best effort: the next start empties the directory anyway
        }
    }

    private static String run(Path dir, int port, int groupPort, int timeoutSeconds, String... args) {
        try {
            List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
            command.addAll(List.of(args));
            Files.createDirectories(dir.getParent());
            Path out = Files.createTempFile(dir.getParent(), "galera-cluster", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
            builder.environment().putAll(Map.of("EFGS_GALERA_PORT", Integer.toString(port),
                    "EFGS_GALERA_GROUP_PORT", Integer.toString(groupPort)));
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("docker/galera-cluster " + String.join(" ", args) + " hangs");
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            Files.delete(out);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("docker/galera-cluster " + String.join(" ", args) + " failed with "
                        + process.exitValue() + ":\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
