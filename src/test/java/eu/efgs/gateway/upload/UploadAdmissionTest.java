package eu.efgs.gateway.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.efgs.gateway.platform.ErrorCode;
import eu.efgs.gateway.platform.GatewayException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bounded upload queue: a turn, a wait in line, or an immediate UPLOADS_BUSY refusal. */
class UploadAdmissionTest {

    @Test
    void aFullQueueIsRefusedAtOnceAndAWaitingUploadGetsTheNextTurn() throws Exception {
        UploadAdmission admission = new UploadAdmission(1, 1, Duration.ofSeconds(30));
        UploadAdmission.Turn first = admission.enter();
        CompletableFuture<UploadAdmission.Turn> second = CompletableFuture.supplyAsync(admission::enter);
        awaitWaiting(admission, 1);

        long started = System.nanoTime();
        GatewayException third = assertThrows(GatewayException.class, admission::enter);
        assertEquals(ErrorCode.UPLOADS_BUSY, third.code());
        assertTrue(third.getMessage().contains("queue is full"), third.getMessage());
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5), "refused without waiting");
        assertEquals(1, admission.active(1));

        first.release();
        UploadAdmission.Turn secondTurn = second.get(5, TimeUnit.SECONDS);
        assertEquals(0, admission.waiting());
        assertEquals(1, admission.active(1));
        secondTurn.release();
        assertEquals(0, admission.active(1));
    }

    @Test
    void anUploadWhoseTurnDoesNotComeWithinTheWaitIsRefused() {
        UploadAdmission admission = new UploadAdmission(1, 10, Duration.ofMillis(200));
        UploadAdmission.Turn held = admission.enter();
        long started = System.nanoTime();
        GatewayException refused = assertThrows(GatewayException.class, admission::enter);
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertEquals(ErrorCode.UPLOADS_BUSY, refused.code());
        assertTrue(waitedMillis >= 150, "waited its turn first: " + waitedMillis + " ms");
        assertEquals(0, admission.waiting(), "the refused upload left the queue");
        held.release();
        admission.enter().release();
    }

    @Test
    void aTurnGivenBackTwiceFreesOnePlaceOnly() {
        UploadAdmission admission = new UploadAdmission(2, 0, Duration.ofMillis(10));
        UploadAdmission.Turn first = admission.enter();
        UploadAdmission.Turn second = admission.enter();
        first.release();
        first.release(); // an exchange that ends twice (answer sent, then connection closed)
        assertEquals(1, admission.active(2));
        UploadAdmission.Turn third = admission.enter();
        assertEquals(ErrorCode.UPLOADS_BUSY,
                assertThrows(GatewayException.class, admission::enter).code(), "still two at most");
        second.release();
        third.release();
        assertEquals(0, admission.active(2));
    }

    private static void awaitWaiting(UploadAdmission admission, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (admission.waiting() != expected) {
            assertTrue(System.nanoTime() < deadline, "an upload waiting for its turn");
            Thread.sleep(5);
        }
    }
}
