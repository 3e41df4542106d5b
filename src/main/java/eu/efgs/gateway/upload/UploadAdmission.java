package eu.efgs.gateway.upload;

import eu.efgs.gateway.platform.ErrorCode;
import eu.efgs.gateway.platform.GatewayException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many uploads are checked and stored at once. Uploads beyond that wait their turn in a bounded queue (first
 * come, first served); when the queue is full, or the turn does not come within the wait limit, the upload is
 * refused at once with 503 and Retry-After, before its body is read. So a burst (efgs#73: fifty 5000-key uploads
 * during batching) waits instead of failing, and neither the connection pool nor the heap is exhausted.
 */
public final class UploadAdmission {

    private final Semaphore turns;
    private final int queueLimit;
    private final Duration maxWait;
    private final AtomicInteger waiting = new AtomicInteger();

    public UploadAdmission(int concurrency, int queueLimit, Duration maxWait) {
        this.turns = new Semaphore(concurrency, true);
        this.queueLimit = queueLimit;
        this.maxWait = maxWait;
    }

    /** A turn to process one upload; release it exactly once. */
    @FunctionalInterface
    public interface Turn {
        void release();
    }

    /** Waits for a turn, or refuses with {@link ErrorCode#UPLOADS_BUSY}. */
    public Turn enter() {
        if (turns.tryAcquire()) {
            return releaseOnce();
        }
        if (waiting.incrementAndGet() > queueLimit) {
            waiting.decrementAndGet();
            throw busy("the upload queue is full");
        }
        try {
            if (!turns.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw busy("no turn within " + maxWait.toSeconds() + " s");
            }
            return releaseOnce();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy("interrupted while waiting");
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** Uploads waiting for a turn now. */
    public int waiting() {
        return waiting.get();
    }

    /** Uploads being processed now. */
    public int active(int concurrency) {
        return concurrency - turns.availablePermits();
    }

    private Turn releaseOnce() {
        AtomicInteger released = new AtomicInteger();
        return () -> {
            if (released.getAndIncrement() == 0) {
                turns.release();
            }
        };
    }

    private static GatewayException busy(String why) {
        return new GatewayException(ErrorCode.UPLOADS_BUSY, "Too many uploads in progress (" + why + "); retry later");
    }
}
