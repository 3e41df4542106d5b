package eu.efgs.gateway.callback;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;

/** Callback settings ({@code efgs.callback.*}). */
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

    /** How often the sender looks for due callbacks. */
    @WithDefault("10s")
    String interval();

    /** Connect and response timeout of one callback request. */
    @WithDefault("PT10S")
    Duration timeout();

    /** Wait after the first failure; doubled per further failure (with jitter) up to {@link #maxBackoff()}. */
    @WithDefault("PT30S")
    Duration initialBackoff();

    /** Longest wait between two attempts; a failing subscription is retried at this pace until it recovers. */
    @WithDefault("PT30M")
    Duration maxBackoff();

    /** Consecutive failures after which a subscription is marked FAILING (its tasks are kept). */
    @WithDefault("8")
    @Min(1)
    @Max(1000)
    int failingAfter();

    /** How long a sender owns a subscription it claimed (at least 3 × timeout); a crashed sender's lease expires. */
    @WithDefault("PT2M")
    Duration lease();

    /** Most callbacks one sender run delivers before yielding to the next run. */
    @WithDefault("1000")
    @Min(1)
    int maxPerRun();
}
