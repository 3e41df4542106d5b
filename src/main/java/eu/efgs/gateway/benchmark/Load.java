package eu.efgs.gateway.benchmark;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs requests on N connections (one HTTP/1.1 client each) and records status, bytes and latency. */
final class Load {

    /** The outcome of a load run. */
    record Result(int requests, long bytes, double seconds, List<Double> latenciesMs, int failures) {
        double perSecond() {
            return requests / seconds;
        }

        double megabytesPerSecond() {
            return bytes / seconds / 1_000_000.0;
        }
    }

    private Load() {
    }

    static Result run(List<HttpClient> connections, int requestsPerConnection,
                      java.util.function.IntFunction<HttpRequest> request, int expectedStatus) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(connections.size());
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        long[] bytes = new long[connections.size()];
        int[] failures = new int[connections.size()];
        long started = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < connections.size(); c++) {
                int connection = c;
                running.add(pool.submit(() -> {
                    for (int i = 0; i < requestsPerConnection; i++) {
                        long begin = System.nanoTime();
                        try {
                            HttpResponse<byte[]> response = connections.get(connection).send(
                                    request.apply(connection * requestsPerConnection + i),
                                    HttpResponse.BodyHandlers.ofByteArray());
                            bytes[connection] += response.body().length;
                            if (response.statusCode() != expectedStatus) {
                                failures[connection]++;
                            }
                        } catch (java.io.IOException e) { // a timeout or a dropped connection is a failure
                            failures[connection]++;
                        }
                        latencies.add((System.nanoTime() - begin) / 1e6);
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Result(connections.size() * requestsPerConnection, java.util.Arrays.stream(bytes).sum(), seconds,
                latencies, java.util.Arrays.stream(failures).sum());
    }
}
