package eu.efgs.gateway.trust;

import java.util.Optional;

/** Outcome of asking the registry for a certificate: never null, always with a reason. */
public record CertificateLookup(Outcome outcome, Optional<TrustedCertificate> certificate) {

    /** Why a certificate is (not) usable. */
    public enum Outcome {
        VALID,
        /** No row with that thumbprint. */
        NOT_REGISTERED,
        /** A row exists, but for another country or type. */
        OTHER_COUNTRY_OR_TYPE,
        /** The row's seal or thumbprint does not verify: treated as absent. */
        TAMPERED,
        /** Registered and intact, but revoked. The certificate is still given (audit shows revoked signers). */
        REVOKED
    }

    static CertificateLookup of(Outcome outcome) {
        return new CertificateLookup(outcome, Optional.empty());
    }

    static CertificateLookup of(Outcome outcome, TrustedCertificate certificate) {
        return new CertificateLookup(outcome, Optional.of(certificate));
    }

    public boolean valid() {
        return outcome == Outcome.VALID;
    }
}
