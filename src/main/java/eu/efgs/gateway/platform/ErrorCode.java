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

    // HTTP framing (answered before anything else, the connection is closed)
    HTTP_VERSION_INVALID(400, "Only HTTP/1.0 and HTTP/1.1 are served"),
    HTTP_HOST_INVALID(400, "Host must be sent exactly once"),
    HTTP_FRAMING_CONFLICT(400, "The request's length is ambiguous (Content-Length with Transfer-Encoding)"),
    REQUEST_BODY_TIMEOUT(408, "The request body did not arrive in time"),
    REQUEST_TIMEOUT(503, "The request could not be answered in time; retry later"),

    // Capacity (always with Retry-After)
    DATABASE_UNAVAILABLE(503, "The database is unavailable; retry later"),
    UPLOADS_BUSY(503, "Too many uploads in progress; retry later"),

    // Client identity
    CLIENT_CERTIFICATE_MISSING(403, "No client certificate"),
    CLIENT_COUNTRY_MISSING(400, "Client certificate must contain exactly one country (C) attribute"),
    CLIENT_NOT_AUTHORIZED(403, "Client is not authorized to access the service"),
    CLIENT_CERTIFICATE_REVOKED(403, "Client certificate is revoked"),
    CLIENT_CERTIFICATE_NOT_VALID_NOW(403, "Client certificate is expired or not yet valid"),

    // Upload: request shape
    BATCH_TAG_MISSING(400, "Header batchTag is missing"),
    BATCH_TAG_INVALID(400, "Header batchTag must be 1 to 64 printable ASCII characters"),
    BATCH_SIGNATURE_MISSING(400, "Header batchSignature is missing"),
    BATCH_SIGNATURE_TOO_LARGE(400, "Header batchSignature is too large"),
    HEADER_REPEATED(400, "A header that must appear once appears several times"),
    VERSION_MISSING(400, "The media type has no version parameter"),
    VERSION_MALFORMED(400, "The media type's version is not major.minor"),
    VERSION_NOT_SUPPORTED(406, "Only version=1.0 is supported"),
    BODY_EMPTY(400, "The request body is empty"),
    BODY_TOO_LARGE(413, "The request body is too large"),
    BODY_MALFORMED(400, "The request body is not a DiagnosisKeyBatch"),
    BODY_NOT_UTF8(400, "A JSON body must be UTF-8 without a byte order mark"),
    NO_KEYS(400, "The batch contains no keys"),
    KEY_DATA_NOT_BASE64(400, "Invalid Base64 in JSON object"),
    REPORT_TYPE_UNKNOWN(400, "Unknown reportType"),

    // Upload: content
    KEY_INVALID(400, "Validation of diagnosis key failed"),
    TOO_MANY_KEYS(413, "Too many diagnosis keys"),
    BATCH_TAG_CONFLICT(409, "BatchTag already exists with different content"),
    // Never thrown: the upload answers duplicates with its 207 body; the code names them in a dry run's findings.
    DUPLICATE_KEY(207, "Identical to a stored key or an earlier key of this upload"),

    // Upload: batch signature (the original answered "Invalid signature" for all of these)
    SIGNATURE_NOT_BASE64(400, "batchSignature is not base64"),
    SIGNATURE_NOT_CMS(400, "batchSignature is not a CMS structure"),
    SIGNATURE_NOT_SIGNED_DATA(400, "batchSignature is CMS but not SignedData"),
    SIGNATURE_NO_SIGNER(400, "batchSignature has no SignerInfo"),
    SIGNATURE_CERTIFICATE_MISSING(400, "The signer's certificate is not embedded in batchSignature"),
    SIGNATURE_SIGNERS_DIFFER(400, "SignerInfos belong to different certificates"),
    SIGNATURE_CERTIFICATE_NOT_VALID_NOW(400, "The signing certificate is expired or not yet valid"),
    SIGNATURE_COUNTRY_MISSING(400, "The signing certificate must have exactly one country (C)"),
    SIGNATURE_COUNTRY_MISMATCH(400, "The signing certificate belongs to another country than the uploader"),
    SIGNATURE_CERTIFICATE_NOT_REGISTERED(400, "The signing certificate is not a registered SIGNING certificate"),
    SIGNATURE_CERTIFICATE_REVOKED(400, "The signing certificate is revoked"),
    SIGNATURE_ORIGIN_MISMATCH(400, "A key's origin is not the signer's country"),
    SIGNATURE_SHA1_NOT_ALLOWED(400, "SHA-1 based signatures are not accepted"),
    SIGNATURE_MISMATCH(400, "The signature does not verify over the canonical bytes of the keys"),

    // Download and audit
    DATE_INVALID(400, "The date must be yyyy-MM-dd"),
    DATE_IN_FUTURE(400, "The date is in the future"),
    DATE_TOO_OLD(410, "Requested date is too old"),
    BATCH_NOT_FOUND(404, "No batch with this batchTag"),
    NO_BATCH_FOR_DATE(404, "No batch for this date yet"),
    BATCH_BEFORE_DATE(400, "The batch was created before the requested date"),
    ACCEPT_VERSION_INVALID(415, "Accept must name application/protobuf or application/json with version=1.0"),
    FILTER_INVALID(400, "Filters must be two-letter country codes"),

    // Callback subscriptions
    CALLBACK_ID_INVALID(400, "callbackId must be 1 to 32 visible ASCII characters"),
    CALLBACK_URL_INVALID(400, "Callback URL is invalid"),
    CALLBACK_NOT_FOUND(404, "No callback with this id for your country"),

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
