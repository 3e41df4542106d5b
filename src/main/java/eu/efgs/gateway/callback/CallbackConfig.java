package eu.efgs.gateway.callback;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

/** Callback settings ({@code efgs.callback.*}); validated at start-up, bounds in the README. */
@ConfigMapping(prefix = "efgs.callback")
public interface CallbackConfig {

    /**
     * Test environments only: accept loopback, private and other non-public callback addresses. Off by default;
     * the gateway warns at start-up when it is on.
     */
    @WithDefault("false")
    boolean allowPrivateAddresses();

    /**
     * Compatibility: also accept a receiver presenting the country's AUTHENTICATION certificate (the original
     * accepted only those). Off by default: the receiver must present a registered CALLBACK certificate.
     */
    @WithDefault("false")
    boolean acceptAuthenticationCertificates();

    /** Name of the TLS configuration ({@code quarkus.tls.<name>.key-store.*}) with the gateway's client key. */
    @WithDefault("callback")
    @NotBlank
    String tlsConfiguration();

    /**
     * How often the sender looks for due callbacks. {@code CallbackJob}'s {@code @Scheduled} reads this property
     * without a default of its own, so this default is the only one.
     */
    @WithDefault("10s")
    @DurationMin(seconds = 1)
    @DurationMax(minutes = 10)
    Duration interval();

    /** Connect and response timeout of one callback request; a receiver slower than 2 minutes counts as down. */
    @WithDefault("PT10S")
    @DurationMin(seconds = 1)
    @DurationMax(minutes = 2)
    Duration timeout();

    /** Wait after the first failure; doubled per further failure (with jitter) up to {@link #maxBackoff()}. */
    @WithDefault("PT30S")
    @DurationMin(seconds = 1)
    @DurationMax(hours = 1)
    Duration initialBackoff();

    /**
     * Longest wait between two attempts; a failing subscription is retried at this pace until it recovers. At most
     * a day, so a receiver that comes back hears of new batches while they can still be downloaded.
     */
    @WithDefault("PT30M")
    @DurationMin(seconds = 1)
    @DurationMax(hours = 24)
    Duration maxBackoff();

    /** Consecutive failures after which a subscription is marked FAILING (its tasks are kept). */
    @WithDefault("8")
    @Min(1)
    @Max(1000)
    int failingAfter();

    /** How long a sender owns a subscription it claimed (at least 3 × timeout); a crashed sender's lease expires. */
    @WithDefault("PT2M")
    @DurationMin(seconds = 3)
    @DurationMax(hours = 1)
    Duration lease();

    /** Most callbacks one sender run delivers before yielding to the next run. */
    @WithDefault("1000")
    @Min(1)
    @Max(100000)
    int maxPerRun();

    /**
     * Connecting and waiting for the answer may each take the timeout; the lease must cover both and the
     * bookkeeping around them, or a second sender could take over a request still in flight.
     */
    @AssertTrue(message = "is false: efgs.callback.lease must be at least three times efgs.callback.timeout")
    default boolean isLeaseOutlastingRequest() {
        return lease().compareTo(timeout().multipliedBy(3)) >= 0;
    }

    /** {@code Backoff} doubles from the first wait up to the longest one. */
    @AssertTrue(message = "is false: efgs.callback.max-backoff must not be shorter than efgs.callback.initial-backoff")
    default boolean isMaxBackoffAtLeastInitial() {
        return maxBackoff().compareTo(initialBackoff()) >= 0;
    }
}
