package eu.efgs.gateway.batching;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the uploads of the next download batch: whole uploads, in upload order, while the total stays within
 * the limit. An upload larger than the limit (the limit was lowered after it arrived) forms a batch alone, so it
 * never blocks the queue.
 */
public final class BatchPlanner {

    /** A stored upload not yet in a batch. */
    public record PendingUpload(long id, int keyCount) {
    }

    private BatchPlanner() {
    }

    public static List<PendingUpload> next(List<PendingUpload> pendingInOrder, int docLimit) {
        List<PendingUpload> chosen = new ArrayList<>();
        long total = 0;
        for (PendingUpload upload : pendingInOrder) {
            if (!chosen.isEmpty() && total + upload.keyCount() > docLimit) {
                break;
            }
            chosen.add(upload);
            total += upload.keyCount();
            if (total >= docLimit) {
                break;
            }
        }
        return chosen;
    }
}
