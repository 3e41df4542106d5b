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

/** Certificates that expire soon: listed by readiness (which stays UP) and exposed as an expiry-time gauge. */
@QuarkusTest
@QuarkusTestResource(GatewayTestResource.class)
class CertificateExpiryTest {

    @Inject
    CertificateLifecycle lifecycle;

    @Inject
    CertificateExpiry expiry;

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
