package eu.efgs.gateway.platform;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Headers that must appear at most once: a repeated one is refused, never first-wins. */
public final class RequestHeaders {

    private RequestHeaders() {
    }

    /**
     * The header's single value, or empty when absent; {@link ErrorCode#HEADER_REPEATED} when it appears more than
     * once. {@code values} gives all values of a header by name (JAX-RS or Vert.x headers).
     */
    public static Optional<String> atMostOnce(Function<String, List<String>> values, String name) {
        List<String> all = values.apply(name);
        if (all == null || all.isEmpty() || all.get(0) == null) {
            return Optional.empty();
        }
        if (all.size() > 1) {
            throw new GatewayException(ErrorCode.HEADER_REPEATED, "Header " + name + " appears " + all.size()
                    + " times");
        }
        return Optional.of(all.get(0));
    }

    /** The header's single value; {@code missing} when absent, {@link ErrorCode#HEADER_REPEATED} when repeated. */
    public static String exactlyOnce(Function<String, List<String>> values, String name, ErrorCode missing) {
        return atMostOnce(values, name).orElseThrow(() -> new GatewayException(missing, null));
    }
}
