package eu.efgs.gateway.trust;

import eu.efgs.gateway.platform.database.DatabaseMigration;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Development convenience: onboards the demo countries written by {@code certs/generate-dev-pki.sh}
 * ({@code countries/XX/auth.pem} and {@code signing.pem}, each with its offline seal {@code .sig}).
 */
@ApplicationScoped
public class DemoOnboarding {

    private static final Logger LOG = Logger.getLogger(DemoOnboarding.class);

    @Inject
    TrustConfig config;

    @Inject
    CertificateLifecycle onboarding;

    void onStart(@Observes @Priority(DatabaseMigration.PRIORITY + 10) StartupEvent event) throws IOException {
        if (config.demoDirectory().isEmpty()) {
            return;
        }
        Path countries = config.demoDirectory().get().resolve("countries");
        if (!Files.isDirectory(countries)) {
            LOG.warnf("No demo certificates in %s; run certs/generate-dev-pki.sh", countries.toAbsolutePath());
            return;
        }
        try (Stream<Path> dirs = Files.list(countries)) {
            for (Path dir : dirs.sorted().toList()) {
                String country = dir.getFileName().toString().toUpperCase(Locale.ROOT);
                onboardIfPresent(country, CertificateType.AUTHENTICATION, dir.resolve("auth.pem"));
                onboardIfPresent(country, CertificateType.SIGNING, dir.resolve("signing.pem"));
            }
        }
    }

    private void onboardIfPresent(String country, CertificateType type, Path pem) throws IOException {
        Path seal = pem.resolveSibling(pem.getFileName() + ".sig");
        if (!Files.exists(pem) || !Files.exists(seal)) {
            return;
        }
        var request = new CertificateLifecycle.Request(country, type,
                Files.readString(pem, StandardCharsets.US_ASCII), null);
        try {
            onboarding.onboard(request, Files.readString(seal).trim());
        } catch (OnboardingException e) {
            if (e.reason() != OnboardingException.Reason.ALREADY_REGISTERED) {
                LOG.warnf("Demo certificate %s not onboarded: %s", pem, e.getMessage());
            }
        }
    }
}
