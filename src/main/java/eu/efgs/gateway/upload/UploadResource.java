package eu.efgs.gateway.upload;

import eu.efgs.gateway.identity.Authenticated;
import eu.efgs.gateway.identity.CallerIdentity;
import eu.efgs.gateway.platform.DiagnosisKeyBatchReader;
import eu.efgs.gateway.platform.ErrorCode;
import eu.efgs.gateway.platform.GatewayException;
import eu.efgs.gateway.platform.ProtocolVersion;
import eu.efgs.gateway.platform.RequestHeaders;
import eu.efgs.gateway.signing.SigningConfig;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * {@code POST /diagnosiskeys/upload}: parses the request, lets {@link UploadService} check and store it, and maps
 * the outcome to the original's statuses (201 with the batchTag echoed; 207 with the index map; never 200).
 */
@Path("/diagnosiskeys/upload")
@RecordsRefusals
@Authenticated
@Admitted
public class UploadResource {

    static final String BATCH_TAG = "batchTag";
    static final String BATCH_SIGNATURE = "batchSignature";

    @Inject
    UploadService service;

    @Inject
    CallerIdentity caller;

    @Inject
    UploadConfig config;

    @Inject
    SigningConfig signing;

    @POST
    @Consumes({"application/protobuf", MediaType.APPLICATION_JSON})
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(@Context HttpHeaders headers, @QueryParam("dryRun") @DefaultValue("false") boolean dryRun,
                           byte[] body) {
        String batchTag = RequestHeaders.exactlyOnce(headers::getRequestHeader, BATCH_TAG, ErrorCode.BATCH_TAG_MISSING);
        String batchSignature = RequestHeaders.exactlyOnce(headers::getRequestHeader, BATCH_SIGNATURE,
                ErrorCode.BATCH_SIGNATURE_MISSING);
        if (batchTag.length() > 64 || batchTag.isBlank() || !batchTag.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
            throw new GatewayException(ErrorCode.BATCH_TAG_INVALID, null);
        }
        if (batchSignature.length() > signing.maxSignatureLength()) {
            throw new GatewayException(ErrorCode.BATCH_SIGNATURE_TOO_LARGE, "batchSignature has "
                    + batchSignature.length() + " characters; at most " + signing.maxSignatureLength());
        }
        MediaType contentType = headers.getMediaType();
        ProtocolVersion.requireForUpload(contentType, headers.getHeaderString(HttpHeaders.CONTENT_TYPE));
        if (body.length > config.maxBodyBytes()) {
            throw new GatewayException(ErrorCode.BODY_TOO_LARGE, "At most " + config.maxBodyBytes() + " bytes");
        }
        boolean json = MediaType.APPLICATION_JSON_TYPE.isCompatible(contentType);
        var keys = DiagnosisKeyBatchReader.read(body, json).getKeysList();
        var request = new UploadRequest(caller.country(), caller.get().thumbprint(), batchTag, batchSignature, "1.0",
                keys);
        if (dryRun) {
            return Response.ok(service.dryRun(request)).build();
        }
        UploadOutcome outcome = service.upload(request);
        if (outcome instanceof UploadOutcome.Duplicates duplicates) {
            return Response.status(207).type(MediaType.APPLICATION_JSON).entity(multiStatus(duplicates)).build();
        }
        return Response.status(Response.Status.CREATED).header(BATCH_TAG, batchTag).build();
    }

    /**
     * The original's 207 body, made honest: nothing was stored, so "201" is empty, "409" lists the duplicates and
     * "500" every other key (not stored: re-sign and upload them again without the duplicates).
     */
    static Map<String, List<Integer>> multiStatus(UploadOutcome.Duplicates duplicates) {
        var duplicateSet = Set.copyOf(duplicates.duplicates());
        Map<String, List<Integer>> body = new LinkedHashMap<>();
        body.put("201", List.of());
        body.put("409", duplicates.duplicates());
        body.put("500", IntStream.range(0, duplicates.keyCount()).filter(i -> !duplicateSet.contains(i)).boxed()
                .collect(Collectors.toList()));
        return body;
    }
}
