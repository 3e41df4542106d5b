package eu.efgs.gateway.platform.database;

import eu.efgs.gateway.platform.ErrorCode;
import eu.efgs.gateway.platform.GatewayException;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * While the database is known to be unreachable, API requests are answered 503 at once instead of each one
 * waiting for its own connection attempt to time out. Routing answers (404, 405, 415) come first, as always.
 */
public class DatabaseGate {

    @Inject
    DatabaseStatus status;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION - 100)
    public void requireDatabase(ContainerRequestContext context) {
        if (!HttpMethod.OPTIONS.equals(context.getMethod()) && !status.reachable()) {
            throw new GatewayException(ErrorCode.DATABASE_UNAVAILABLE, null);
        }
    }
}
