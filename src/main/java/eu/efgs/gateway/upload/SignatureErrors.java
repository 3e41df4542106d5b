package eu.efgs.gateway.upload;

import eu.efgs.gateway.platform.ErrorCode;
import eu.efgs.gateway.signing.SignatureCheck;

/** Maps each signature refusal to its own catalogue entry. */
final class SignatureErrors {

    private SignatureErrors() {
    }

    static ErrorCode code(SignatureCheck.Reason reason) {
        return switch (reason) {
            case NOT_BASE64 -> ErrorCode.SIGNATURE_NOT_BASE64;
            case NOT_CMS -> ErrorCode.SIGNATURE_NOT_CMS;
            case NOT_SIGNED_DATA -> ErrorCode.SIGNATURE_NOT_SIGNED_DATA;
            case NO_SIGNER -> ErrorCode.SIGNATURE_NO_SIGNER;
            case SIGNER_CERTIFICATE_MISSING -> ErrorCode.SIGNATURE_CERTIFICATE_MISSING;
            case SIGNERS_DIFFER -> ErrorCode.SIGNATURE_SIGNERS_DIFFER;
            case SIGNER_CERTIFICATE_NOT_VALID_NOW -> ErrorCode.SIGNATURE_CERTIFICATE_NOT_VALID_NOW;
            case SIGNER_COUNTRY_MISSING -> ErrorCode.SIGNATURE_COUNTRY_MISSING;
            case SIGNER_COUNTRY_MISMATCH -> ErrorCode.SIGNATURE_COUNTRY_MISMATCH;
            case SIGNER_NOT_REGISTERED -> ErrorCode.SIGNATURE_CERTIFICATE_NOT_REGISTERED;
            case SIGNER_REVOKED -> ErrorCode.SIGNATURE_CERTIFICATE_REVOKED;
            case ORIGIN_MISMATCH -> ErrorCode.SIGNATURE_ORIGIN_MISMATCH;
            case SHA1_NOT_ALLOWED -> ErrorCode.SIGNATURE_SHA1_NOT_ALLOWED;
            case SIGNATURE_MISMATCH -> ErrorCode.SIGNATURE_MISMATCH;
            case VALID -> throw new IllegalArgumentException("VALID is not an error");
        };
    }
}
