package eu.efgs.gateway.dashboard;

import eu.efgs.gateway.callback.CallbackSubscription;
import java.time.Instant;
import java.util.List;

/** Callback subscriptions with their delivery health (the figures GET callback and the metrics report). */
public record CallbacksPanel(List<Subscription> subscriptions) {

    /**
     * One subscription. {@code lagSeconds} is the age of the oldest batch not yet announced (0 when none is
     * pending); {@code lastError} is kept after a later success.
     */
    public record Subscription(String country, String callbackId, String url, CallbackSubscription.State state,
                               long sent, long failed, long skipped, long pending, long lagSeconds,
                               int consecutiveFailures, Instant lastSuccess, String lastError) {
    }
}
