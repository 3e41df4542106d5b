package eu.efgs.gateway.platform;

import com.fasterxml.jackson.annotation.JsonInclude;

/** RFC 9457 problem body with the gateway's stable {@code code}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code, Object errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    static Problem of(ErrorCode code, String detail, Object errors) {
        return new Problem("urn:efgs:error:" + code.name().toLowerCase().replace('_', '-'), code.title(),
                code.status(), detail, code.name(), errors);
    }
}
