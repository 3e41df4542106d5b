package eu.efgs.gateway.statistics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import eu.efgs.gateway.batching.BatchingService;
import eu.efgs.gateway.testing.Countries;
import eu.efgs.gateway.testing.GatewayTestResource;
import eu.efgs.gateway.testing.Https;
import eu.efgs.gateway.testing.TestCountry;
import eu.efgs.gateway.testing.TestKeys;
import eu.efgs.gateway.testing.TestPki;
import eu.efgs.gateway.trust.CertificateLifecycle;
import eu.efgs.gateway.trust.CertificateType;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Participant statistics: own figures per day for a country, every country for an operator, and metrics. */
@QuarkusTest
@QuarkusTestResource(GatewayTestResource.class)
class StatisticsTest {

    @Inject
    CertificateLifecycle onboarding;

    @Inject
    BatchingService batching;

    @Test
    void countryOperatorAndPrometheus() {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        TestCountry pt = TestCountry.onboard(onboarding, "PT");
        TestCountry be = TestCountry.onboard(onboarding, "BE");
        pt.upload(TestCountry.newTag(), TestKeys.keys("PT", 3)).then().statusCode(201);
        pt.upload(TestCountry.newTag(), TestKeys.keys("PT", 4)).then().statusCode(201);
        be.upload(TestCountry.newTag(), TestKeys.keys("BE", 5)).then().statusCode(201);
        String batchTag = batching.run().get(0).batchTag();
        pt.request().accept("application/protobuf; version=1.0").header("batchTag", batchTag)
                .get("/diagnosiskeys/download/" + today).then().statusCode(200);

        pt.request().queryParam("from", today).queryParam("to", today).get("/diagnosiskeys/statistics").then()
                .statusCode(200)
                .body("country", everyItem(equalTo("PT")))
                .body("[0].date", equalTo(today))
                .body("[0].uploads", equalTo(2))
                .body("[0].keysUploaded", equalTo(7))
                .body("[0].downloads", equalTo(1))
                .body("[0].keysDownloaded", equalTo(5));

        Countries.onboardOnce(onboarding, "EU", CertificateType.AUTHENTICATION, TestPki.operator());
        Https.as(TestPki.operator()).get("/diagnosiskeys/statistics").then().statusCode(200)
                .body("country", hasItems("PT", "BE"));
        pt.request().queryParam("from", "yesterday").get("/diagnosiskeys/statistics").then().statusCode(400);

        given().port(Https.managementPort()).accept("text/plain").get("/q/metrics").then()
                .body(containsString("efgs_uploaded_keys_total{country=\"PT\",} 7.0"))
                .body(containsString("efgs_downloaded_keys_total{country=\"PT\",} 5.0"));
    }
}
