package eu.efgs.gateway.download;

import com.google.protobuf.InvalidProtocolBufferException;
import eu.efgs.gateway.platform.DiagnosisKeyBatchWriter;
import eu.interop.DiagnosisKey;
import eu.interop.DiagnosisKeyBatch;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Assembles a download from stored slices: the caller's own uploads are left out (by uploader country, as the
 * original), the rest is concatenated without touching single keys. Optional filters (forwarding gateways,
 * eHealth option B) decode the slices and keep matching keys; filtered responses cannot be sliced for audit.
 */
@ApplicationScoped
public class DownloadService {

    @Inject
    BatchRepository batches;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry metrics;

    /** Key filters; empty means all keys. */
    public record Filter(Optional<String> visitedCountry, Optional<String> origin) {
        boolean any() {
            return visitedCountry.isPresent() || origin.isPresent();
        }

        boolean matches(DiagnosisKey key) {
            return visitedCountry.map(key.getVisitedCountriesList()::contains).orElse(true)
                    && origin.map(key.getOrigin()::equals).orElse(true);
        }
    }

    /** A response body and how many keys it holds. */
    public record Body(byte[] bytes, int keyCount) {
    }

    public Body body(DownloadBatch batch, String requesterCountry, boolean json, Filter filter) {
        List<Slice> slices = batches.slices(batch).stream()
                .filter(slice -> !slice.country().equals(requesterCountry)).toList();
        if (filter.any()) {
            return filtered(slices, json, filter);
        }
        int keys = slices.stream().mapToInt(Slice::keyCount).sum();
        if (json) {
            return new Body(DiagnosisKeyBatchWriter.jsonBatch(slices.stream().map(Slice::json).toList()), keys);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        slices.forEach(slice -> out.writeBytes(slice.protobuf()));
        return new Body(out.toByteArray(), keys);
    }

    private static Body filtered(List<Slice> slices, boolean json, Filter filter) {
        List<DiagnosisKey> keys = new ArrayList<>();
        for (Slice slice : slices) {
            try {
                DiagnosisKeyBatch.parseFrom(slice.protobuf()).getKeysList().stream().filter(filter::matches)
                        .forEach(keys::add);
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("Stored slice is not a DiagnosisKeyBatch", e);
            }
        }
        byte[] bytes = json ? DiagnosisKeyBatchWriter.jsonBatch(List.of(DiagnosisKeyBatchWriter.jsonFragment(keys)))
                : DiagnosisKeyBatchWriter.protobuf(keys);
        return new Body(bytes, keys.size());
    }

    /** One statistics row per served download (kept beyond key retention). */
    public void record(DownloadBatch batch, String requesterCountry, int keyCount) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO download_statistics "
                     + "(requested_at, download_batch_id, country, key_count) VALUES (?, ?, ?, ?)")) {
            insert.setTimestamp(1, Timestamp.from(clock.instant()));
            insert.setLong(2, batch.id());
            insert.setString(3, requesterCountry);
            insert.setInt(4, keyCount);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write download statistics", e);
        }
        metrics.counter("efgs.downloaded.keys", "country", requesterCountry).increment(keyCount);
    }
}
