package eu.efgs.gateway.audit;

import eu.efgs.gateway.download.BatchResolver;
import eu.efgs.gateway.download.DownloadBatch;
import eu.efgs.gateway.identity.Authenticated;
import eu.efgs.gateway.platform.ErrorCode;
import eu.efgs.gateway.platform.GatewayException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /diagnosiskeys/audit/download/{date}/{batchTag}}: the audit entries of a batch, for any authenticated
 * country. Every batch reachable from {@code download/{date}} (its first batch and the nextBatchTag chain) is
 * auditable under that date; a batch older than the date, or unknown, is 404 as in the original.
 */
@Path("/diagnosiskeys/audit/download")
@Authenticated
public class AuditResource {

    @Inject
    BatchResolver resolver;

    @Inject
    AuditService audit;

    @GET
    @Path("/{date}/{batchTag}")
    @Produces(MediaType.APPLICATION_JSON)
    public List<AuditEntry> entries(@PathParam("date") String date, @PathParam("batchTag") String batchTag) {
        DownloadBatch batch = resolver.batch(resolver.date(date), Optional.of(batchTag), ErrorCode.BATCH_NOT_FOUND);
        List<AuditEntry> entries = audit.entries(batch);
        if (entries.isEmpty()) {
            throw new GatewayException(ErrorCode.BATCH_NOT_FOUND, "The batch holds no uploads");
        }
        return entries;
    }
}
