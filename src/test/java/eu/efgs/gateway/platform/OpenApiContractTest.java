package eu.efgs.gateway.platform;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import eu.efgs.gateway.testing.GatewayTestResource;
import eu.efgs.gateway.testing.Https;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code openapi/openapi.yaml} is what the server serves, it lists exactly the routes the code has, and its JSON
 * body schemas have exactly the properties the code writes.
 */
@QuarkusTest
@QuarkusTestResource(GatewayTestResource.class)
class OpenApiContractTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode contractFile() throws IOException {
        return YAML.readTree(new File("openapi/openapi.yaml"));
    }

    @Test
    void servedDocumentIsTheContractFile() throws IOException {
        String served = given().port(Https.managementPort()).queryParam("format", "json")
                .get("/q/openapi").then().statusCode(200).extract().asString();
        assertEquals(contractFile(), JSON.readTree(served));
    }

    @Test
    void everyResourceMethodIsInTheContractAndNothingElse() throws Exception {
        TreeSet<String> inCode = new TreeSet<>();
        for (Class<?> resource : resourceClasses()) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                String verb = httpMethod(method);
                if (verb != null) {
                    Path sub = method.getAnnotation(Path.class);
                    inCode.add(verb + " " + join(base, sub == null ? "" : sub.value()));
                }
            }
        }
        TreeSet<String> inContract = new TreeSet<>();
        for (Iterator<String> paths = contractFile().get("paths").fieldNames(); paths.hasNext(); ) {
            String path = paths.next();
            contractFile().get("paths").get(path).fieldNames()
                    .forEachRemaining(verb -> inContract.add(verb.toUpperCase(Locale.ROOT) + " " + path));
        }
        assertEquals(inContract, inCode);
    }

    /** The JSON bodies the code writes have exactly the properties their schemas in the contract name. */
    @Test
    void responseRecordsMatchTheirSchemas() throws IOException {
        JsonNode schemas = contractFile().get("components").get("schemas");
        Map<String, Class<? extends Record>> bodies = Map.ofEntries(
                Map.entry("CallbackSubscription", eu.efgs.gateway.callback.CallbackResource.Subscription.class),
                Map.entry("Identity", eu.efgs.gateway.identity.IdentityResource.Identity.class),
                Map.entry("DailyStatistics", eu.efgs.gateway.statistics.DailyStatistics.class),
                Map.entry("AuditEntry", eu.efgs.gateway.audit.AuditEntry.class),
                Map.entry("DashboardTraffic", eu.efgs.gateway.dashboard.TrafficPanel.class),
                Map.entry("DashboardTrafficCountry", eu.efgs.gateway.dashboard.TrafficPanel.Country.class),
                Map.entry("DashboardTrafficDay", eu.efgs.gateway.dashboard.TrafficPanel.Day.class),
                Map.entry("DashboardBatches", eu.efgs.gateway.dashboard.BatchesPanel.class),
                Map.entry("DashboardBatchDay", eu.efgs.gateway.dashboard.BatchesPanel.Day.class),
                Map.entry("DashboardRefusals", eu.efgs.gateway.dashboard.RefusalsPanel.class),
                Map.entry("DashboardRefusalCount", eu.efgs.gateway.dashboard.RefusalsPanel.Count.class),
                Map.entry("DashboardRecentRefusal", eu.efgs.gateway.dashboard.RefusalsPanel.Recent.class),
                Map.entry("DashboardCallbacks", eu.efgs.gateway.dashboard.CallbacksPanel.class),
                Map.entry("DashboardCallback", eu.efgs.gateway.dashboard.CallbacksPanel.Subscription.class),
                Map.entry("DashboardCertificates", eu.efgs.gateway.dashboard.CertificatesPanel.class),
                Map.entry("DashboardCertificate", eu.efgs.gateway.dashboard.CertificatesPanel.Certificate.class),
                Map.entry("DashboardHealth", eu.efgs.gateway.dashboard.HealthPanel.class));
        for (Map.Entry<String, Class<? extends Record>> body : bodies.entrySet()) {
            List<String> inContract = new ArrayList<>();
            schemas.get(body.getKey()).get("properties").fieldNames().forEachRemaining(inContract::add);
            List<String> inCode = Stream.of(body.getValue().getRecordComponents())
                    .map(java.lang.reflect.RecordComponent::getName).toList();
            assertEquals(inContract, inCode, body.getKey());
        }
    }

    private static String httpMethod(Method method) {
        for (Class<? extends java.lang.annotation.Annotation> verb
                : List.of(GET.class, POST.class, PUT.class, DELETE.class, OPTIONS.class)) {
            if (method.isAnnotationPresent(verb)) {
                return verb.getAnnotation(HttpMethod.class).value();
            }
        }
        return null;
    }

    private static String join(String base, String sub) {
        String path = (base + "/" + sub).replaceAll("/+", "/");
        return path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    }

    private static List<Class<?>> resourceClasses() throws Exception {
        java.nio.file.Path classes = java.nio.file.Path.of("target", "classes", "eu", "efgs", "gateway");
        List<Class<?>> found = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = "eu.efgs.gateway." + classes.relativize(file).toString()
                        .replace(File.separatorChar, '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, OpenApiContractTest.class.getClassLoader());
                if (type.isAnnotationPresent(Path.class) && !name.contains("Test")) {
                    found.add(type);
                }
            }
        }
        return found;
    }
}
