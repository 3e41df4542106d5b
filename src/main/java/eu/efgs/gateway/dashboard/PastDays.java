package eu.efgs.gateway.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Figures of whole past days, per viewer scope and window, kept for a while. Only days before today are cached:
 * rows are written with the time they happen, so a past day only gains rows that were in flight at midnight (or
 * from an instance with a lagging clock), which the next read after {@code ttl} picks up.
 */
final class PastDays<T> {

    private record Key(String scope, Window window) {
    }

    private record Entry<T>(T value, Instant loadedAt) {
    }

    private final Map<Key, Entry<T>> entries = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock;

    PastDays(Duration ttl, Clock clock) {
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("efgs.dashboard.past-days-ttl must not be negative: " + ttl);
        }
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The figures of {@code past} for {@code scope}, loaded with {@code load} when absent or older than the ttl. */
    T get(String scope, Window past, Supplier<T> load) {
        Instant now = clock.instant();
        Key key = new Key(scope, past);
        Entry<T> cached = entries.get(key);
        if (cached != null && now.isBefore(cached.loadedAt().plus(ttl))) {
            return cached.value();
        }
        T value = load.get();
        if (!ttl.isZero()) {
            entries.values().removeIf(entry -> !now.isBefore(entry.loadedAt().plus(ttl))); // yesterday's windows
            entries.put(key, new Entry<>(value, now));
        }
        return value;
    }
}
