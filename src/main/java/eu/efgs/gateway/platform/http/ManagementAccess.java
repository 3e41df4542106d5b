package eu.efgs.gateway.platform.http;

import io.quarkus.vertx.http.ManagementInterface;
import io.smallrye.config.ConfigMapping;
import io.vertx.core.http.HttpHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Optional protection of the management port (health, metrics with per-country figures, the contract): with
 * {@code efgs.management.token} set, every request there needs {@code Authorization: Bearer <token>}, which
 * Prometheus ({@code authorization.credentials}) and Kubernetes probes ({@code httpHeaders}) can send. The port
 * listens on 127.0.0.1 unless {@code quarkus.management.host} opens it.
 */
@ApplicationScoped
public class ManagementAccess {

    /** {@code efgs.management.*}. */
    @ConfigMapping(prefix = "efgs.management")
    public interface Config {
        /** Bearer token required on the management port; from the environment, never committed. */
        Optional<String> token();
    }

    @Inject
    Config config;

    void protect(@Observes ManagementInterface management) {
        if (config.token().isEmpty()) {
            return;
        }
        byte[] expected = ("Bearer " + config.token().get()).getBytes(StandardCharsets.UTF_8);
        management.router().route().order(Integer.MIN_VALUE).handler(context -> {
            String given = context.request().getHeader(HttpHeaders.AUTHORIZATION);
            if (given != null && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
                context.next();
            } else {
                context.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer").end();
            }
        });
    }
}
