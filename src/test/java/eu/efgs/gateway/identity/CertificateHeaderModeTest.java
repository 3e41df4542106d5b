package eu.efgs.gateway.identity;

import static org.hamcrest.Matchers.equalTo;

import eu.efgs.gateway.testing.Countries;
import eu.efgs.gateway.testing.GatewayTestResource;
import eu.efgs.gateway.testing.Https;
import eu.efgs.gateway.testing.Pki;
import eu.efgs.gateway.trust.CertificateLifecycle;
import eu.efgs.gateway.trust.CertificateType;
import eu.efgs.gateway.trust.Thumbprints;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Header mode behind a balancer that can only forward the whole client certificate (efgs PR#274). */
@QuarkusTest
@QuarkusTestResource(GatewayTestResource.class)
@TestProfile(CertificateHeaderModeTest.CertificateHeader.class)
class CertificateHeaderModeTest {

    /** The proxy sets X-SSL-Client-Cert only. */
    public static class CertificateHeader implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("efgs.identity.header-mode.identity-headers", "CERTIFICATE");
        }
    }

    private static final String TRUSTED_PROXY = "127.0.0.2";

    @Inject
    CertificateLifecycle onboarding;

    private Pki.Credential fr;

    @BeforeEach
    void onboard() {
        fr = Countries.onboarded(onboarding, "FR", CertificateType.AUTHENTICATION);
    }

    @Test
    void wholeCertificateHeaderFromTrustedProxyIsAccepted() {
        Https.plainFrom(TRUSTED_PROXY)
                .header("X-SSL-Client-Cert", URLEncoder.encode(fr.pem(), StandardCharsets.UTF_8))
                .get("/diagnosiskeys/identity").then()
                .statusCode(200)
                .body("thumbprint", equalTo(Thumbprints.of(fr.certificate())));
    }

    @Test
    void thumbprintHeadersTheProxyDoesNotSetCannotImpersonate() {
        Pki.Credential de = Countries.onboarded(onboarding, "DE", CertificateType.AUTHENTICATION);
        Https.plainFrom(TRUSTED_PROXY)
                .header("X-SSL-Client-Cert", URLEncoder.encode(fr.pem(), StandardCharsets.UTF_8))
                .header("X-SSL-Client-SHA256", Thumbprints.of(de.certificate()))
                .header("X-SSL-Client-DN", "C=DE")
                .get("/diagnosiskeys/identity").then()
                .statusCode(200)
                .body("country", equalTo("FR"));
        Https.plainFrom(TRUSTED_PROXY)
                .header("X-SSL-Client-SHA256", Thumbprints.of(de.certificate()))
                .header("X-SSL-Client-DN", "C=DE")
                .get("/diagnosiskeys/identity").then()
                .statusCode(403)
                .body("code", equalTo("CLIENT_CERTIFICATE_MISSING"));
    }

    @Test
    void aRepeatedCertificateHeaderIsRefused() {
        Pki.Credential de = Countries.onboarded(onboarding, "DE", CertificateType.AUTHENTICATION);
        Https.plainFrom(TRUSTED_PROXY)
                .header("X-SSL-Client-Cert", URLEncoder.encode(fr.pem(), StandardCharsets.UTF_8))
                .header("X-SSL-Client-Cert", URLEncoder.encode(de.pem(), StandardCharsets.UTF_8))
                .get("/diagnosiskeys/identity").then()
                .statusCode(400)
                .body("code", equalTo("HEADER_REPEATED"));
    }
}
