package eu.efgs.gateway.download;

import eu.efgs.gateway.trust.Thumbprints;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headers of a download answer (200 and 304 alike), as the original sends them: {@code batchTag},
 * {@code nextBatchTag} (literal {@code null} at the end of the chain), the versioned Content-Type and, for protobuf,
 * the schema headers; plus an ETag.
 */
final class DownloadHeaders {

    private DownloadHeaders() {
    }

    static Map<String, String> of(DownloadBatch batch, String requesterCountry, boolean json,
                                  DownloadService.Filter filter) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("batchTag", batch.batchTag());
        headers.put("nextBatchTag", batch.nextBatchTagHeader());
        headers.put("ETag", etag(batch, requesterCountry, json, filter));
        headers.put("Content-Type", json ? "application/json;version=1.0" : "application/protobuf;version=1.0");
        if (!json) {
            headers.put("X-Protobuf-Schema", "Efgs.proto");
            headers.put("X-Protobuf-Message", "eu.interop.DiagnosisKeyBatch");
        }
        return headers;
    }

    /** Batches are immutable; only the successor link can appear later, so it is part of the tag. */
    static String etag(DownloadBatch batch, String requesterCountry, boolean json, DownloadService.Filter filter) {
        String identity = String.join("|", batch.batchTag(), batch.nextBatchTagHeader(), requesterCountry,
                json ? "json" : "protobuf", filter.visitedCountry().orElse(""), filter.origin().orElse(""));
        return "\"" + Thumbprints.ofBytes(identity.getBytes(StandardCharsets.US_ASCII)).substring(0, 32) + "\"";
    }
}
