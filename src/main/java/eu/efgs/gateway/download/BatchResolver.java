package eu.efgs.gateway.download;

import eu.efgs.gateway.platform.ErrorCode;
import eu.efgs.gateway.platform.GatewayException;
import eu.efgs.gateway.retention.RetentionConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The date and batchTag rules shared by download and audit: dates before the retention window are 410 (the
 * window and the deletion follow one setting, so what is inside is complete), dates in the future 400; a batch
 * must not be older than the requested date. Any batch reachable from a date is auditable under that date.
 */
@ApplicationScoped
public class BatchResolver {

    @Inject
    BatchRepository batches;

    @Inject
    RetentionConfig retention;

    @Inject
    Clock clock;

    /** When a date has no batch yet: the first batch of a later day, for the nextBatchTag header. */
    public static final class NoBatchForDate extends GatewayException {
        private final String nextBatchTag;

        NoBatchForDate(String nextBatchTag) {
            super(ErrorCode.NO_BATCH_FOR_DATE, null);
            this.nextBatchTag = nextBatchTag;
        }

        @Override
        public java.util.Map<String, String> headers() {
            return java.util.Map.of("nextBatchTag", nextBatchTag);
        }
    }

    public LocalDate date(String text) {
        LocalDate date;
        try {
            date = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new GatewayException(ErrorCode.DATE_INVALID, null);
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (date.isBefore(today.minusDays(retention.maxAgeDays()))) {
            throw new GatewayException(ErrorCode.DATE_TOO_OLD, "Requested date is too old! Dates from "
                    + today.minusDays(retention.maxAgeDays()) + " are served");
        }
        if (date.isAfter(today)) {
            throw new GatewayException(ErrorCode.DATE_IN_FUTURE, null);
        }
        return date;
    }

    /**
     * The batch to serve if memory alone can tell that {@link #batch} would serve it (no database read, so it may
     * run on an event loop); empty otherwise.
     */
    public Optional<DownloadBatch> kept(LocalDate date, Optional<String> batchTag) {
        return batches.kept(date, batchTag).filter(batch -> !batch.expired() && !batch.date().isBefore(date));
    }

    /** The batch to serve for {@code date}: the named one, or the day's first. */
    public DownloadBatch batch(LocalDate date, Optional<String> batchTag, ErrorCode batchBeforeDate) {
        if (batchTag.isEmpty()) {
            return batches.firstOfDay(date).orElseThrow(() -> new NoBatchForDate(
                    batches.firstAfter(date).map(DownloadBatch::batchTag).orElse("null")));
        }
        DownloadBatch batch = batches.byTag(batchTag.get())
                .orElseThrow(() -> new GatewayException(ErrorCode.BATCH_NOT_FOUND, null));
        if (batch.expired()) {
            throw new GatewayException(ErrorCode.DATE_TOO_OLD, "Batch " + batch.batchTag() + " is past retention");
        }
        if (batch.date().isBefore(date)) {
            throw new GatewayException(batchBeforeDate, null);
        }
        return batch;
    }
}
