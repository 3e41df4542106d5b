package eu.efgs.gateway.platform;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Real clients send media types with spaces ({@code application / json; version = 1.0}, Denmark's default).
 * Before routing, spaces around the separators are removed so that matching and version checks see the
 * canonical form.
 */
public class MediaTypeNormalizer {

    private static final Pattern SPACED_SEPARATOR = Pattern.compile("\\s*([/;=,])\\s*");

    @ServerRequestFilter(preMatching = true)
    public void normalize(ContainerRequestContext context) {
        normalize(context, HttpHeaders.CONTENT_TYPE);
        normalize(context, HttpHeaders.ACCEPT);
    }

    private static void normalize(ContainerRequestContext context, String header) {
        var values = context.getHeaders().get(header);
        if (values == null || values.size() != 1) {
            return;
        }
        String value = values.get(0);
        String normalized = SPACED_SEPARATOR.matcher(value.trim()).replaceAll("$1");
        if (!normalized.equals(value)) {
            context.getHeaders().putSingle(header, normalized);
        }
    }
}
