package eu.efgs.gateway.dashboard;

import eu.efgs.gateway.trust.CertificateType;
import java.time.Instant;
import java.util.List;

/** Registered certificates with their validity; those ending within {@code warningDays} are EXPIRING. */
public record CertificatesPanel(int warningDays, List<Certificate> certificates) {

    /**
     * One registry row. For a TAMPERED row (seal or thumbprint does not verify) nothing of the certificate can be
     * trusted: subject, dates and days left are null.
     */
    public record Certificate(String country, CertificateType type, String thumbprint, String subject,
                              Instant notBefore, Instant notAfter, Long daysLeft, boolean revoked,
                              CertificateState state) {
    }
}
