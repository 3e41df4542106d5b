package eu.efgs.gateway.download;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;

/**
 * Download statistics without a database write per download: downloads are counted in memory per batch, country and
 * second and written once a second as one statement (a row per batch, country and second, with how many downloads
 * and keys). Readers of the statistics flush first. At most a second of counts is lost if the process dies.
 */
@ApplicationScoped
public class DownloadCounts {

    private static final Logger LOG = Logger.getLogger(DownloadCounts.class);
    /** Beyond this many pending rows (a long database outage) counts are dropped, with a warning. */
    private static final int MAX_PENDING = 100_000;

    private record Key(long batchId, String country, long epochSecond) {
    }

    private record Counts(LongAdder downloads, LongAdder keys) {
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry metrics;

    private final Map<Key, Counts> pending = new ConcurrentHashMap<>();
    private final Map<String, Counter> keysByCountry = new ConcurrentHashMap<>();
    private final Map<Answered, Counter> downloads = new ConcurrentHashMap<>();
    private ScheduledExecutorService executor;

    void start(@Observes StartupEvent event) {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "efgs-download-counts");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::flushQuietly, 1, 1, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
        flushQuietly();
    }

    /** Where a download was answered: from memory on the event loop, or by the resource on a worker thread. */
    public enum Answered {
        MEMORY, WORKER
    }

    /** Counts one served download of {@code keyCount} keys. */
    public void count(DownloadBatch batch, String country, int keyCount, Answered answered) {
        Key key = new Key(batch.id(), country, clock.instant().getEpochSecond());
        if (pending.size() >= MAX_PENDING && !pending.containsKey(key)) {
            LOG.warnf("Download statistics are not being written (database unreachable?); dropping counts");
            return;
        }
        Counts counts = pending.computeIfAbsent(key, k -> new Counts(new LongAdder(), new LongAdder()));
        counts.downloads().increment();
        counts.keys().add(keyCount);
        keysByCountry.computeIfAbsent(country, c -> metrics.counter("efgs.downloaded.keys", "country", c))
                .increment(keyCount);
        downloads.computeIfAbsent(answered, a -> metrics.counter("efgs.downloads", "answered",
                a.name().toLowerCase(java.util.Locale.ROOT))).increment();
    }

    /** Writes what was counted so far (statistics readers call this first, so they see their own instance's). */
    public synchronized void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Map<Key, long[]> taken = new java.util.HashMap<>();
        for (Key key : pending.keySet()) {
            Counts counts = pending.remove(key);
            if (counts != null) {
                taken.put(key, new long[] {counts.downloads().sum(), counts.keys().sum()});
            }
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO download_statistics (requested_at, "
                     + "download_batch_id, country, downloads, key_count) VALUES (?, ?, ?, ?, ?)")) {
            for (Map.Entry<Key, long[]> row : taken.entrySet()) {
                insert.setTimestamp(1, Timestamp.from(Instant.ofEpochSecond(row.getKey().epochSecond())));
                insert.setLong(2, row.getKey().batchId());
                insert.setString(3, row.getKey().country());
                insert.setLong(4, row.getValue()[0]);
                insert.setLong(5, row.getValue()[1]);
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException | RuntimeException e) {
            taken.forEach((key, values) -> { // written next time
                Counts counts = pending.computeIfAbsent(key, k -> new Counts(new LongAdder(), new LongAdder()));
                counts.downloads().add(values[0]);
                counts.keys().add(values[1]);
            });
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(
                    "Cannot write download statistics", e);
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.debugf("Download statistics not written yet: %s", e.getMessage());
        }
    }
}
