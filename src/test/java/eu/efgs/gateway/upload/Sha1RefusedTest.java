package eu.efgs.gateway.upload;

import static org.hamcrest.Matchers.equalTo;

import eu.efgs.gateway.signing.CanonicalBytes;
import eu.efgs.gateway.testing.GatewayTestResource;
import eu.efgs.gateway.testing.TestCountry;
import eu.efgs.gateway.testing.TestKeys;
import eu.efgs.gateway.testing.TestSigner;
import eu.efgs.gateway.trust.CertificateLifecycle;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With the compatibility setting off, SHA-1 based signatures are refused with their own code. */
@QuarkusTest
@TestProfile(Sha1RefusedTest.NoSha1.class)
@QuarkusTestResource(GatewayTestResource.class)
class Sha1RefusedTest {

    public static class NoSha1 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("efgs.signing.allow-sha1", "false");
        }
    }

    @Inject
    CertificateLifecycle onboarding;

    @Test
    void sha1IsRefusedAndSha256Accepted() {
        TestCountry it = TestCountry.onboard(onboarding, "IT");
        var keys = TestKeys.keys("IT", 3);
        it.upload(TestCountry.newTag(), keys, TestSigner.sign(CanonicalBytes.of(keys), it.signing(),
                "SHA1withECDSA", true)).then().statusCode(400).body("code", equalTo("SIGNATURE_SHA1_NOT_ALLOWED"));
        it.upload(TestCountry.newTag(), keys).then().statusCode(201);
    }
}
