package eu.efgs.gateway.platform.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * Time limits of one HTTP/1.1 exchange on the API ports ({@code efgs.http.*}), so that slow or silent clients
 * cannot hold connections, and no request waits without bound.
 */
@ConfigMapping(prefix = "efgs.http")
public interface HttpEdgeConfig {

    /**
     * From the connection's start, or the end of the previous response, until the request's headers are complete.
     * Also the keep-alive idle time of a connection. Slow-header clients are disconnected after it.
     */
    @WithDefault("PT20S")
    @DurationMin(millis = 200)
    @DurationMax(minutes = 10)
    Duration headerTimeout();

    /** From the end of the headers until the last byte of the body; then 408 and the connection is closed. */
    @WithDefault("PT30S")
    @DurationMin(millis = 200)
    @DurationMax(minutes = 10)
    Duration bodyTimeout();

    /**
     * From the end of the headers until the response starts; then 503 with Retry-After and the connection is
     * closed. The bound on every request, whatever it waits for (queue, database).
     */
    @WithDefault("PT60S")
    @DurationMin(millis = 500)
    @DurationMax(minutes = 30)
    Duration requestTimeout();

    /** What every 503 tells the client in {@code Retry-After}. */
    @WithDefault("PT10S")
    @DurationMin(seconds = 1)
    @DurationMax(hours = 1)
    Duration retryAfter();
}
