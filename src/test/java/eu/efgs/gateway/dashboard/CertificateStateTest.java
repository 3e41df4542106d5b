package eu.efgs.gateway.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import eu.efgs.gateway.trust.RegistryReport;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CertificateStateTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration WARNING = Duration.ofDays(30);

    private static Instant in(Duration duration) {
        return NOW.plus(duration);
    }

    @Test
    void daysLeftAreWholeDaysAndNegativeOnceExpired() {
        assertEquals(30, RegistryReport.daysLeft(NOW, in(Duration.ofDays(30).plusHours(23))));
        assertEquals(0, RegistryReport.daysLeft(NOW, in(Duration.ofHours(5))));
        assertEquals(-1, RegistryReport.daysLeft(NOW, in(Duration.ofHours(-5))));
    }

    @Test
    void anActiveCertificateEndingWithinTheWarningIsExpiring() {
        assertEquals(CertificateState.VALID,
                CertificateState.of(RegistryReport.Status.ACTIVE, NOW, in(Duration.ofDays(31)), WARNING));
        assertEquals(CertificateState.EXPIRING,
                CertificateState.of(RegistryReport.Status.ACTIVE, NOW, in(Duration.ofDays(29)), WARNING));
        assertEquals(CertificateState.EXPIRING,
                CertificateState.of(RegistryReport.Status.ACTIVE, NOW, in(Duration.ofMinutes(1)), WARNING));
        assertEquals(CertificateState.REVOKED,
                CertificateState.of(RegistryReport.Status.REVOKED, NOW, in(Duration.ofDays(5)), WARNING));
        assertEquals(CertificateState.EXPIRED,
                CertificateState.of(RegistryReport.Status.EXPIRED, NOW, in(Duration.ofDays(-1)), WARNING));
        assertEquals(CertificateState.NOT_YET_VALID,
                CertificateState.of(RegistryReport.Status.NOT_YET_VALID, NOW, in(Duration.ofDays(400)), WARNING));
        assertEquals(CertificateState.TAMPERED,
                CertificateState.of(RegistryReport.Status.TAMPERED, NOW, in(Duration.ofDays(400)), WARNING));
    }
}
