package eu.efgs.gateway.dashboard;

import eu.efgs.gateway.trust.RegistryReport;
import eu.efgs.gateway.trust.TrustConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The certificates panel, from the registry report: every row after the gateway's own checks (seals, thumbprint,
 * subject country), so a row that fails shows as TAMPERED instead of with dates nobody vouches for.
 */
@ApplicationScoped
public class Certificates {

    @Inject
    RegistryReport report;

    @Inject
    TrustConfig trust;

    @Inject
    Clock clock;

    public CertificatesPanel read(Viewer viewer) {
        Instant now = clock.instant();
        List<CertificatesPanel.Certificate> certificates = report.all(now).stream()
                .filter(entry -> viewer.sees(entry.row().country()))
                .map(entry -> certificate(entry, now))
                .toList();
        return new CertificatesPanel((int) trust.expiryWarning().toDays(), certificates);
    }

    private CertificatesPanel.Certificate certificate(RegistryReport.Entry entry, Instant now) {
        var row = entry.row();
        if (entry.status() == RegistryReport.Status.TAMPERED) {
            return new CertificatesPanel.Certificate(row.country(), row.type(), row.thumbprint(), null, null, null,
                    null, row.revoked(), CertificateState.TAMPERED);
        }
        var certificate = entry.certificate().orElseThrow();
        return new CertificatesPanel.Certificate(row.country(), row.type(), row.thumbprint(),
                certificate.getSubjectX500Principal().getName(), entry.notBefore().orElseThrow(),
                entry.notAfter().orElseThrow(), entry.daysLeft().orElseThrow(), row.revoked(),
                CertificateState.of(entry.status(), now, entry.notAfter().orElseThrow(), trust.expiryWarning()));
    }
}
