package eu.efgs.gateway.identity;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;

/**
 * {@code GET /diagnosiskeys/identity}: who the gateway believes the caller is. Not in the original; it lets a
 * national backend check its mTLS or load-balancer set-up before its first upload.
 */
@Path("/diagnosiskeys/identity")
@Authenticated
public class IdentityResource {

    @Inject
    CallerIdentity caller;

    /** Response body. */
    public record Identity(String country, String thumbprint, ClientIdentity.Source source, Instant notAfter) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Identity identity() {
        ClientIdentity identity = caller.get();
        return new Identity(identity.country(), identity.thumbprint(), identity.source(),
                identity.certificate().certificate().getNotAfter().toInstant());
    }
}
