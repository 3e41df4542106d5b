package eu.efgs.gateway.benchmark;

import eu.efgs.gateway.client.KeyGenerator;
import eu.efgs.gateway.signing.BatchSigner;
import eu.interop.DiagnosisKey;
import eu.interop.DiagnosisKeyBatch;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Signed uploads prepared before the clock starts, sent by one uploader (connection) per country. */
final class Uploads {

    private static final String PROTOBUF = "application/protobuf; version=1.0";

    private Uploads() {
    }

    /** {@code perUploader} uploads of {@code keys} fresh keys from each of {@code countries}; 201 counts as done. */
    static Load.Result run(URI base, Map<String, HttpClient> clients, Map<String, BatchSigner> signers,
                           List<String> countries, int perUploader, int keys) throws Exception {
        List<List<HttpRequest>> requests = new ArrayList<>();
        for (String country : countries) {
            List<HttpRequest> prepared = new ArrayList<>();
            for (int i = 0; i < perUploader; i++) {
                String origin = country.substring(0, 2);
                List<DiagnosisKey> batch = KeyGenerator.keys(origin, List.of("DE", "FR", "ES", "IT", "NL"), keys,
                        Instant.now());
                prepared.add(HttpRequest.newBuilder(base.resolve("/diagnosiskeys/upload"))
                        .header("Content-Type", PROTOBUF).header("batchTag", "bench-" + UUID.randomUUID())
                        .header("batchSignature", signers.get(country).sign(batch))
                        .timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(
                                DiagnosisKeyBatch.newBuilder().addAllKeys(batch).build().toByteArray()))
                        .build());
            }
            requests.add(prepared);
        }
        List<HttpClient> connections = countries.stream().map(clients::get).toList();
        return Load.run(connections, perUploader, index -> requests.get(index / perUploader).get(index % perUploader),
                201);
    }
}
