package eu.efgs.gateway.trust;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import eu.efgs.gateway.platform.database.ScheduledWork;
import org.jboss.logging.Logger;

/**
 * Certificates that are about to expire: a WARN at start-up (and daily), an expiry-time gauge per active
 * certificate ({@code efgs_certificate_not_after_seconds}) and a readiness check that lists, but never fails on,
 * the certificates ending within {@link TrustConfig#expiryWarning()} — an expiring national certificate is the
 * operator's to-do, not a reason to take the gateway out of service. Readiness reports the last refresh and never
 * waits on the database.
 */
@ApplicationScoped
public class CertificateExpiry {

    private static final Logger LOG = Logger.getLogger(CertificateExpiry.class);

    @Inject
    RegistryReport report;

    @Inject
    TrustConfig config;

    @Inject
    MeterRegistry metrics;

    @Inject
    Clock clock;

    @Inject
    ScheduledWork work;

    private MultiGauge notAfter;
    private volatile List<RegistryReport.Entry> expiring = List.of();

    void start(@Observes @Priority(eu.efgs.gateway.platform.database.DatabaseMigration.PRIORITY + 30)
               StartupEvent event) {
        notAfter = MultiGauge.builder("efgs.certificate.not.after")
                .description("End of validity of each active registered certificate, epoch seconds")
                .baseUnit("seconds").register(metrics);
        refresh();
        warn();
    }

    /** Daily: one WARN per certificate that is about to expire. */
    @Scheduled(cron = "0 0 6 * * ?", timeZone = "UTC", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void warn() {
        for (RegistryReport.Entry entry : expiring) {
            LOG.warnf("Certificate %s %s %s expires at %s (in %d days); onboard its successor", entry.row().country(),
                    entry.row().type(), entry.row().thumbprint(), entry.notAfter().orElseThrow(),
                    entry.daysLeft().orElseThrow());
        }
    }

    /** Re-reads the registry (gauges and the expiring list) every ten minutes; readiness never reads it itself. */
    @Scheduled(every = "10m", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void refresh() {
        work.run("Certificate expiry refresh", () -> {
            List<RegistryReport.Entry> all = report.all(clock.instant());
            notAfter.register(all.stream().filter(e -> e.status() == RegistryReport.Status.ACTIVE)
                    .map(e -> MultiGauge.Row.of(Tags.of("country", e.row().country(), "type", e.row().type().name(),
                            "thumbprint", e.row().thumbprint()), e.notAfter().orElseThrow().getEpochSecond()))
                    .toList(), true);
            expiring = RegistryReport.expiringWithin(all, config.expiryWarning(), clock.instant());
        });
    }

    /** Active certificates ending within the warning window, as of the last refresh. */
    public List<RegistryReport.Entry> expiring() {
        return expiring;
    }

    /** The readiness check: UP always, with what expires soon. */
    @Readiness
    @ApplicationScoped
    public static class Check implements HealthCheck {

        @Inject
        CertificateExpiry expiry;

        @Inject
        TrustConfig config;

        @Override
        public HealthCheckResponse call() {
            List<RegistryReport.Entry> soon = expiry.expiring();
            return HealthCheckResponse.named("certificates").up()
                    .withData("expiringWithin", config.expiryWarning().toString())
                    .withData("expiring", soon.size())
                    .withData("certificates", String.join(", ", soon.stream().map(e -> e.row().country() + " "
                            + e.row().type() + " " + e.row().thumbprint() + " in " + e.daysLeft().orElseThrow()
                            + " days").toList()))
                    .build();
        }
    }
}
