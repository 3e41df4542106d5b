package eu.efgs.gateway.trust;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import eu.efgs.gateway.testing.Countries;
import eu.efgs.gateway.testing.GatewayTestResource;
import eu.efgs.gateway.testing.Https;
import eu.efgs.gateway.testing.LogCapture;
import eu.efgs.gateway.testing.Pki;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A certificate's status in the registry report (cert list, dashboard), and certificates that expire soon: listed
 * by readiness (which stays UP) and exposed as an expiry-time gauge.
 */
@QuarkusTest
@QuarkusTestResource(GatewayTestResource.class)
class CertificateExpiryTest {

    @Inject
    CertificateLifecycle lifecycle;

    @Inject
    CertificateExpiry expiry;

    @Inject
    RegistryReport report;

    @Test
    void aCertificatesStatusFollowsItsValidityWindowAndItsRevocation() {
        Pki.Credential credential = Pki.selfSigned("C=SE,CN=status " + System.nanoTime(),
                Pki.keyPair(Pki.KeyType.EC_P256), Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(90)));
        Countries.onboard(lifecycle, "SE", CertificateType.CALLBACK, credential);
        String thumbprint = Thumbprints.of(credential.certificate());
        Instant notBefore = credential.certificate().getNotBefore().toInstant();
        Instant notAfter = credential.certificate().getNotAfter().toInstant();

        RegistryReport.Entry active = report.find(thumbprint, notBefore.plusSeconds(1)).orElseThrow();
        org.junit.jupiter.api.Assertions.assertEquals(RegistryReport.Status.ACTIVE, active.status());
        org.junit.jupiter.api.Assertions.assertEquals("INTACT", active.integrity());
        org.junit.jupiter.api.Assertions.assertEquals(RegistryReport.Status.NOT_YET_VALID,
                report.find(thumbprint, notBefore.minusSeconds(1)).orElseThrow().status());
        RegistryReport.Entry expired = report.find(thumbprint, notAfter.plus(Duration.ofDays(3))).orElseThrow();
        org.junit.jupiter.api.Assertions.assertEquals(RegistryReport.Status.EXPIRED, expired.status());
        org.junit.jupiter.api.Assertions.assertEquals(-3L, expired.daysLeft().orElseThrow());
        org.junit.jupiter.api.Assertions.assertEquals(2L,
                report.find(thumbprint, notAfter.minus(Duration.ofHours(60))).orElseThrow().daysLeft().orElseThrow());

        lifecycle.revoke(thumbprint);
        org.junit.jupiter.api.Assertions.assertEquals(RegistryReport.Status.REVOKED,
                report.find(thumbprint, notBefore.plusSeconds(1)).orElseThrow().status());
    }

    @Test
    void aCertificateEndingWithinThirtyDaysIsWarnedAboutWithoutFailingReadiness() {
        Pki.Credential soon = Pki.selfSigned("C=SE,CN=expires soon " + System.nanoTime(),
                Pki.keyPair(Pki.KeyType.EC_P256), Instant.now().minus(Duration.ofDays(300)),
                Instant.now().plus(Duration.ofDays(10)));
        Pki.Credential later = Countries.onboarded(lifecycle, "SE", CertificateType.AUTHENTICATION);
        Countries.onboard(lifecycle, "SE", CertificateType.SIGNING, soon);
        String soonThumbprint = Thumbprints.of(soon.certificate());
        expiry.refresh(); // what the scheduler does every ten minutes (scheduled jobs are off in tests)
        try (LogCapture logs = LogCapture.start()) {
            expiry.warn(); // as at start-up and every morning
            org.junit.jupiter.api.Assertions.assertEquals(1, logs.count(java.util.logging.Level.WARNING,
                    soonThumbprint + " expires at"));
        }

        given().port(Https.managementPort()).get("/q/health/ready").then()
                .statusCode(200)
                .body("checks.find { it.name == 'certificates' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'certificates' }.data.certificates", containsString(soonThumbprint))
                .body("checks.find { it.name == 'certificates' }.data.certificates",
                        not(containsString(Thumbprints.of(later.certificate()))));
        String metrics = given().port(Https.managementPort()).accept("text/plain").get("/q/metrics").asString();
        String series = "efgs_certificate_not_after_seconds{country=\"SE\",thumbprint=\"" + soonThumbprint
                + "\",type=\"SIGNING\""; // the text format may end a label set with a comma
        String line = metrics.lines().filter(l -> l.startsWith(series)).findFirst().orElseThrow(() ->
                new AssertionError(series + " not in the metrics"));
        org.junit.jupiter.api.Assertions.assertEquals(soon.certificate().getNotAfter().toInstant().getEpochSecond(),
                Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
    }
}
