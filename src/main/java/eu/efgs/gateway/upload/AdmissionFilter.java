package eu.efgs.gateway.upload;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Lets an authenticated upload in only when {@link UploadAdmission} gives it a turn, before its body is read. The
 * turn is given back once the answer is decided (including an error mapped from a body that could not be read), and
 * at the latest when the exchange ends: a connection closed under a broken body does not always end the exchange,
 * and a turn kept forever would shrink upload capacity for good.
 */
@Provider
@Admitted
@Priority(Priorities.USER)
public class AdmissionFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String TURN = AdmissionFilter.class.getName() + ".turn";

    @Inject
    UploadCapacity capacity;

    @Inject
    CurrentVertxRequest request;

    @Override
    public void filter(ContainerRequestContext context) {
        UploadAdmission.Turn turn = capacity.admission().enter();
        context.setProperty(TURN, turn);
        request.getCurrent().addEndHandler(ended -> turn.release());
    }

    @Override
    public void filter(ContainerRequestContext context, ContainerResponseContext response) {
        if (context.getProperty(TURN) instanceof UploadAdmission.Turn turn) {
            turn.release();
        }
    }
}
