package eu.efgs.gateway.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** RFC 9457 problem body with the gateway's stable {@code code}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code, Object errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /** The body as JSON text, for answers written outside JAX-RS (HTTP edges). */
    public static String json(ErrorCode code, String detail) {
        try {
            return JSON.writeValueAsString(of(code, detail == null ? code.title() : detail, null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Problem of(ErrorCode code, String detail, Object errors) {
        return new Problem("urn:efgs:error:" + code.name().toLowerCase().replace('_', '-'), code.title(),
                code.status(), detail, code.name(), errors);
    }
}
