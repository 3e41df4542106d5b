package eu.efgs.gateway.platform;

import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** {@code OPTIONS /diagnosiskeys}: unauthenticated capability probe, exactly as the original answers it. */
@Path("/diagnosiskeys")
public class ApiOptionsResource {

    @OPTIONS
    public Response options() {
        return Response.ok()
                .header("Allow", "POST,GET,OPTIONS")
                .header("Accept", "application/json; version=1.0, application/protobuf; version=1.0")
                .build();
    }
}
