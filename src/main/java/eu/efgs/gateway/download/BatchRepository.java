package eu.efgs.gateway.download;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import eu.efgs.gateway.batching.SliceFormat;
import eu.efgs.gateway.keys.PayloadCipher;
import eu.efgs.gateway.platform.DiagnosisKeyBatchWriter;
import eu.efgs.gateway.platform.database.ChangeWatch;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads download batches and serves their bodies. A batch never changes once made (only its successor link and its
 * expiry are set later), so what a request needs is kept in memory: batch rows under the batch-chain generation of
 * {@link ChangeWatch} (any new batch or expiry moves it), decrypted slices and ready bodies (per batch, format and
 * excluded country) in caches bounded in bytes. A download then touches the database only when something it
 * needs changed or was evicted. Every country that uploaded nothing to a batch gets the same body, so that body is
 * kept once, not once per downloading country. Bodies are not made ahead: the first request assembles one from
 * read-ahead slices in about a millisecond, while bodies made ahead for every new batch (outside the heap, freed
 * only after a collection) cost about 100 MB more resident memory in the benchmark.
 */
@ApplicationScoped
public class BatchRepository {

    /** A key as protobuf (about 60 bytes) and as JSON (about 250). */
    private static final int ESTIMATED_SLICE_BYTES_PER_KEY = 310;
    private static final String BATCH_COLUMNS =
            "SELECT id, batch_tag, batch_date, key_count, next_batch_tag, expired_at FROM download_batch ";

    /** A row lookup (by tag, or a day's first) as read under a batch-chain generation. */
    private record Looked(Optional<DownloadBatch> batch, long generation) {
    }

    /** A body: the batch without the slices of {@code excludedCountry} ({@link #NO_COUNTRY}: all slices). */
    private record BodyKey(long batchId, String excludedCountry, boolean json) {
    }

    private static final String NO_COUNTRY = "";
    /** Far more batches than 14 days of retention hold at a few hundred batches a day. */
    private static final int KEPT_BATCHES = 20_000;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    PayloadCipher cipher;

    @Inject
    DownloadConfig config;

    @Inject
    ChangeWatch watch;

    @Inject
    MeterRegistry metrics;

    /**
     * Batch rows by tag and days by date, and the countries with keys in each batch (what decides which body a
     * country gets). Unknown tags are not kept, so requests cannot grow them; bounded in entries all the same, so a
     * gateway running for years does not keep every batch it ever served.
     */
    private final Map<String, Looked> lookups = Caffeine.newBuilder().maximumSize(KEPT_BATCHES)
            .<String, Looked>build().asMap();
    private final Map<Long, Set<String>> uploaders = Caffeine.newBuilder().maximumSize(KEPT_BATCHES)
            .<Long, Set<String>>build().asMap();
    private Cache<Long, List<Slice>> slices;
    private Cache<BodyKey, ReadyBody> bodies;
    /**
     * The slices of the newest batches, replaced as a whole by each read-ahead and bounded like it (half the slice
     * memory). Kept apart from {@link #slices}: that cache admits by frequency, and a batch nobody has asked for yet
     * loses against batches asked for often, so it could be dropped the moment it was read.
     */
    private volatile Map<Long, List<Slice>> readAhead = Map.of();

    @PostConstruct
    void init() {
        slices = Caffeine.newBuilder().maximumWeight(config.sliceCacheMegabytes() * 1_048_576L)
                .weigher((Long id, List<Slice> batch) -> batch.stream()
                        .mapToInt(slice -> slice.protobuf().length + slice.json().length).sum())
                .build();
        bodies = Caffeine.newBuilder().maximumWeight(config.bodyCacheMegabytes() * 1_048_576L)
                .weigher((BodyKey key, ReadyBody body) -> body.size())
                .build();
        Gauge.builder("efgs.download.ready.bodies", this, BatchRepository::readyBodyBytes).baseUnit("bytes")
                .description("Memory taken by download bodies kept ready (efgs.download.body-cache-megabytes)")
                .register(metrics);
    }

    public Optional<DownloadBatch> byTag(String batchTag) {
        return lookup(tagKey(batchTag), BATCH_COLUMNS + "WHERE batch_tag = ?", batchTag, true);
    }

    /** The first batch created on {@code date}. */
    public Optional<DownloadBatch> firstOfDay(LocalDate date) {
        return lookup(dayKey(date), BATCH_COLUMNS + "WHERE batch_date = ? ORDER BY sequence LIMIT 1", date, false);
    }

    /**
     * The batch of this tag (or, with none, the day's first) if it is known in memory under the current
     * generation; empty when only the database could tell.
     */
    public Optional<DownloadBatch> kept(LocalDate date, Optional<String> batchTag) {
        long generation = watch.generation(ChangeWatch.BATCHES);
        Looked looked = lookups.get(batchTag.map(BatchRepository::tagKey).orElseGet(() -> dayKey(date)));
        return generation >= 0 && looked != null && looked.generation() == generation ? looked.batch()
                : Optional.empty();
    }

    /**
     * The ready body if it is in memory; a body whose slices are in memory (read ahead) is put together now: a copy
     * of bytes already decrypted and encoded (protobuf messages, JSON fragments), no database read, so the first
     * download of a new batch is answered like the next ones.
     */
    public Optional<ReadyBody> keptBody(DownloadBatch batch, String requesterCountry, boolean json) {
        List<Slice> read = keptSlices(batch.id());
        Set<String> countries = read != null ? uploaders(batch.id(), read) : uploaders.get(batch.id());
        if (countries == null) {
            return Optional.empty();
        }
        BodyKey key = key(batch.id(), countries, requesterCountry, json);
        ReadyBody kept = bodies.getIfPresent(key);
        if (kept != null) {
            return Optional.of(kept);
        }
        return read == null ? Optional.empty() : Optional.of(bodies.get(key, k -> assemble(read, k)));
    }

    /** The first batch of a day after {@code date}, for the continuation header of an empty day. */
    public Optional<DownloadBatch> firstAfter(LocalDate date) {
        return lookup("after:" + date, BATCH_COLUMNS + "WHERE batch_date > ? ORDER BY batch_date, sequence LIMIT 1",
                date, false);
    }

    /** The batch without the keys {@code requesterCountry} uploaded, ready to send. */
    public ReadyBody body(DownloadBatch batch, String requesterCountry, boolean json) {
        // the slices are read only when the body must be made: a kept body needs only the batch's countries
        Set<String> countries = uploaders.get(batch.id());
        if (countries == null) {
            List<Slice> all = slices(batch);
            return bodies.get(key(batch.id(), uploaders(batch.id(), all), requesterCountry, json),
                    key -> assemble(all, key));
        }
        return bodies.get(key(batch.id(), countries, requesterCountry, json), key -> assemble(slices(batch), key));
    }

    /** The memory the ready bodies take, in bytes. */
    public long readyBodyBytes() {
        bodies.cleanUp(); // writes are accounted for in the background; a gauge should see them all
        return bodies.policy().eviction().map(eviction -> eviction.weightedSize().orElse(0)).orElse(0L);
    }

    private static BodyKey key(long batchId, Set<String> uploaders, String requesterCountry, boolean json) {
        return new BodyKey(batchId, uploaders.contains(requesterCountry) ? requesterCountry : NO_COUNTRY, json);
    }

    private Set<String> uploaders(long batchId, List<Slice> slices) {
        return uploaders.computeIfAbsent(batchId,
                id -> slices.stream().map(Slice::country).collect(Collectors.toUnmodifiableSet()));
    }

    /** Assembled outside the heap directly: no heap copy on the way, even for a 1 MiB JSON body. */
    private static ReadyBody assemble(List<Slice> slices, BodyKey key) {
        List<Slice> others = slices.stream().filter(slice -> !slice.country().equals(key.excludedCountry())).toList();
        int keys = others.stream().mapToInt(Slice::keyCount).sum();
        if (key.json()) {
            return ReadyBody.direct(DiagnosisKeyBatchWriter.jsonBatch(others.stream().map(Slice::json).toList(),
                    ByteBuffer::allocateDirect), keys);
        }
        // the body is a concatenation of the slices' protobuf bytes
        ByteBuffer out = ByteBuffer.allocateDirect(others.stream().mapToInt(s -> s.protobuf().length).sum());
        others.forEach(slice -> out.put(slice.protobuf()));
        return ReadyBody.direct(out.flip(), keys);
    }

    public List<Slice> slices(DownloadBatch batch) {
        List<Slice> kept = keptSlices(batch.id());
        return kept != null ? kept : slices.get(batch.id(), id -> load(batch));
    }

    /** The batch's slices if they are in memory (read ahead, or cached), else {@code null}. */
    private List<Slice> keptSlices(long batchId) {
        List<Slice> ahead = readAhead.get(batchId);
        return ahead != null ? ahead : slices.getIfPresent(batchId);
    }

    /**
     * Reads a lookup unless it was read under the current generation. Unknown tags are not kept, so requests for
     * made-up tags cannot grow the map.
     */
    private Optional<DownloadBatch> lookup(String key, String sql, Object argument, boolean keepOnlyFound) {
        long generation = watch.generation(ChangeWatch.BATCHES); // before reading: a change after it shows
        Looked looked = lookups.get(key);
        if (generation >= 0 && looked != null && looked.generation() == generation) {
            return looked.batch();
        }
        Optional<DownloadBatch> batch = one(sql, argument);
        if (generation >= 0 && (batch.isPresent() || !keepOnlyFound)) {
            lookups.put(key, new Looked(batch, generation));
        }
        return batch;
    }

    private static String tagKey(String batchTag) {
        return "tag:" + batchTag;
    }

    private static String dayKey(LocalDate date) {
        return "day:" + date;
    }

    private List<Slice> load(DownloadBatch batch) {
        List<Slice> loaded = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT slice_index, upload_batch_id, country, "
                     + "first_key_index, key_count, key_id, protobuf, json FROM download_slice "
                     + "WHERE download_batch_id = ? ORDER BY slice_index")) {
            select.setLong(1, batch.id());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    int index = rows.getInt(1);
                    String keyId = rows.getString(6);
                    loaded.add(new Slice(index, rows.getLong(2), rows.getString(3), rows.getInt(4), rows.getInt(5),
                            decrypt(keyId, rows.getBytes(7), SliceFormat.PROTOBUF.aad(batch.batchTag(), index)),
                            decrypt(keyId, rows.getBytes(8), SliceFormat.JSON.aad(batch.batchTag(), index))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read slices of " + batch.batchTag(), e);
        }
        return List.copyOf(loaded);
    }

    private static DownloadBatch batch(ResultSet row) throws SQLException {
        return new DownloadBatch(row.getLong(1), row.getString(2), row.getObject(3, LocalDate.class), row.getInt(4),
                Optional.ofNullable(row.getString(5)), row.getTimestamp(6) != null);
    }

    private byte[] decrypt(String keyId, byte[] stored, String aad) {
        try {
            return cipher.decrypt(keyId, stored, aad);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Slice " + aad + " fails its integrity check (altered row or wrong "
                    + "encryption key)", e);
        }
    }

    private Optional<DownloadBatch> one(String sql, Object argument) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, argument);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(batch(row));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read download_batch", e);
        }
    }

    /**
     * Reads the slices of the newest batches not in memory yet, and keeps their rows, newest first, while they take
     * at most half of the slice memory: the first download of a new batch (or after a restart) then costs only the
     * assembly of its body.
     */
    public void prefetch() {
        long generation = watch.generation(ChangeWatch.BATCHES);
        long budget = config.sliceCacheMegabytes() * 1_048_576L / 2;
        List<DownloadBatch> newest = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(BATCH_COLUMNS
                     + "WHERE expired_at IS NULL ORDER BY batch_date DESC, sequence DESC LIMIT 64")) {
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    newest.add(batch(rows));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the newest download batches", e);
        }
        Map<Long, List<Slice>> next = new HashMap<>();
        for (DownloadBatch batch : newest) {
            budget -= (long) batch.keyCount() * ESTIMATED_SLICE_BYTES_PER_KEY;
            if (budget < 0) {
                break;
            }
            next.put(batch.id(), slices(batch));
            readAhead = Map.copyOf(next); // the newest first, usable before the older ones are read
            if (generation >= 0) {
                lookups.merge(tagKey(batch.batchTag()), new Looked(Optional.of(batch), generation),
                        (kept, read) -> kept.generation() >= read.generation() ? kept : read);
            }
        }
        readAhead = Map.copyOf(next);
    }

    /** Drops what is kept of a batch (its stored slices were changed by hand). */
    public void forget(long batchId) {
        Map<Long, List<Slice>> ahead = new HashMap<>(readAhead);
        ahead.remove(batchId);
        readAhead = Map.copyOf(ahead);
        slices.invalidate(batchId);
        uploaders.remove(batchId);
        bodies.asMap().keySet().removeIf(key -> key.batchId() == batchId);
    }
}
