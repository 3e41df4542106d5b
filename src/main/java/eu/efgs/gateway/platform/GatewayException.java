package eu.efgs.gateway.platform;

/** A failed check with its catalogue entry; rendered by {@link ErrorMapper}. */
public class GatewayException extends RuntimeException {

    private final ErrorCode code;
    private final transient Object extension;

    public GatewayException(ErrorCode code, String detail) {
        this(code, detail, null);
    }

    /** {@code extension} is an optional machine-readable detail (e.g. per-key findings) added to the body. */
    public GatewayException(ErrorCode code, String detail, Object extension) {
        super(detail == null ? code.title() : detail, null, false, false);
        this.code = code;
        this.extension = extension;
    }

    public ErrorCode code() {
        return code;
    }

    public Object extension() {
        return extension;
    }

    /** Response headers that belong to this error (e.g. a continuation header). */
    public java.util.Map<String, String> headers() {
        return java.util.Map.of();
    }
}
