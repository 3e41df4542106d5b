package eu.efgs.gateway.identity;

import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Authenticates {@link Authenticated} resources. It runs after routing, so unknown paths, wrong methods and
 * unsupported media types are answered first (404/405/406/415), in the original's order.
 */
@Provider
@Authenticated
@Priority(Priorities.AUTHENTICATION)
public class ClientAuthenticationFilter implements ContainerRequestFilter {

    @Inject
    ClientAuthenticator authenticator;

    @Inject
    CallerIdentity caller;

    @Inject
    HttpServerRequest request;

    @Override
    public void filter(ContainerRequestContext context) {
        caller.set(authenticator.authenticate(request));
    }
}
