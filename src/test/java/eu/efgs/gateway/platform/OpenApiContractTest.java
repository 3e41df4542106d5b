package eu.efgs.gateway.platform;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import eu.efgs.gateway.download.DownloadContract;
import eu.efgs.gateway.identity.Authenticated;
import eu.efgs.gateway.testing.GatewayTestResource;
import eu.efgs.gateway.testing.Https;
import eu.efgs.gateway.upload.UploadContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code openapi/openapi.yaml} is what the server serves, it lists exactly the routes the code has, its JSON
 * body schemas have exactly the properties the code writes, every {@link ErrorCode} is documented with its status
 * on exactly the operations that can raise it, and the response headers the code sets are declared.
 */
@QuarkusTest
@QuarkusTestResource(GatewayTestResource.class)
class OpenApiContractTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Codes answered before an operation is chosen (routing, request heads): documented once, in the file's
     * {@code x-errors-before-routing}.
     */
    private static final Set<ErrorCode> BEFORE_ROUTING = EnumSet.of(ErrorCode.BAD_REQUEST,
            ErrorCode.HTTP_VERSION_INVALID, ErrorCode.HTTP_HOST_INVALID, ErrorCode.HTTP_FRAMING_CONFLICT,
            ErrorCode.NOT_FOUND, ErrorCode.METHOD_NOT_ALLOWED);

    /** Any operation: the connection guard's response timeout, and the error mapper's last resort. */
    private static final Set<ErrorCode> ANY_OPERATION = EnumSet.of(ErrorCode.REQUEST_TIMEOUT,
            ErrorCode.INTERNAL_ERROR);

    /**
     * Codes an operation raises itself, by operationId. The cross-cutting ones are derived from the resource
     * methods instead (see {@link #raisedBy}): {@code @Authenticated}, {@code @Produces}, {@code @Consumes},
     * upload admission, the database gate. A new code must be added here (or to {@link #BEFORE_ROUTING}), or
     * {@link #everyCodeIsRaisedSomewhere} fails.
     */
    private static final Map<String, Set<ErrorCode>> OWN_CODES = Map.of(
            "download", EnumSet.of(ErrorCode.DATE_INVALID, ErrorCode.DATE_IN_FUTURE, ErrorCode.DATE_TOO_OLD,
                    ErrorCode.BATCH_BEFORE_DATE, ErrorCode.BATCH_NOT_FOUND, ErrorCode.NO_BATCH_FOR_DATE,
                    ErrorCode.FILTER_INVALID, ErrorCode.HEADER_REPEATED, ErrorCode.ACCEPT_VERSION_INVALID),
            "audit", EnumSet.of(ErrorCode.DATE_INVALID, ErrorCode.DATE_IN_FUTURE, ErrorCode.DATE_TOO_OLD,
                    ErrorCode.BATCH_NOT_FOUND),
            "statistics", EnumSet.of(ErrorCode.DATE_INVALID),
            "putCallback", EnumSet.of(ErrorCode.CALLBACK_ID_INVALID, ErrorCode.CALLBACK_URL_INVALID),
            "deleteCallback", EnumSet.of(ErrorCode.CALLBACK_NOT_FOUND),
            "upload", union(EnumSet.of(ErrorCode.BATCH_TAG_MISSING, ErrorCode.BATCH_TAG_INVALID,
                    ErrorCode.BATCH_SIGNATURE_MISSING, ErrorCode.BATCH_SIGNATURE_TOO_LARGE, ErrorCode.HEADER_REPEATED,
                    ErrorCode.VERSION_MISSING, ErrorCode.VERSION_MALFORMED, ErrorCode.VERSION_NOT_SUPPORTED,
                    ErrorCode.BODY_EMPTY, ErrorCode.BODY_TOO_LARGE, ErrorCode.BODY_MALFORMED, ErrorCode.BODY_NOT_UTF8,
                    ErrorCode.NO_KEYS, ErrorCode.KEY_DATA_NOT_BASE64, ErrorCode.REPORT_TYPE_UNKNOWN,
                    ErrorCode.KEY_INVALID, ErrorCode.TOO_MANY_KEYS, ErrorCode.BATCH_TAG_CONFLICT,
                    ErrorCode.DUPLICATE_KEY, ErrorCode.REQUEST_BODY_TIMEOUT), UploadContract.signatureCodes()));

    /** Response headers the code sets, by operationId and status ({@code Retry-After} on 503 is checked apart). */
    private static final Map<String, Map<String, Set<String>>> HEADERS = Map.of(
            "options", Map.of("200", Set.of("Allow", "Accept")),
            "download", Map.of("200", DownloadContract.answerHeaders(), "304", DownloadContract.answerHeaders(),
                    "404", DownloadContract.noBatchForDateHeaders()),
            "upload", Map.of("201", Set.of(UploadContract.CREATED_HEADER)));

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

    /** (a) The schema's catalogue is the enum, and every code is documented under exactly its own status. */
    @Test
    void everyCodeIsDocumentedWithExactlyItsStatus() throws IOException {
        JsonNode file = contractFile();
        List<String> catalogue = new ArrayList<>();
        file.at("/components/schemas/ErrorCode/enum").forEach(code -> catalogue.add(code.asText()));
        assertEquals(Stream.of(ErrorCode.values()).map(Enum::name).toList(), catalogue,
                "components.schemas.ErrorCode.enum");
        Map<String, Set<String>> statuses = new TreeMap<>();
        for (Operation operation : operations(file)) {
            operation.codes().forEach((status, codes) -> codes.forEach(
                    code -> statuses.computeIfAbsent(code, c -> new TreeSet<>()).add(status)));
        }
        beforeRouting(file).forEach((status, codes) -> codes.forEach(
                code -> statuses.computeIfAbsent(code, c -> new TreeSet<>()).add(status)));
        Map<String, Set<String>> expected = new TreeMap<>();
        Stream.of(ErrorCode.values()).forEach(code -> expected.put(code.name(), Set.of(status(code))));
        assertEquals(expected, statuses);
    }

    /**
     * (b) Each operation documents, under the right status, exactly the codes it can raise: its own (the table),
     * and those its annotations and the request filters bring.
     */
    @Test
    void everyOperationDocumentsTheCodesItRaisesUnderTheirStatus() throws Exception {
        JsonNode file = contractFile();
        Map<String, Set<ErrorCode>> raised = raisedBy(file);
        for (Operation operation : operations(file)) {
            Map<String, Set<String>> expected = new TreeMap<>();
            raised.getOrDefault(operation.id(), Set.of()).forEach(
                    code -> expected.computeIfAbsent(status(code), s -> new TreeSet<>()).add(code.name()));
            assertEquals(expected, operation.codes(), operation.id());
        }
        Map<String, Set<String>> before = new TreeMap<>();
        BEFORE_ROUTING.forEach(code -> before.computeIfAbsent(status(code), s -> new TreeSet<>()).add(code.name()));
        assertEquals(before, beforeRouting(file), "x-errors-before-routing");
    }

    /** A new code fails until someone says where it can be raised (and so documents it). */
    @Test
    void everyCodeIsRaisedSomewhere() throws Exception {
        EnumSet<ErrorCode> classified = EnumSet.copyOf(BEFORE_ROUTING);
        raisedBy(contractFile()).values().forEach(classified::addAll);
        assertEquals(EnumSet.allOf(ErrorCode.class), classified);
    }

    /** (c) The headers the code sets are declared on their responses; every 503 declares Retry-After. */
    @Test
    void responseHeadersAreDeclared() throws IOException {
        for (Operation operation : operations(contractFile())) {
            for (Map.Entry<String, JsonNode> response : operation.responses().entrySet()) {
                String status = response.getKey();
                Set<String> expected = new TreeSet<>(
                        HEADERS.getOrDefault(operation.id(), Map.of()).getOrDefault(status, Set.of()));
                if (status.equals("503")) {
                    expected.add("Retry-After"); // ErrorMapper and the connection guard send it with every 503
                }
                Set<String> declared = new TreeSet<>();
                response.getValue().path("headers").fieldNames().forEachRemaining(declared::add);
                assertEquals(expected, declared, operation.id() + " " + status);
            }
            assertTrue(operation.responses().keySet().containsAll(
                    HEADERS.getOrDefault(operation.id(), Map.of()).keySet()), operation.id());
        }
    }

    /** The dry-run finding's rule values are the key rules. */
    @Test
    void dryRunRulesAreTheKeyRules() throws IOException {
        List<String> rules = new ArrayList<>();
        contractFile().at("/components/schemas/DryRunReport/properties/findings/items/properties/rule/enum")
                .forEach(rule -> rules.add(rule.isNull() ? null : rule.asText()));
        List<String> expected = new ArrayList<>(Stream.of(eu.efgs.gateway.keys.KeyRule.values()).map(Enum::name)
                .toList());
        expected.add(null);
        assertEquals(expected, rules);
    }

    /** One operation of the file, its responses resolved. */
    private record Operation(String id, Map<String, JsonNode> responses) {

        /** Codes per status: the {@code code} enum of the problem body, or {@code x-error-codes}. */
        Map<String, Set<String>> codes() {
            Map<String, Set<String>> codes = new TreeMap<>();
            responses.forEach((status, response) -> {
                Set<String> listed = new TreeSet<>();
                response.path("x-error-codes").forEach(code -> listed.add(code.asText()));
                response.path("content").forEach(content -> content.path("schema").path("allOf").forEach(
                        part -> part.at("/properties/code/enum").forEach(code -> listed.add(code.asText()))));
                if (!listed.isEmpty()) {
                    codes.put(status, listed);
                }
            });
            return codes;
        }
    }

    private static List<Operation> operations(JsonNode file) {
        List<Operation> operations = new ArrayList<>();
        file.get("paths").forEach(path -> path.forEach(operation -> {
            Map<String, JsonNode> responses = new TreeMap<>();
            operation.get("responses").fields().forEachRemaining(response -> responses.put(response.getKey(),
                    resolve(file, response.getValue())));
            operations.add(new Operation(operation.get("operationId").asText(), responses));
        }));
        return operations;
    }

    private static JsonNode resolve(JsonNode file, JsonNode node) {
        return node.has("$ref") ? file.at(node.get("$ref").asText().substring(1)) : node;
    }

    private static Map<String, Set<String>> beforeRouting(JsonNode file) {
        Map<String, Set<String>> codes = new TreeMap<>();
        file.get("x-errors-before-routing").fields().forEachRemaining(entry -> {
            if (entry.getValue().isArray()) {
                Set<String> listed = new TreeSet<>();
                entry.getValue().forEach(code -> listed.add(code.asText()));
                codes.put(entry.getKey(), listed);
            }
        });
        return codes;
    }

    /** The codes each operation can raise: its own (the table) and those its resource method's set-up brings. */
    private static Map<String, Set<ErrorCode>> raisedBy(JsonNode file) throws Exception {
        Map<String, String> operationIds = new TreeMap<>();
        file.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(
                verb -> operationIds.put(verb.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
                        verb.getValue().get("operationId").asText())));
        Map<String, Set<ErrorCode>> raised = new TreeMap<>();
        for (Class<?> resource : resourceClasses()) {
            for (Method method : resource.getDeclaredMethods()) {
                String verb = httpMethod(method);
                if (verb == null) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                String id = operationIds.get(verb + " " + join(resource.getAnnotation(Path.class).value(),
                        sub == null ? "" : sub.value()));
                EnumSet<ErrorCode> codes = EnumSet.copyOf(ANY_OPERATION);
                codes.addAll(OWN_CODES.getOrDefault(id, Set.of()));
                if (annotated(resource, method, Authenticated.class)) {
                    codes.addAll(EnumSet.of(ErrorCode.CLIENT_CERTIFICATE_MISSING, ErrorCode.CLIENT_COUNTRY_MISSING,
                            ErrorCode.CLIENT_NOT_AUTHORIZED, ErrorCode.CLIENT_CERTIFICATE_REVOKED,
                            ErrorCode.CLIENT_CERTIFICATE_NOT_VALID_NOW));
                }
                if (!verb.equals(HttpMethod.OPTIONS)) {
                    codes.add(ErrorCode.DATABASE_UNAVAILABLE); // DatabaseGate
                }
                if (annotated(resource, method, Produces.class)) {
                    codes.add(ErrorCode.NOT_ACCEPTABLE);
                }
                if (annotated(resource, method, Consumes.class)) {
                    codes.add(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
                }
                if (annotated(resource, method, UploadContract.ADMITTED)) {
                    codes.add(ErrorCode.UPLOADS_BUSY);
                }
                raised.put(id, codes);
            }
        }
        return raised;
    }

    private static boolean annotated(Class<?> resource, Method method,
                                     Class<? extends java.lang.annotation.Annotation> annotation) {
        return resource.isAnnotationPresent(annotation) || method.isAnnotationPresent(annotation);
    }

    private static String status(ErrorCode code) {
        return String.valueOf(code.status());
    }

    private static Set<ErrorCode> union(Set<ErrorCode> first, Set<ErrorCode> second) {
        EnumSet<ErrorCode> all = EnumSet.copyOf(first);
        all.addAll(second);
        return all;
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
