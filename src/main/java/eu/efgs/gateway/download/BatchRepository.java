package eu.efgs.gateway.download;

import eu.efgs.gateway.batching.SliceFormat;
import eu.efgs.gateway.keys.PayloadCipher;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads download batches and their slices. Batches are immutable, so decrypted slices are kept in a bounded LRU
 * cache: a batch is decrypted once per instance, not per request.
 */
@ApplicationScoped
public class BatchRepository {

    private static final String BATCH_COLUMNS =
            "SELECT id, batch_tag, batch_date, key_count, next_batch_tag, expired_at FROM download_batch ";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    PayloadCipher cipher;

    @Inject
    DownloadConfig config;

    private Map<Long, List<Slice>> cache;

    @jakarta.annotation.PostConstruct
    void init() {
        int capacity = config.cachedBatches();
        cache = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, List<Slice>> eldest) {
                return size() > capacity;
            }
        });
    }

    public Optional<DownloadBatch> byTag(String batchTag) {
        return one(BATCH_COLUMNS + "WHERE batch_tag = ?", batchTag);
    }

    /** The first batch created on {@code date}. */
    public Optional<DownloadBatch> firstOfDay(LocalDate date) {
        return one(BATCH_COLUMNS + "WHERE batch_date = ? ORDER BY sequence LIMIT 1", date);
    }

    /** The first batch of a day after {@code date}, for the continuation header of an empty day. */
    public Optional<DownloadBatch> firstAfter(LocalDate date) {
        return one(BATCH_COLUMNS + "WHERE batch_date > ? ORDER BY batch_date, sequence LIMIT 1", date);
    }

    public List<Slice> slices(DownloadBatch batch) {
        List<Slice> cached = cache.get(batch.id());
        if (cached != null) {
            return cached;
        }
        List<Slice> slices = load(batch);
        cache.put(batch.id(), slices);
        return slices;
    }

    private List<Slice> load(DownloadBatch batch) {
        List<Slice> slices = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT slice_index, upload_batch_id, country, "
                     + "first_key_index, key_count, key_id, protobuf, json FROM download_slice "
                     + "WHERE download_batch_id = ? ORDER BY slice_index")) {
            select.setLong(1, batch.id());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    int index = rows.getInt(1);
                    String keyId = rows.getString(6);
                    slices.add(new Slice(index, rows.getLong(2), rows.getString(3), rows.getInt(4), rows.getInt(5),
                            decrypt(keyId, rows.getBytes(7), SliceFormat.PROTOBUF.aad(batch.batchTag(), index)),
                            decrypt(keyId, rows.getBytes(8), SliceFormat.JSON.aad(batch.batchTag(), index))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read slices of " + batch.batchTag(), e);
        }
        return List.copyOf(slices);
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
                return Optional.of(new DownloadBatch(row.getLong(1), row.getString(2),
                        row.getObject(3, LocalDate.class), row.getInt(4), Optional.ofNullable(row.getString(5)),
                        row.getTimestamp(6) != null));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read download_batch", e);
        }
    }

    /** Drops cached slices (retention). */
    public void forget(long batchId) {
        cache.remove(batchId);
    }
}
