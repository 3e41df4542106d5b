package eu.efgs.gateway.benchmark;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load generator for HTTPS with a client certificate (which wrk cannot present): Vert.x' non-blocking client,
 * {@code connections} keep-alive connections, each sending its next request when the previous answer is complete,
 * for a fixed time. Its own ceiling is shown by measuring it against nginx beside wrk.
 */
final class VertxLoad {

    /** What a run measured. */
    record Result(double requestsPerSecond, double megabytesPerSecond, double p50Ms, double p99Ms, long requests,
                  long non2xx, long errors) {
    }

    private VertxLoad() {
    }

    /** {@code clientPem}/{@code clientKey}: the certificate presented, or null for none. */
    static Result run(int port, String path, Map<String, String> headers, Path clientPem, Path clientKey,
                      int connections, Duration duration) throws InterruptedException {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        try {
            HttpClientOptions options = new HttpClientOptions().setSsl(true).setTrustAll(true).setVerifyHost(false)
                    .setProtocolVersion(HttpVersion.HTTP_1_1).setKeepAlive(true).setMaxPoolSize(connections)
                    .setDefaultHost("127.0.0.1").setDefaultPort(port);
            if (OpenSSLEngineOptions.isAvailable()) {
                options.setSslEngineOptions(new OpenSSLEngineOptions()); // the JDK's TLS would be the limit here
            }
            if (clientPem != null) {
                options.setKeyCertOptions(new PemKeyCertOptions().setCertPath(clientPem.toString())
                        .setKeyPath(clientKey.toString()));
            }
            HttpClient client = vertx.createHttpClient(options);
            List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
            AtomicLong bytes = new AtomicLong();
            AtomicLong non2xx = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            long started = System.nanoTime();
            long deadline = started + duration.toNanos();
            CountDownLatch done = new CountDownLatch(connections);
            for (int c = 0; c < connections; c++) {
                next(client, path, headers, deadline, latencies, bytes, non2xx, errors, done);
            }
            done.await(duration.toSeconds() + 60, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - started) / 1e9;
            List<Double> sorted = new ArrayList<>(latencies);
            return new Result(sorted.size() / seconds, bytes.get() / seconds / 1_000_000,
                    Stats.percentile(sorted, 50), Stats.percentile(sorted, 99), sorted.size(), non2xx.get(),
                    errors.get());
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    private static void next(HttpClient client, String path, Map<String, String> headers, long deadline,
                             List<Double> latencies, AtomicLong bytes, AtomicLong non2xx, AtomicLong errors,
                             CountDownLatch done) {
        if (System.nanoTime() >= deadline) {
            done.countDown();
            return;
        }
        long begin = System.nanoTime();
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setURI(path);
        headers.forEach(request::addHeader);
        client.request(request)
                .compose(sent -> sent.send().compose(response -> response.body().map(body -> {
                    bytes.addAndGet(body.length());
                    if (response.statusCode() / 100 != 2) {
                        non2xx.incrementAndGet();
                    }
                    return body;
                })))
                .onComplete(result -> {
                    if (result.failed()) {
                        errors.incrementAndGet();
                    } else {
                        latencies.add((System.nanoTime() - begin) / 1e6);
                    }
                    next(client, path, headers, deadline, latencies, bytes, non2xx, errors, done);
                });
    }
}
