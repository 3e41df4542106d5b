package eu.efgs.gateway.dashboard;

import eu.efgs.gateway.trust.CertificateEntity;
import eu.efgs.gateway.trust.CertificateLookup;
import eu.efgs.gateway.trust.CertificateRegistry;
import eu.efgs.gateway.trust.TrustedCertificate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The certificates panel, from the registry: each row is read through the registry's verified (and cached)
 * lookup, so a row whose seal fails shows as TAMPERED instead of with dates nobody vouches for.
 */
@ApplicationScoped
public class Certificates {

    @Inject
    CertificateRegistry registry;

    @Inject
    Clock clock;

    public CertificatesPanel read(Viewer viewer) {
        Instant now = clock.instant();
        List<CertificatesPanel.Certificate> certificates = registry.list().stream()
                .filter(row -> viewer.sees(row.country))
                .map(row -> certificate(row, registry.find(row.thumbprint, row.country, row.type), now))
                .toList();
        return new CertificatesPanel(CertificateState.WARNING_DAYS, certificates);
    }

    private static CertificatesPanel.Certificate certificate(CertificateEntity row, CertificateLookup lookup,
                                                             Instant now) {
        if (lookup.certificate().isEmpty()) {
            return new CertificatesPanel.Certificate(row.country, row.type, row.thumbprint, null, null, null, null,
                    row.revoked, CertificateState.TAMPERED);
        }
        TrustedCertificate trusted = lookup.certificate().get();
        Instant notBefore = trusted.certificate().getNotBefore().toInstant();
        Instant notAfter = trusted.certificate().getNotAfter().toInstant();
        return new CertificatesPanel.Certificate(row.country, row.type, row.thumbprint,
                trusted.certificate().getSubjectX500Principal().getName(), notBefore, notAfter,
                CertificateState.daysLeft(now, notAfter), trusted.revoked(),
                CertificateState.of(now, notBefore, notAfter, trusted.revoked()));
    }
}
