package eu.efgs.gateway.dashboard;

import java.time.LocalDate;
import java.util.List;

/**
 * Download batches per UTC day (all countries' keys: every country downloads every batch) and the time from
 * upload to batch of the viewer's uploads (an operator's: everyone's), by the day of the upload.
 */
public record BatchesPanel(LocalDate from, LocalDate to, long batches, long keys, List<Day> days) {

    /**
     * One day: batches dated that day, their keys (average per batch, rounded, and the largest batch), and the
     * uploads made that day that are in a batch, with the median and the longest time from upload to batch.
     */
    public record Day(LocalDate date, long batches, long keys, long keysPerBatch, long maxKeysPerBatch,
                      long uploadsBatched, double medianUploadToBatchSeconds, double maxUploadToBatchSeconds) {
    }
}
