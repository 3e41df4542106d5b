package eu.efgs.gateway.trust;

import java.security.cert.X509Certificate;
import java.time.Instant;

/** A registry row whose seal and thumbprint have been verified against the trust anchor. */
public record TrustedCertificate(long id, String thumbprint, String country, CertificateType type, boolean revoked,
                                 String host, String pem, String seal, X509Certificate certificate) {

    public boolean validAt(Instant instant) {
        return !instant.isBefore(certificate.getNotBefore().toInstant())
                && !instant.isAfter(certificate.getNotAfter().toInstant());
    }
}
