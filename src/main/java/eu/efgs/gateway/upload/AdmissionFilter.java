package eu.efgs.gateway.upload;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Lets an authenticated upload in only when {@link UploadAdmission} gives it a turn, before its body is read;
 * the turn is given back when the exchange ends, however it ends (answer sent or connection lost).
 */
@Provider
@Admitted
@Priority(Priorities.USER)
public class AdmissionFilter implements ContainerRequestFilter {

    @Inject
    UploadCapacity capacity;

    @Inject
    CurrentVertxRequest request;

    @Override
    public void filter(ContainerRequestContext context) {
        UploadAdmission.Turn turn = capacity.admission().enter();
        request.getCurrent().addEndHandler(ended -> turn.release());
    }
}
