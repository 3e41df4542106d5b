package eu.efgs.gateway.callback;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CallbackJobTest {

    @Test
    void aCallbackIsSentOnlyWhileTheLeaseOutlastsTheRequest() {
        Instant claimed = Instant.parse("2026-11-29T10:00:00Z");
        Instant leaseUntil = claimed.plus(Duration.ofMinutes(2));
        Duration timeout = Duration.ofSeconds(10);
        assertTrue(CallbackDispatcher.leaseCoversRequest(claimed.plusSeconds(1), leaseUntil, timeout));
        assertTrue(CallbackDispatcher.leaseCoversRequest(claimed.plusSeconds(99), leaseUntil, timeout));
        assertFalse(CallbackDispatcher.leaseCoversRequest(claimed.plusSeconds(100), leaseUntil, timeout),
                "connecting and waiting for the answer may take 20 s: another sender could own it by then");
        assertFalse(CallbackDispatcher.leaseCoversRequest(claimed.plusSeconds(130), leaseUntil, timeout));
    }
}
