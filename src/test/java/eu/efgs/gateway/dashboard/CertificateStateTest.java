package eu.efgs.gateway.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CertificateStateTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant LAST_YEAR = NOW.minus(Duration.ofDays(365));

    private static Instant in(Duration duration) {
        return NOW.plus(duration);
    }

    @Test
    void daysLeftAreWholeDaysAndNegativeOnceExpired() {
        assertEquals(30, CertificateState.daysLeft(NOW, in(Duration.ofDays(30).plusHours(23))));
        assertEquals(0, CertificateState.daysLeft(NOW, in(Duration.ofHours(5))));
        assertEquals(-1, CertificateState.daysLeft(NOW, in(Duration.ofHours(-5))));
    }

    @Test
    void expiringWithinThirtyDaysRevokedFirst() {
        assertEquals(CertificateState.VALID, CertificateState.of(NOW, LAST_YEAR, in(Duration.ofDays(31)), false));
        assertEquals(CertificateState.EXPIRING, CertificateState.of(NOW, LAST_YEAR, in(Duration.ofDays(30)), false));
        assertEquals(CertificateState.EXPIRING, CertificateState.of(NOW, LAST_YEAR, in(Duration.ofMinutes(1)), false));
        assertEquals(CertificateState.EXPIRED, CertificateState.of(NOW, LAST_YEAR, in(Duration.ofMinutes(-1)), false));
        assertEquals(CertificateState.NOT_YET_VALID, CertificateState.of(NOW, in(Duration.ofDays(1)),
                in(Duration.ofDays(400)), false));
        assertEquals(CertificateState.REVOKED, CertificateState.of(NOW, LAST_YEAR, in(Duration.ofDays(5)), true));
    }
}
