package eu.efgs.gateway.callback;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Per-subscription callback metrics, tagged {@code country} and {@code callback_id}: {@code efgs.callback.sent},
 * {@code .failed}, {@code .skipped} (counters), {@code .pending} (tasks) and {@code .lag} (age of the oldest pending
 * task, seconds). The figures are read from the database, so every instance reports the same cluster-wide values.
 */
@ApplicationScoped
public class CallbackMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    CallbackOutbox outbox;

    @Inject
    Clock clock;

    private record Figures(double sent, double failed, double skipped, double pending, double lagSeconds) {
    }

    private final Map<Long, Figures> figures = new ConcurrentHashMap<>();
    private final Map<Long, List<Meter>> meters = new ConcurrentHashMap<>();

    public void refresh() {
        Instant now = clock.instant();
        List<CallbackOutbox.Health> current = outbox.health();
        Set<Long> present = new HashSet<>();
        current.forEach(health -> present.add(health.subscriptionId()));
        // removed first: a subscription deleted and created again gets a new id but the same tags
        for (Long gone : Set.copyOf(meters.keySet())) {
            if (!present.contains(gone)) {
                meters.remove(gone).forEach(registry::remove);
                figures.remove(gone);
            }
        }
        for (CallbackOutbox.Health health : current) {
            double lag = health.backlog().oldest().map(oldest -> Duration.between(oldest, now).toMillis() / 1000.0)
                    .map(seconds -> Math.max(seconds, 0)).orElse(0.0);
            figures.put(health.subscriptionId(), new Figures(health.sent(), health.failed(), health.skipped(),
                    health.backlog().pending(), lag));
            meters.computeIfAbsent(health.subscriptionId(), id -> register(id, health));
        }
    }

    private List<Meter> register(long id, CallbackOutbox.Health health) {
        Tags tags = Tags.of("country", health.country(), "callback_id", health.callbackId());
        return List.of(
                FunctionCounter.builder("efgs.callback.sent", figures, value(id, Figures::sent)).tags(tags)
                        .description("Callbacks answered with 2xx").register(registry),
                FunctionCounter.builder("efgs.callback.failed", figures, value(id, Figures::failed)).tags(tags)
                        .description("Failed callback attempts").register(registry),
                FunctionCounter.builder("efgs.callback.skipped", figures, value(id, Figures::skipped)).tags(tags)
                        .description("Callbacks not sent: batch already downloaded or expired").register(registry),
                Gauge.builder("efgs.callback.pending", figures, value(id, Figures::pending)).tags(tags)
                        .description("Batches not yet announced").register(registry),
                TimeGauge.builder("efgs.callback.lag", figures, TimeUnit.SECONDS, value(id, Figures::lagSeconds))
                        .tags(tags).description("Age of the oldest batch not yet announced").register(registry));
    }

    private static ToDoubleFunction<Map<Long, Figures>> value(long id, ToDoubleFunction<Figures> field) {
        return all -> {
            Figures current = all.get(id);
            return current == null ? 0 : field.applyAsDouble(current);
        };
    }
}
