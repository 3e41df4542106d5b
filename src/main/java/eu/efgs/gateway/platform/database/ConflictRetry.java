package eu.efgs.gateway.platform.database;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.jboss.logging.Logger;

/**
 * Runs an idempotent database operation again when a concurrent write made the database roll it back
 * ({@link DatabaseFailures#conflict}). On a Galera cluster that is routine: transactions on different nodes are
 * certified at commit, and the later of two that wrote the same rows fails there instead of waiting for a lock.
 * Attempts are bounded and spaced by a doubling backoff with jitter (each wait 50–100 % of its step), so that two
 * losers do not collide again in step. A conflict that outlasts the attempts is thrown as it came; callers answer
 * it 503 with Retry-After ({@link DatabaseFailures#unavailable}).
 */
public final class ConflictRetry {

    private static final Logger LOG = Logger.getLogger(ConflictRetry.class);

    /** How often and how far apart. */
    public record Policy(int attempts, Duration firstBackoff, Duration maxBackoff) {
        public Policy {
            if (attempts < 1 || firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
                throw new IllegalArgumentException("attempts >= 1 and 0 <= firstBackoff <= maxBackoff");
            }
        }

        public static Policy of(DatabaseConfig config) {
            return new Policy(config.conflictAttempts(), config.conflictBackoff(), config.conflictMaxBackoff());
        }
    }

    /** One attempt of the operation; it must leave nothing behind when it throws (one transaction, rolled back). */
    @FunctionalInterface
    public interface Attempt<T> {
        T run() throws SQLException;
    }

    /** How the retry waits (tests do not). */
    @FunctionalInterface
    interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Policy policy;
    private final DoubleSupplier random;
    private final Pause pause;

    public ConflictRetry(Policy policy) {
        this(policy, () -> ThreadLocalRandom.current().nextDouble(), duration -> Thread.sleep(duration.toMillis()));
    }

    ConflictRetry(Policy policy, DoubleSupplier random, Pause pause) {
        this.policy = policy;
        this.random = random;
        this.pause = pause;
    }

    public Policy policy() {
        return policy;
    }

    /** Runs {@code attempt} until it succeeds, fails otherwise, or has conflicted {@code attempts} times. */
    public <T> T call(String operation, Attempt<T> attempt) throws SQLException {
        for (int failed = 0; ; ) {
            try {
                return attempt.run();
            } catch (SQLException | RuntimeException e) {
                failed++;
                if (!DatabaseFailures.conflict(e) || failed >= policy.attempts()) {
                    throw e;
                }
                Duration wait = backoff(failed);
                LOG.debugf("%s: a concurrent write conflicted (attempt %d of %d); again in %d ms", operation, failed,
                        policy.attempts(), wait.toMillis());
                try {
                    pause.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** The wait after the {@code failed}-th conflict: the doubled step, capped, times 0.5–1.0. */
    Duration backoff(int failed) {
        long step = policy.firstBackoff().toNanos();
        for (int i = 1; i < failed && step < policy.maxBackoff().toNanos(); i++) {
            step *= 2;
        }
        step = Math.min(step, policy.maxBackoff().toNanos());
        return Duration.ofNanos((long) (step * (0.5 + 0.5 * random.getAsDouble())));
    }
}
