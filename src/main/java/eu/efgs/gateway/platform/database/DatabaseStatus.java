package eu.efgs.gateway.platform.database;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Whether the database is reachable, as last seen by the probe or by a request. An outage is logged once as a
 * WARN when it starts and once as INFO when it ends, never once per failed request.
 */
@ApplicationScoped
public class DatabaseStatus {

    private static final Logger LOG = Logger.getLogger(DatabaseStatus.class);

    /** A state and since when it holds. */
    public record State(boolean reachable, Instant since, Optional<String> lastError) {
    }

    private final AtomicReference<State> state = new AtomicReference<>(
            new State(false, Instant.EPOCH, Optional.of("not probed yet")));
    private final LogThrottle conflictWarnings = new LogThrottle(Duration.ofMinutes(1));
    private volatile Runnable onOutage = () -> { };

    @Inject
    Clock clock;

    public State state() {
        return state.get();
    }

    public boolean reachable() {
        return state.get().reachable();
    }

    /** Records that the database answered. */
    public void reachableNow() {
        State before = state.getAndUpdate(s -> s.reachable() ? s : new State(true, clock.instant(), Optional.empty()));
        if (!before.reachable() && !before.since().equals(Instant.EPOCH)) {
            LOG.infof("Database reachable again after %s", Duration.between(before.since(), clock.instant()));
        }
    }

    /**
     * Called once when an outage starts (the probe then checks at once: with several database nodes in the URL the
     * next connection may already reach another node, and the outage is over within one probe).
     */
    void onOutage(Runnable listener) {
        onOutage = listener;
    }

    /** Records that the database could not be reached, logging the first failure of an outage. */
    public void unreachableNow(Throwable failure) {
        String reason = reason(failure);
        State before = state.getAndUpdate(s -> s.reachable() || s.since().equals(Instant.EPOCH)
                ? new State(false, clock.instant(), Optional.of(reason)) : s);
        if (before.reachable()) {
            LOG.warnf("Database unreachable: %s. Requests are answered 503 until it is back.", reason);
            onOutage.run();
        } else {
            LOG.debugf(failure, "Database still unreachable");
        }
    }

    /**
     * Takes a failure a caller could not handle: if it shows the database unreachable or saturated it is recorded
     * (and is no bug), and true is returned.
     */
    public boolean absorb(Throwable failure) {
        if (DatabaseFailures.unreachable(failure)) {
            unreachableNow(failure);
            return true;
        }
        if (DatabaseFailures.conflict(failure)) {
            // retried already (ConflictRetry) where the work allows; what is left is answered 503, warned once a minute
            conflictWarnings.letThrough(clock.instant()).ifPresent(held -> LOG.warnf("Concurrent writes kept "
                    + "conflicting (deadlock or Galera certification failure, retried where safe): %s; answered 503%s",
                    reason(failure), held == 0 ? "" : " (" + held + " more since the last such warning)"));
            return true;
        }
        if (DatabaseFailures.unavailable(failure)) {
            LOG.debugf(failure, "Database busy");
            return true;
        }
        return false;
    }

    private static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("");
        return root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }
}
