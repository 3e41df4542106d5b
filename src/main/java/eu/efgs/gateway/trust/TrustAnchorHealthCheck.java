package eu.efgs.gateway.trust;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only with a loaded, unexpired trust anchor. */
@Readiness
@ApplicationScoped
public class TrustAnchorHealthCheck implements HealthCheck {

    @Inject
    TrustAnchor anchor;

    @Inject
    Clock clock;

    @Override
    public HealthCheckResponse call() {
        var certificate = anchor.certificate();
        boolean current = certificate != null && certificate.getNotAfter().toInstant().isAfter(clock.instant());
        return HealthCheckResponse.named("trust-anchor")
                .status(current)
                .withData("thumbprint", certificate == null ? "none" : Thumbprints.of(certificate))
                .build();
    }
}
