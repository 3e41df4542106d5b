package eu.efgs.gateway.upload;

import eu.efgs.gateway.platform.ErrorCode;
import eu.efgs.gateway.platform.GatewayException;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * An upload without Content-Type is 415, as the original answered it while routing (before authentication, spec
 * §2.3); JAX-RS would otherwise match it to the upload resource as if any type had been sent.
 */
public class UploadContentType {

    @ServerRequestFilter(preMatching = true)
    public void requireContentType(ContainerRequestContext context) {
        if (HttpMethod.POST.equals(context.getMethod()) && !context.getHeaders().containsKey(HttpHeaders.CONTENT_TYPE)
                && context.getUriInfo().getPath().equals("/diagnosiskeys/upload")) {
            throw new GatewayException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/protobuf "
                    + "or application/json with version=1.0");
        }
    }
}
