package eu.efgs.gateway.platform;

/**
 * The one catalogue of errors the gateway answers with. The HTTP status is the contract clients branch on
 * (kept exactly as the original EFGS); the code tells humans and careful clients which check failed.
 */
public enum ErrorCode {
    // Routing (answered before authentication, as the original did)
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    BAD_REQUEST(400, "Bad request"),

    // Client identity
    CLIENT_CERTIFICATE_MISSING(403, "No client certificate"),
    CLIENT_COUNTRY_MISSING(400, "Client certificate must contain exactly one country (C) attribute"),
    CLIENT_NOT_AUTHORIZED(403, "Client is not authorized to access the service"),
    CLIENT_CERTIFICATE_REVOKED(403, "Client certificate is revoked"),
    CLIENT_CERTIFICATE_NOT_VALID_NOW(403, "Client certificate is expired or not yet valid"),

    INTERNAL_ERROR(500, "Internal server error");

    private final int status;
    private final String title;

    ErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
