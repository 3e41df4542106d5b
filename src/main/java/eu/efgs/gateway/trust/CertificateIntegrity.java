package eu.efgs.gateway.trust;

import java.security.cert.X509Certificate;
import java.util.Optional;

/** Verifies a stored row against the trust anchor: PEM parses, thumbprint matches its DER, seal verifies. */
final class CertificateIntegrity {

    private CertificateIntegrity() {
    }

    /** The verified certificate, or empty when the row must be treated as tampered. */
    static Optional<TrustedCertificate> verify(CertificateEntity row, TrustAnchor anchor) {
        X509Certificate certificate;
        try {
            certificate = CertificatePem.parse(row.rawData);
        } catch (CertificatePem.PemException e) {
            return Optional.empty();
        }
        if (!Thumbprints.of(certificate).equals(row.thumbprint) || !anchor.verifies(row.rawData, row.signature)) {
            return Optional.empty();
        }
        return Optional.of(new TrustedCertificate(row.id, row.thumbprint, row.country, row.type, row.revoked,
                row.host, row.rawData, row.signature, certificate));
    }
}
