package eu.efgs.gateway.callback;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import eu.efgs.gateway.testing.GatewayTestResource;
import eu.efgs.gateway.testing.TestCountry;
import eu.efgs.gateway.trust.CertificateLifecycle;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The subscription API over real mutual TLS. */
@QuarkusTest
@QuarkusTestResource(GatewayTestResource.class)
class CallbackApiTest {

    @Inject
    CertificateLifecycle onboarding;

    @Test
    void createReplaceListAndDeleteOwnSubscriptions() {
        TestCountry dk = TestCountry.onboard(onboarding, "DK");
        TestCountry se = TestCountry.onboard(onboarding, "SE");
        dk.request().queryParam("url", "https://8.8.8.8/efgs/callback").put("/diagnosiskeys/callback/a1")
                .then().statusCode(200);
        dk.request().queryParam("url", "https://8.8.4.4/efgs/callback").put("/diagnosiskeys/callback/a1")
                .then().statusCode(200);
        dk.request().get("/diagnosiskeys/callback").then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].callbackId", equalTo("a1"))
                .body("[0].url", equalTo("https://8.8.4.4/efgs/callback"))
                .body("[0].state", equalTo("ACTIVE"))
                .body("[0].pending", equalTo(0));
        se.request().get("/diagnosiskeys/callback").then().statusCode(200).body("", hasSize(0));
        se.request().delete("/diagnosiskeys/callback/a1").then().statusCode(404)
                .body("code", equalTo("CALLBACK_NOT_FOUND"));
        dk.request().delete("/diagnosiskeys/callback/a1").then().statusCode(200);
        dk.request().get("/diagnosiskeys/callback").then().body("", hasSize(0));
        dk.request().delete("/diagnosiskeys/callback/a1").then().statusCode(404);
    }

    @Test
    void refusedUrlsAndIds() {
        TestCountry fi = TestCountry.onboard(onboarding, "FI");
        for (String url : new String[] {"http://8.8.8.8/cb", "https://8.8.8.8/cb?x=1", "https://127.0.0.1/cb",
            "https://localhost/cb", "https://10.0.0.1/cb", "https://[::1]/cb", "https://[fe80::1]/cb",
            "https://100.64.0.1/cb"}) {
            fi.request().queryParam("url", url).put("/diagnosiskeys/callback/x").then()
                    .statusCode(400).body("code", equalTo("CALLBACK_URL_INVALID"));
        }
        fi.request().put("/diagnosiskeys/callback/x").then().statusCode(400);
        fi.request().queryParam("url", "https://8.8.8.8/cb").put("/diagnosiskeys/callback/" + "x".repeat(33))
                .then().statusCode(400).body("code", equalTo("CALLBACK_ID_INVALID"));
        fi.request().get("/diagnosiskeys/callback").then().body("", hasSize(0));
    }
}
