package eu.efgs.gateway.dashboard;

import java.time.Duration;
import java.time.Instant;

/** How a registered certificate stands today, for the certificates panel. */
public enum CertificateState {
    VALID, EXPIRING, EXPIRED, NOT_YET_VALID, REVOKED,
    /** Its trust-anchor seal or thumbprint does not verify: the row is treated as absent. */
    TAMPERED;

    /** Certificates that end within this many days are EXPIRING. */
    public static final int WARNING_DAYS = 30;

    /** Whole days from {@code now} until {@code notAfter}; negative once expired (a partial day counts as 0). */
    public static long daysLeft(Instant now, Instant notAfter) {
        return Math.floorDiv(Duration.between(now, notAfter).getSeconds(), 86_400L);
    }

    public static CertificateState of(Instant now, Instant notBefore, Instant notAfter, boolean revoked) {
        if (revoked) {
            return REVOKED;
        }
        if (now.isAfter(notAfter)) {
            return EXPIRED;
        }
        if (now.isBefore(notBefore)) {
            return NOT_YET_VALID;
        }
        return daysLeft(now, notAfter) <= WARNING_DAYS ? EXPIRING : VALID;
    }
}
