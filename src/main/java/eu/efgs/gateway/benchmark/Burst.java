package eu.efgs.gateway.benchmark;

import eu.efgs.gateway.client.KeyGenerator;
import eu.efgs.gateway.signing.BatchSigner;
import eu.interop.DiagnosisKey;
import eu.interop.DiagnosisKeyBatch;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * efgs#73 at full size: 100 uploads of 5000 keys from 50 connections at once, while batching runs every second,
 * against a gateway JVM with a given heap. Every answer is counted by status; a 503 must carry Retry-After.
 */
final class Burst {

    static final int UPLOADS = 100;
    static final int CONNECTIONS = 50;
    static final int KEYS = 5000;

    /** What the burst got back. */
    record Outcome(Map<Integer, Integer> statuses, int without201, int unavailableWithoutRetryAfter,
                   double slowestMs, long outOfMemoryErrors, double seconds, double baselineHeapMb, double peakHeapMb) {
    }

    private Burst() {
    }

    static Outcome run(GatewayProcess gateway, Path pki, List<String> countries) throws Exception {
        List<HttpClient> clients = new ArrayList<>();
        List<HttpRequest> requests = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            Credentials credentials = new Credentials(countries.get(c % countries.size()), pki);
            clients.add(credentials.client());
            BatchSigner signer = credentials.signer();
            for (int i = 0; i < UPLOADS / CONNECTIONS; i++) {
                requests.add(request(gateway.base(), credentials.country(), signer));
            }
        }
        Map<Integer, Integer> statuses = Collections.synchronizedMap(new TreeMap<>());
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        int[] withoutRetryAfter = {0};
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS + 1);
        HeapSampler heap = new HeapSampler(gateway.managementPort);
        double baseline = heap.sample();
        pool.submit(heap);
        long started = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++) {
                int connection = c;
                running.add(pool.submit(() -> {
                    for (int i = 0; i < UPLOADS / CONNECTIONS; i++) {
                        long begin = System.nanoTime();
                        int status;
                        try {
                            HttpResponse<Void> response = clients.get(connection).send(
                                    requests.get(connection * (UPLOADS / CONNECTIONS) + i),
                                    HttpResponse.BodyHandlers.discarding());
                            status = response.statusCode();
                            if (status == 503 && response.headers().firstValue("Retry-After").isEmpty()) {
                                synchronized (withoutRetryAfter) {
                                    withoutRetryAfter[0]++;
                                }
                            }
                        } catch (java.io.IOException e) {
                            status = -1; // no answer at all (timeout, connection lost)
                        }
                        statuses.merge(status, 1, Integer::sum);
                        latencies.add((System.nanoTime() - begin) / 1e6);
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } finally {
            heap.stop();
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Outcome(Map.copyOf(statuses), UPLOADS - statuses.getOrDefault(201, 0), withoutRetryAfter[0],
                Stats.percentile(latencies, 100), gateway.logLines("OutOfMemoryError"), seconds, baseline,
                heap.peak());
    }

    /**
     * The gateway's used heap (its Prometheus gauge, live and garbage alike) every 100 ms: an upper bound of what
     * the uploads in flight hold.
     */
    private static final class HeapSampler implements Runnable {
        private final GatewayMetrics metrics;
        private volatile boolean running = true;
        private volatile double peak;

        HeapSampler(int managementPort) {
            metrics = new GatewayMetrics(managementPort);
        }

        double sample() throws Exception {
            double bytes = metrics.sum("jvm_memory_used_bytes", "area=\"heap\"");
            return bytes / 1_048_576.0;
        }

        @Override
        public void run() {
            while (running) {
                try {
                    peak = Math.max(peak, sample());
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // a busy gateway may miss a sample
                }
            }
        }

        void stop() {
            running = false;
        }

        double peak() {
            return peak;
        }
    }

    private static HttpRequest request(URI base, String country, BatchSigner signer) {
        List<DiagnosisKey> keys = KeyGenerator.keys(country, List.of("DE", "FR", "ES", "IT", "NL"), KEYS,
                Instant.now());
        return HttpRequest.newBuilder(base.resolve("/diagnosiskeys/upload"))
                .header("Content-Type", "application/protobuf; version=1.0")
                .header("batchTag", "burst-" + UUID.randomUUID())
                .header("batchSignature", signer.sign(keys))
                .timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                        DiagnosisKeyBatch.newBuilder().addAllKeys(keys).build().toByteArray()))
                .build();
    }
}
