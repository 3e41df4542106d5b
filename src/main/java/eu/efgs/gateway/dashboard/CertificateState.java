package eu.efgs.gateway.dashboard;

import eu.efgs.gateway.trust.RegistryReport;
import java.time.Duration;
import java.time.Instant;

/** How a registered certificate stands today, for the certificates panel: the registry's status, with EXPIRING. */
public enum CertificateState {
    VALID, EXPIRING, EXPIRED, NOT_YET_VALID, REVOKED,
    /** A seal or the thumbprint does not verify: the row is treated as absent. */
    TAMPERED;

    /** An active certificate ending within {@code warning} is EXPIRING. */
    public static CertificateState of(RegistryReport.Status status, Instant now, Instant notAfter, Duration warning) {
        return switch (status) {
            case ACTIVE -> notAfter.isBefore(now.plus(warning)) ? EXPIRING : VALID;
            case REVOKED -> REVOKED;
            case EXPIRED -> EXPIRED;
            case NOT_YET_VALID -> NOT_YET_VALID;
            case TAMPERED -> TAMPERED;
        };
    }
}
