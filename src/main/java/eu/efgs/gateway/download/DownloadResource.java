package eu.efgs.gateway.download;

import eu.efgs.gateway.identity.Authenticated;
import eu.efgs.gateway.identity.CallerIdentity;
import eu.efgs.gateway.platform.ErrorCode;
import eu.efgs.gateway.platform.GatewayException;
import eu.efgs.gateway.platform.ProtocolVersion;
import eu.efgs.gateway.platform.RequestHeaders;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /diagnosiskeys/download/{date}}: a day's first batch, or the one named by the {@code batchTag} header,
 * without the caller's own keys; headers {@code batchTag} and {@code nextBatchTag} (literal {@code null} at the
 * end), an ETag, and 304 for a matching If-None-Match.
 */
@Path("/diagnosiskeys/download")
@Authenticated
public class DownloadResource {

    @Inject
    BatchResolver resolver;

    @Inject
    DownloadService downloads;

    @Inject
    CallerIdentity caller;

    @GET
    @Path("/{date}")
    @Produces({"application/protobuf", MediaType.APPLICATION_JSON})
    public Response download(@PathParam("date") String dateText,
                             @QueryParam("visitedCountry") String visitedCountry, @QueryParam("origin") String origin,
                             @HeaderParam("If-None-Match") String ifNoneMatch, @Context HttpHeaders headers) {
        LocalDate date = resolver.date(dateText);
        Optional<String> batchTag = RequestHeaders.atMostOnce(headers::getRequestHeader, "batchTag");
        DownloadBatch batch = resolver.batch(date, batchTag, ErrorCode.BATCH_BEFORE_DATE);
        MediaType accepted = acceptedType(headers);
        boolean json = MediaType.APPLICATION_JSON_TYPE.isCompatible(accepted);
        DownloadService.Filter filter = new DownloadService.Filter(country(visitedCountry), country(origin));
        Map<String, String> answer = DownloadHeaders.of(batch, caller.country(), json, filter);
        Response.ResponseBuilder response;
        if (answer.get("ETag").equals(ifNoneMatch)) {
            response = Response.notModified();
        } else {
            ReadyBody body = downloads.body(batch, caller.country(), json, filter);
            downloads.record(batch, caller.country(), body.keyCount(), DownloadCounts.Answered.WORKER);
            response = Response.ok(body);
        }
        for (Map.Entry<String, String> header : answer.entrySet()) {
            if (header.getKey().equals("Content-Type")) {
                response.type(header.getValue());
            } else {
                response.header(header.getKey(), header.getValue());
            }
        }
        return response.build();
    }

    /** The first acceptable EFGS type of the Accept header; it must carry version=1.0 (else 415, as the original). */
    private static MediaType acceptedType(HttpHeaders headers) {
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            boolean efgsType = type.getType().equals("application")
                    && (type.getSubtype().equals("protobuf") || type.getSubtype().equals("json"));
            if (efgsType) {
                if (ProtocolVersion.check(type, headers.getHeaderString(HttpHeaders.ACCEPT))
                        != ProtocolVersion.Check.SUPPORTED) {
                    break;
                }
                return type;
            }
        }
        throw new GatewayException(ErrorCode.ACCEPT_VERSION_INVALID, null);
    }

    private static Optional<String> country(String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (!value.matches("[A-Z]{2}")) {
            throw new GatewayException(ErrorCode.FILTER_INVALID, null);
        }
        return Optional.of(value);
    }
}
