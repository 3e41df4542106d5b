package eu.efgs.gateway.platform.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The Retry-After of every 503 ({@code efgs.http.retry-after}), for beans built before configuration is read. */
@ApplicationScoped
public class RetryAfter {

    @Inject
    HttpEdgeConfig http;

    public long seconds() {
        return http.retryAfter().toSeconds();
    }
}
