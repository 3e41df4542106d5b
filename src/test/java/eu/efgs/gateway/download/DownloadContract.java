package eu.efgs.gateway.download;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The download's response headers as the code writes them, for the contract test (package-private types). */
public final class DownloadContract {

    private DownloadContract() {
    }

    /** Headers of a 200 or 304 (protobuf, the format with the most headers), Content-Type aside. */
    public static Set<String> answerHeaders() {
        var batch = new DownloadBatch(1, "20240101-1", LocalDate.of(2024, 1, 1), 0, Optional.empty(), false);
        Set<String> names = new TreeSet<>(DownloadHeaders.of(batch, "DE", false, DownloadService.Filter.NONE).keySet());
        names.remove("Content-Type");
        return names;
    }

    /** Headers of the 404 for a day without a batch yet. */
    public static Set<String> noBatchForDateHeaders() {
        return new TreeSet<>(new BatchResolver.NoBatchForDate("null").headers().keySet());
    }
}
