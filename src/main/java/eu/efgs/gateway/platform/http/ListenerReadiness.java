package eu.efgs.gateway.platform.http;

import io.quarkus.vertx.http.DomainSocketServerStart;
import io.quarkus.vertx.http.HttpServerStart;
import io.quarkus.vertx.http.HttpsServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until the client-facing server listens. Quarkus opens the management port (where readiness is asked)
 * before the main one: measured 350 ms apart on a loaded machine, during which a balancer trusting readiness would
 * send national backends to a port that refuses connections. Quarkus opens the plain and the TLS listener in the
 * same step, so the first of them to announce itself marks the gateway as listening.
 */
@Readiness
@ApplicationScoped
public class ListenerReadiness implements HealthCheck {

    private volatile boolean listening;

    void https(@ObservesAsync HttpsServerStart started) {
        listening = true;
    }

    void http(@ObservesAsync HttpServerStart started) {
        listening = true;
    }

    void domainSocket(@ObservesAsync DomainSocketServerStart started) {
        listening = true;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("listening").status(listening).build();
    }
}
