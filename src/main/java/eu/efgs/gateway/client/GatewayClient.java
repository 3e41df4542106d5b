package eu.efgs.gateway.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.efgs.gateway.signing.BatchSigner;
import eu.interop.DiagnosisKey;
import eu.interop.DiagnosisKeyBatch;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A national backend's EFGS client: uploads signed batches and handles the answers as a careful client should,
 * and downloads a day by following nextBatchTag. Usable as a library; the {@code client} commands wrap it.
 */
public final class GatewayClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROTOBUF = "application/protobuf; version=1.0";
    private static final int RETRIES = 3;

    private final HttpClient http;
    private final URI gateway;
    private final int maxKeysPerUpload;

    public GatewayClient(HttpClient http, URI gateway, int maxKeysPerUpload) {
        this.http = http;
        this.gateway = gateway;
        this.maxKeysPerUpload = maxKeysPerUpload;
    }

    /** What became of an upload. {@code stored} keys are on the gateway; {@code duplicates} were dropped. */
    public record UploadResult(int status, List<String> batchTags, int stored, int duplicates, String problem) {
        public boolean ok() {
            return status == 201;
        }
    }

    /**
     * Uploads {@code keys}: in parts of at most the gateway's limit (tags {@code tag}, {@code tag-2}, …); on 207,
     * drops the duplicates ("409"), re-signs the rest and sends it again under the same tag (nothing was stored);
     * on 413 (the gateway's limit is lower than assumed) splits the part in halves ({@code tag.1}, {@code tag.2}).
     * A 201 for a retried tag means an earlier attempt already got through.
     */
    public UploadResult upload(String batchTag, List<DiagnosisKey> keys, BatchSigner signer)
            throws IOException, InterruptedException {
        UploadResult total = new UploadResult(201, new ArrayList<>(), 0, 0, null);
        for (int part = 0; part * maxKeysPerUpload < Math.max(1, keys.size()); part++) {
            String tag = part == 0 ? batchTag : batchTag + "-" + (part + 1);
            total = add(total, uploadPart(tag, keys.subList(part * maxKeysPerUpload,
                    Math.min(keys.size(), (part + 1) * maxKeysPerUpload)), signer));
            if (!total.ok()) {
                return total;
            }
        }
        return total;
    }

    private UploadResult uploadPart(String tag, List<DiagnosisKey> keys, BatchSigner signer)
            throws IOException, InterruptedException {
        List<DiagnosisKey> remaining = keys;
        int duplicates = 0;
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> response = post(tag, remaining, signer);
            if (response.statusCode() == 201) {
                return new UploadResult(201, List.of(tag), remaining.size(), duplicates, null);
            }
            if (response.statusCode() == 413 && remaining.size() > 1) {
                int half = remaining.size() / 2;
                return add(add(new UploadResult(201, List.of(), 0, duplicates, null),
                        uploadPart(tag + ".1", remaining.subList(0, half), signer)),
                        uploadPart(tag + ".2", remaining.subList(half, remaining.size()), signer));
            }
            if (response.statusCode() != 207 || attempt == RETRIES) {
                return new UploadResult(response.statusCode(), List.of(), 0, duplicates, response.body());
            }
            Set<Integer> dropped = new HashSet<>();
            JSON.readTree(response.body()).path("409").forEach(index -> dropped.add(index.asInt()));
            duplicates += dropped.size();
            List<DiagnosisKey> kept = new ArrayList<>();
            for (int i = 0; i < remaining.size(); i++) {
                if (!dropped.contains(i)) {
                    kept.add(remaining.get(i));
                }
            }
            remaining = kept;
        }
    }

    /** Both results together; the first failure wins. */
    private static UploadResult add(UploadResult a, UploadResult b) {
        List<String> tags = new ArrayList<>(a.batchTags());
        tags.addAll(b.batchTags());
        int status = a.ok() ? b.status() : a.status();
        return new UploadResult(status, tags, a.stored() + b.stored(), a.duplicates() + b.duplicates(),
                a.ok() ? b.problem() : a.problem());
    }

    private HttpResponse<String> post(String batchTag, List<DiagnosisKey> keys, BatchSigner signer)
            throws IOException, InterruptedException {
        byte[] body = DiagnosisKeyBatch.newBuilder().addAllKeys(keys).build().toByteArray();
        HttpRequest request = HttpRequest.newBuilder(gateway.resolve("/diagnosiskeys/upload"))
                .header("Content-Type", PROTOBUF)
                .header("Accept", "application/json")
                .header("batchTag", batchTag)
                .header("batchSignature", signer.sign(keys))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpClient http() {
        return http;
    }

    URI gateway() {
        return gateway;
    }

    /** A downloaded batch. */
    public record Batch(String batchTag, List<DiagnosisKey> keys) {
    }

    /** Every batch of {@code date} and after, following nextBatchTag to the end (404: none yet). */
    public List<Batch> downloadDay(LocalDate date) throws IOException, InterruptedException {
        List<Batch> batches = new ArrayList<>();
        String tag = null;
        while (true) {
            HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve("/diagnosiskeys/download/" + date))
                    .header("Accept", PROTOBUF).GET();
            if (tag != null) {
                request.header("batchTag", tag);
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404 && tag == null) {
                return batches;
            }
            if (response.statusCode() != 200) {
                throw new IOException("Download of " + date + " " + tag + " answered " + response.statusCode());
            }
            batches.add(new Batch(response.headers().firstValue("batchTag").orElse(tag),
                    DiagnosisKeyBatch.parseFrom(response.body()).getKeysList()));
            tag = response.headers().firstValue("nextBatchTag").orElse("null");
            if ("null".equals(tag)) {
                return batches;
            }
        }
    }
}
