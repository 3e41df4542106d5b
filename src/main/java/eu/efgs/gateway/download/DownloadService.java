package eu.efgs.gateway.download;

import com.google.protobuf.InvalidProtocolBufferException;
import eu.efgs.gateway.platform.DiagnosisKeyBatchWriter;
import eu.interop.DiagnosisKey;
import eu.interop.DiagnosisKeyBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
    DownloadCounts counts;

    /** Key filters; empty means all keys. */
    public record Filter(Optional<String> visitedCountry, Optional<String> origin) {
        static final Filter NONE = new Filter(Optional.empty(), Optional.empty());

        boolean any() {
            return visitedCountry.isPresent() || origin.isPresent();
        }

        boolean matches(DiagnosisKey key) {
            return visitedCountry.map(key.getVisitedCountriesList()::contains).orElse(true)
                    && origin.map(key.getOrigin()::equals).orElse(true);
        }
    }

    public ReadyBody body(DownloadBatch batch, String requesterCountry, boolean json, Filter filter) {
        if (!filter.any()) {
            return batches.body(batch, requesterCountry, json);
        }
        List<Slice> slices = batches.slices(batch).stream()
                .filter(slice -> !slice.country().equals(requesterCountry)).toList();
        return filtered(slices, json, filter);
    }

    private static ReadyBody filtered(List<Slice> slices, boolean json, Filter filter) {
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
        return ReadyBody.once(bytes, keys.size());
    }

    /** Counts a served download (kept beyond key retention). */
    public void record(DownloadBatch batch, String requesterCountry, int keyCount, DownloadCounts.Answered answered) {
        counts.count(batch, requesterCountry, keyCount, answered);
    }
}
