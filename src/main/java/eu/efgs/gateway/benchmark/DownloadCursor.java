package eu.efgs.gateway.benchmark;

import eu.interop.DiagnosisKeyBatch;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Follows today's batch chain as a downloading country, counting new keys, without re-reading old batches. */
final class DownloadCursor {

    private final HttpClient http;
    private final URI base;
    private String lastTag;
    private long keys;
    private String lastFullBatch;
    private int lastSize;

    DownloadCursor(HttpClient http, URI base) {
        this.http = http;
        this.base = base;
    }

    /** Moves to the end of the chain; keys seen so far are not counted. */
    void catchUp() throws Exception {
        advance();
        keys = 0;
    }

    /** Polls until {@code expected} new keys are downloadable. */
    void waitFor(long expected) throws Exception {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (keys < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Only " + keys + " of " + expected + " keys became downloadable");
            }
            Thread.sleep(100);
            advance();
        }
    }

    /** A batch seen with {@code size} keys. */
    String fullBatch(int size) {
        if (lastFullBatch == null || lastSize != size) {
            throw new IllegalStateException("No batch of " + size + " keys seen");
        }
        return lastFullBatch;
    }

    private void advance() throws Exception {
        String date = LocalDate.now(ZoneOffset.UTC).toString();
        while (true) {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/diagnosiskeys/download/" + date))
                    .header("Accept", "application/protobuf; version=1.0");
            String next = null;
            if (lastTag != null) {
                HttpResponse<byte[]> current = http.send(request.copy().header("batchTag", lastTag).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                next = current.headers().firstValue("nextBatchTag").orElse("null");
                if ("null".equals(next)) {
                    return;
                }
                request.header("batchTag", next);
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404) {
                return;
            }
            lastTag = response.headers().firstValue("batchTag").orElseThrow();
            int size = DiagnosisKeyBatch.parseFrom(response.body()).getKeysCount();
            keys += size;
            if (size == 5000) {
                lastFullBatch = lastTag;
                lastSize = size;
            }
        }
    }
}
