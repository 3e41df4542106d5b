package eu.efgs.gateway.callback;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CallbackJobTest {

    @Test
    void aLeaseMustOutlastConnectingAndWaitingForTheAnswer() {
        assertThrows(IllegalStateException.class,
                () -> CallbackJob.requireLeaseOutlastsRequest(Duration.ofSeconds(29), Duration.ofSeconds(10)));
        assertDoesNotThrow(() -> CallbackJob.requireLeaseOutlastsRequest(Duration.ofSeconds(30),
                Duration.ofSeconds(10)));
    }
}
