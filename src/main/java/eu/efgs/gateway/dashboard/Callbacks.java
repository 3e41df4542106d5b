package eu.efgs.gateway.dashboard;

import eu.efgs.gateway.callback.CallbackOutbox;
import eu.efgs.gateway.callback.CallbackSubscription;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The callbacks panel: subscriptions joined with the outbox's delivery figures (the query the metrics use). */
@ApplicationScoped
public class Callbacks {

    @Inject
    CallbackOutbox outbox;

    @Inject
    Clock clock;

    public CallbacksPanel read(Viewer viewer) {
        Map<Long, CallbackOutbox.Health> health = new HashMap<>();
        if (viewer.operator()) {
            outbox.health().forEach(one -> health.put(one.subscriptionId(), one));
        } else {
            health.putAll(outbox.healthOf(viewer.country()));
        }
        List<CallbackSubscription> subscriptions = QuarkusTransaction.joiningExisting().call(() -> viewer.operator()
                ? CallbackSubscription.<CallbackSubscription>list("order by country, callbackId")
                : CallbackSubscription.ofCountry(viewer.country()));
        Instant now = clock.instant();
        return new CallbacksPanel(subscriptions.stream().map(s -> {
            // a subscription created after the figures were read has none yet
            CallbackOutbox.Backlog backlog = health.containsKey(s.id) ? health.get(s.id).backlog()
                    : new CallbackOutbox.Backlog(0, Optional.empty());
            long lag = backlog.oldest().map(oldest -> Math.max(0, Duration.between(oldest, now).getSeconds()))
                    .orElse(0L);
            return new CallbacksPanel.Subscription(s.country, s.callbackId, s.url, s.state, s.sentCount,
                    s.failedCount, s.skippedCount, backlog.pending(), lag, s.consecutiveFailures, s.lastSuccess,
                    s.lastError);
        }).toList());
    }
}
