package eu.efgs.gateway.statistics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import eu.efgs.gateway.batching.BatchMaker;
import eu.efgs.gateway.batching.BatchingService;
import eu.efgs.gateway.testing.Countries;
import eu.efgs.gateway.testing.GatewayTestResource;
import eu.efgs.gateway.testing.Https;
import eu.efgs.gateway.testing.TestCountry;
import eu.efgs.gateway.testing.TestData;
import eu.efgs.gateway.testing.TestKeys;
import eu.efgs.gateway.testing.TestPki;
import eu.efgs.gateway.trust.CertificateLifecycle;
import eu.efgs.gateway.trust.CertificateType;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Participant statistics: own figures per day for a country, every country for an operator, and metrics. Starts
 * without uploads, batches or statistics rows; the metrics live as long as the application, so they are compared
 * before and after.
 */
@QuarkusTest
@QuarkusTestResource(GatewayTestResource.class)
class StatisticsTest {

    @Inject
    CertificateLifecycle onboarding;

    @Inject
    BatchingService batching;

    @Inject
    TestData data;

    @BeforeEach
    void noUploads() {
        data.reset();
    }

    /** A counter of the Prometheus endpoint; 0 before it was first incremented. */
    private static double metric(String name, String country) {
        String body = given().port(Https.managementPort()).accept("text/plain").get("/q/metrics").then()
                .statusCode(200).extract().asString();
        Matcher line = Pattern.compile("(?m)^" + name + "\\{country=\"" + country + "\",?} (\\S+)$").matcher(body);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }

    @Test
    void countryOperatorAndPrometheus() {
        double uploadedBefore = metric("efgs_uploaded_keys_total", "PT");
        double downloadedBefore = metric("efgs_downloaded_keys_total", "PT");
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        TestCountry pt = TestCountry.onboard(onboarding, "PT");
        TestCountry be = TestCountry.onboard(onboarding, "BE");
        pt.upload(TestCountry.newTag(), TestKeys.keys("PT", 3)).then().statusCode(201);
        pt.upload(TestCountry.newTag(), TestKeys.keys("PT", 4)).then().statusCode(201);
        be.upload(TestCountry.newTag(), TestKeys.keys("BE", 5)).then().statusCode(201);
        List<BatchMaker.CreatedBatch> created = batching.run();
        assertEquals(1, created.size());
        String batchTag = created.get(0).batchTag();
        pt.request().accept("application/protobuf; version=1.0").header("batchTag", batchTag)
                .get("/diagnosiskeys/download/" + today).then().statusCode(200);

        pt.request().queryParam("from", today).queryParam("to", today).get("/diagnosiskeys/statistics").then()
                .statusCode(200)
                .body("size()", equalTo(1))
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

        assertEquals(7.0, metric("efgs_uploaded_keys_total", "PT") - uploadedBefore);
        assertEquals(5.0, metric("efgs_downloaded_keys_total", "PT") - downloadedBefore);
    }
}
