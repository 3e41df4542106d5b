package eu.efgs.gateway.download;

import java.time.LocalDate;
import java.util.Optional;

/** A download batch row. */
public record DownloadBatch(long id, String batchTag, LocalDate date, int keyCount, Optional<String> nextBatchTag,
                            boolean expired) {

    /** The nextBatchTag header value: the successor's tag, or the literal {@code null} (clients rely on it). */
    public String nextBatchTagHeader() {
        return nextBatchTag.orElse("null");
    }
}
