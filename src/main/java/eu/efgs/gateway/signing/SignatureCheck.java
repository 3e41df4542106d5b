package eu.efgs.gateway.signing;

import eu.efgs.gateway.trust.TrustedCertificate;
import java.util.Optional;

/** Result of verifying a batch signature: never null, always with a reason. */
public record SignatureCheck(Reason reason, Optional<TrustedCertificate> signer) {

    /** Why a signature was accepted or refused; each refusal has its own error code. */
    public enum Reason {
        VALID,
        NOT_BASE64,
        NOT_CMS,
        NOT_SIGNED_DATA,
        NO_SIGNER,
        SIGNER_CERTIFICATE_MISSING,
        SIGNERS_DIFFER,
        SIGNER_CERTIFICATE_NOT_VALID_NOW,
        SIGNER_COUNTRY_MISSING,
        SIGNER_COUNTRY_MISMATCH,
        SIGNER_NOT_REGISTERED,
        SIGNER_REVOKED,
        ORIGIN_MISMATCH,
        SHA1_NOT_ALLOWED,
        SIGNATURE_MISMATCH
    }

    static SignatureCheck refused(Reason reason) {
        return new SignatureCheck(reason, Optional.empty());
    }

    public boolean valid() {
        return reason == Reason.VALID;
    }
}
