package eu.efgs.gateway.platform.database;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Lets instances cache what the database decides (verified registry rows, download batches) and still see every
 * change at once. Each change increments a counter ({@code change_counter}) in its own transaction; this watch reads
 * the counters every 100 ms on a connection of its own and reports the registry generation it has seen
 * ({@code gateway_instance}), so an operator command waits until every running instance has dropped what it cached
 * before it returns. A cache is used only while the watch is fresh (a successful read within the last second);
 * otherwise every request reads the database, as if there were no cache.
 */
@ApplicationScoped
public class ChangeWatch {

    public static final String REGISTRY = "registry";
    public static final String BATCHES = "batches";

    private static final Logger LOG = Logger.getLogger(ChangeWatch.class);
    private static final Duration POLL = Duration.ofMillis(100);
    /** Older than this, the watch may have missed a change: caches are bypassed. */
    private static final Duration FRESH = Duration.ofSeconds(1);
    private static final Duration HEARTBEAT = Duration.ofMillis(500);
    /** An instance that has not reported for this long is not running (it bypasses its caches long before). */
    static final Duration ALIVE = Duration.ofSeconds(3);

    @Inject
    Config settings;

    private final String instanceId = instanceName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, Long> generations = new ConcurrentHashMap<>();
    private final Map<String, List<Runnable>> listeners = new ConcurrentHashMap<>();
    private volatile long lastSuccess = System.nanoTime() - FRESH.toNanos() * 2;
    private static final Duration CLEANUP = Duration.ofMinutes(10);
    private long lastHeartbeat;
    private long lastCleanup = System.nanoTime() - CLEANUP.toNanos();
    private long reportedRegistry = -1;
    private ScheduledExecutorService executor;
    private OwnConnection connection;

    void start(@Observes @Priority(DatabaseMigration.PRIORITY + 2) StartupEvent event) {
        connection = new OwnConnection(settings, Duration.ofSeconds(1));
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "efgs-change-watch");
            thread.setDaemon(true);
            return thread;
        });
        poll();
        executor.scheduleWithFixedDelay(this::poll, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
        if (connection != null) {
            connection.close();
        }
    }

    /**
     * The generation of {@code name} a cache entry must have been read under to be used now, or -1 when the watch
     * is not fresh (then nothing may be used from a cache). Take it before reading the database for a new entry.
     */
    public long generation(String name) {
        if (System.nanoTime() - lastSuccess > FRESH.toNanos()) {
            return -1;
        }
        return generations.getOrDefault(name, -1L);
    }

    /**
     * Runs {@code listener} (on the watch's thread: it must only hand work over) whenever {@code name} is seen to
     * change, and at once if the watch has read it already.
     */
    public synchronized void onChange(String name, Runnable listener) {
        listeners.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(listener);
        if (generations.containsKey(name)) {
            listener.run();
        }
    }

    /** Reads the counters now: after a change made by this instance, its own next request sees it. */
    public void refresh() {
        poll();
    }

    synchronized void poll() {
        try {
            Connection db = connection.get();
            List<String> changed = new ArrayList<>();
            try (Statement statement = db.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT name, value FROM change_counter")) {
                while (rows.next()) {
                    Long before = generations.put(rows.getString(1), rows.getLong(2));
                    if (before == null || before != rows.getLong(2)) {
                        changed.add(rows.getString(1));
                    }
                }
            }
            changed.forEach(name -> listeners.getOrDefault(name, List.of()).forEach(Runnable::run));
            long registry = generations.getOrDefault(REGISTRY, -1L);
            long now = System.nanoTime();
            if (registry != reportedRegistry || now - lastHeartbeat > HEARTBEAT.toNanos()) {
                report(db, registry);
                reportedRegistry = registry;
                lastHeartbeat = now;
            }
            lastSuccess = now;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            LOG.debugf("Change watch failed, caches are bypassed until it reads again: %s", e.getMessage());
        }
    }

    private void report(Connection db, long registry) throws SQLException {
        if (System.nanoTime() - lastCleanup > CLEANUP.toNanos()) {
            try (Statement delete = db.createStatement()) { // rows of instances long gone (each start is a new one)
                delete.executeUpdate("DELETE FROM gateway_instance WHERE seen_at < NOW(6) - INTERVAL 1 DAY");
            }
            lastCleanup = System.nanoTime();
        }
        try (PreparedStatement upsert = db.prepareStatement("INSERT INTO gateway_instance (instance_id, "
                + "registry_seen, seen_at) VALUES (?, ?, NOW(6)) ON DUPLICATE KEY UPDATE registry_seen = VALUES("
                + "registry_seen), seen_at = VALUES(seen_at)")) {
            upsert.setString(1, instanceId);
            upsert.setLong(2, registry);
            upsert.executeUpdate();
        }
    }

    /** Increments {@code name}'s counter on {@code transaction}: the change and its signal commit together. */
    public static void changed(Connection transaction, String name) throws SQLException {
        try (PreparedStatement update = transaction.prepareStatement(
                "UPDATE change_counter SET value = value + 1 WHERE name = ?")) {
            update.setString(1, name);
            update.executeUpdate();
        }
    }

    /**
     * Waits until every running instance has seen the current registry generation (it dropped its cached rows), at
     * most {@code timeout}; returns the instances that have not confirmed (empty: all did). Instances that have not
     * reported for {@link #ALIVE} are not running, or bypass their caches anyway.
     */
    public static List<String> awaitRegistrySeen(DataSource dataSource, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection db = dataSource.getConnection()) {
            long generation;
            try (PreparedStatement select = db.prepareStatement("SELECT value FROM change_counter WHERE name = ?")) {
                select.setString(1, REGISTRY);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    generation = row.getLong(1);
                }
            }
            while (true) {
                List<String> behind = new ArrayList<>();
                try (PreparedStatement select = db.prepareStatement("SELECT instance_id FROM gateway_instance WHERE "
                        + "registry_seen < ? AND seen_at > NOW(6) - INTERVAL " + ALIVE.toMillis() + " * 1000 "
                        + "MICROSECOND")) {
                    select.setLong(1, generation);
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            behind.add(rows.getString(1));
                        }
                    }
                }
                if (behind.isEmpty() || System.nanoTime() > deadline) {
                    return behind;
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read which gateway instances saw the change", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for gateway instances", e);
        }
    }

    private static String instanceName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name.length() > 40 ? name.substring(0, 40) : name;
        } catch (UnknownHostException e) {
            return "gateway";
        }
    }
}
