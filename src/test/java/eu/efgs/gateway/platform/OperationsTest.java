package eu.efgs.gateway.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import eu.efgs.gateway.testing.GatewayTestResource;
import eu.efgs.gateway.testing.Https;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Health and metrics on the management port, no client certificate needed. */
@QuarkusTest
@QuarkusTestResource(GatewayTestResource.class)
class OperationsTest {

    @Test
    void readinessCoversDatabaseTrustAnchorAndListeners() {
        given().port(Https.managementPort()).get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("trust-anchor", "database", "listening"));
        given().port(Https.managementPort()).get("/q/health/live").then().statusCode(200);
    }

    @Test
    void metricsArePrometheusText() {
        given().port(Https.managementPort()).accept("text/plain").get("/q/metrics").then()
                .statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("# TYPE jvm_memory_used_bytes gauge"));
    }
}
