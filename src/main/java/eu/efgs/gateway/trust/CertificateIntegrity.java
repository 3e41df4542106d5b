package eu.efgs.gateway.trust;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks a stored row: the gateway's record seal over what decides (country, type, host, revoked), and the
 * trust anchor's seal over the PEM, whose certificate must have the row's thumbprint and exactly the row's
 * country as subject C. A row failing any check is treated as absent.
 */
final class CertificateIntegrity {

    /** Why a row is (not) intact. */
    enum Check {
        INTACT,
        RECORD_SEAL_INVALID,
        PEM_UNREADABLE,
        THUMBPRINT_MISMATCH,
        COUNTRY_NOT_THE_SUBJECTS,
        TRUST_ANCHOR_SEAL_INVALID
    }

    /** A check's outcome: the parsed certificate when intact. */
    record Result(Check check, Optional<X509Certificate> certificate) {
        static Result failed(Check check) {
            return new Result(check, Optional.empty());
        }
    }

    private CertificateIntegrity() {
    }

    /** The cheap part, on every read: the record seal. */
    static Check record(RegistryRow row, RecordSeal recordSeal) {
        return recordSeal.verifies(row) ? Check.INTACT : Check.RECORD_SEAL_INVALID;
    }

    /** The costly part, done once per PEM and then cached: parse, thumbprint, subject country, anchor seal. */
    static Result pem(RegistryRow row, TrustAnchor anchor) {
        X509Certificate certificate;
        try {
            certificate = CertificatePem.parse(row.pem());
        } catch (CertificatePem.PemException e) {
            return Result.failed(Check.PEM_UNREADABLE);
        }
        if (!Thumbprints.of(certificate).equals(row.thumbprint())) {
            return Result.failed(Check.THUMBPRINT_MISMATCH);
        }
        List<String> countries = CertificateSubjects.countries(certificate);
        if (countries.size() != 1 || !countries.get(0).toUpperCase(Locale.ROOT).equals(row.country())) {
            return Result.failed(Check.COUNTRY_NOT_THE_SUBJECTS);
        }
        if (!anchor.verifies(row.pem(), row.seal())) {
            return Result.failed(Check.TRUST_ANCHOR_SEAL_INVALID);
        }
        return new Result(Check.INTACT, Optional.of(certificate));
    }
}
