package eu.efgs.gateway.statistics;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;

/** One country's traffic on one UTC day. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DailyStatistics(String country, LocalDate date, long uploads, long keysUploaded, Instant lastUpload,
                              long downloads, long keysDownloaded, Instant lastDownload) {
}
