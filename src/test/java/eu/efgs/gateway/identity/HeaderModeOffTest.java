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
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With header mode off (the default), identity headers are ignored even from the configured proxy. */
@QuarkusTest
@TestProfile(HeaderModeOffTest.Off.class)
@QuarkusTestResource(GatewayTestResource.class)
class HeaderModeOffTest {

    public static class Off implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("efgs.identity.header-mode.enabled", "false");
        }
    }

    @Inject
    CertificateLifecycle onboarding;

    @Test
    void headersAreIgnored() {
        Pki.Credential fr = Countries.onboarded(onboarding, "FR", CertificateType.AUTHENTICATION);
        Https.plainFrom("127.0.0.2")
                .header("X-SSL-Client-SHA256", Thumbprints.of(fr.certificate()))
                .header("X-SSL-Client-DN", "C=FR")
                .get("/diagnosiskeys/identity").then()
                .statusCode(403)
                .body("code", equalTo("CLIENT_CERTIFICATE_MISSING"));
        Https.as(fr).get("/diagnosiskeys/identity").then().statusCode(200);
    }
}
