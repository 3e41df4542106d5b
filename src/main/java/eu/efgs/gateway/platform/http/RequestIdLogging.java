package eu.efgs.gateway.platform.http;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Priorities;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Carries the request id (set by {@link RequestEdges} on the event loop) into the log context of the worker
 * thread that runs the resource, and takes it away again when the answer is written, so no later request on
 * that thread logs under it.
 */
public class RequestIdLogging {

    /** Before every other filter; runs on the worker thread for blocking resources, as they do. */
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION - 200)
    public void enter(RoutingContext context) {
        String id = context.response().headers().get(RequestEdges.REQUEST_ID);
        if (id != null) {
            MDC.put(RequestEdges.MDC_KEY, id);
        }
    }

    @ServerResponseFilter
    public void leave() {
        MDC.remove(RequestEdges.MDC_KEY);
    }
}
