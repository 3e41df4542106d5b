package eu.efgs.gateway.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Downloads of one 5000-key batch by one country, against nginx serving the very same bytes, per transport: plain
 * HTTP as behind a balancer in header mode (both measured with wrk), and HTTPS with the country's client certificate
 * (both measured with the Vert.x generator, which wrk cannot replace there). Cold (the batch's first request, so its
 * slices are read and decrypted and its body assembled) and warm (the same batch again) are reported apart.
 */
final class Downloads {

    static final String PROTOBUF = "application/protobuf; version=1.0";
    static final String JSON = "application/json; version=1.0";
    static final int CONNECTIONS = 16;

    private final Figures figures;
    private final Credentials downloader;
    private final Duration duration;

    Downloads(Figures figures, Credentials downloader, Duration duration) {
        this.figures = figures;
        this.downloader = downloader;
        this.duration = duration;
    }

    /** Batches timed cold per format. */
    static final int COLD_BATCHES = 3;

    static String coldLabel(int batches) {
        return batches == 1 ? "cold: first request of a new batch"
                : "cold: first request of a new batch, median of " + batches + " batches";
    }

    /**
     * The first request of each of {@code batchTags} (batches no one downloaded yet, in {@code format}; the median
     * of them), then warm single requests of the first one.
     */
    void cold(GatewayProcess gateway, List<String> batchTags, String format, String label) throws Exception {
        HttpClient http = downloader.client();
        // the connection (mutual TLS handshake) is opened first: cold means the batch, not the connection
        HttpResponse<Void> identity = http.send(HttpRequest.newBuilder(gateway.base().resolve(
                "/diagnosiskeys/identity")).GET().build(), HttpResponse.BodyHandlers.discarding());
        if (identity.statusCode() != 200) {
            throw new IllegalStateException("Identity answered " + identity.statusCode());
        }
        String date = LocalDate.now(ZoneOffset.UTC).toString();
        double fromMemory = answeredFromMemory(gateway);
        // each batch's request is a value of the figure (its median is the figure), so the printout shows them all
        Figure cold = figures.figure("download " + label + ", " + coldLabel(batchTags.size()), "ms");
        for (String batchTag : batchTags) {
            cold.add(timed(http, gateway.base(), date, batchTag, format));
        }
        figures.figure("download " + label + ", cold: answered from memory, of " + batchTags.size(), "count")
                .add(answeredFromMemory(gateway) - fromMemory);
        List<Double> warm = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            warm.add(timed(http, gateway.base(), date, batchTags.get(0), format));
        }
        figures.figure("download " + label + ", warm: 1 conn, p50 of 20", "ms").add(Stats.median(warm));
    }

    /** The gateway's count of downloads answered from memory on the event loop (its Prometheus counter). */
    private static double answeredFromMemory(GatewayProcess gateway) throws Exception {
        return new GatewayMetrics(gateway.managementPort).sum("efgs_downloads_total", "answered=\"memory\"");
    }

    /** Warm throughput of the gateway and of nginx, per transport and format, 16 connections. */
    void warm(GatewayProcess gateway, Nginx nginx, String batchTag, Path files) throws Exception {
        String date = LocalDate.now(ZoneOffset.UTC).toString();
        for (String format : List.of(PROTOBUF, JSON)) {
            String name = format.equals(PROTOBUF) ? "protobuf" : "json";
            HttpResponse<byte[]> body = downloader.client().send(request(gateway.base(), date, batchTag, format),
                    HttpResponse.BodyHandlers.ofByteArray());
            Files.write(files.resolve(name), body.body());
            Map<String, String> headerMode = Map.of("Accept", format, "batchTag", batchTag,
                    "X-SSL-Client-SHA256", downloader.thumbprint(), "X-SSL-Client-DN", "C=" + downloader.country());
            record("download " + name + ", header mode (plain HTTP), gateway, wrk", Wrk.run("http://127.0.0.1:"
                    + gateway.plainPort + "/diagnosiskeys/download/" + date, headerMode, CONNECTIONS, duration));
            record("download " + name + ", header mode (plain HTTP), nginx, wrk", Wrk.run("http://127.0.0.1:"
                    + nginx.plainPort + "/" + name, Map.of(), CONNECTIONS, duration));
            record("download " + name + ", mutual TLS, gateway, vert.x", VertxLoad.run(gateway.apiPort,
                    "/diagnosiskeys/download/" + date, Map.of("Accept", format, "batchTag", batchTag),
                    downloader.authPem(), downloader.authKey(), CONNECTIONS, duration));
            record("download " + name + ", mutual TLS, nginx, vert.x", VertxLoad.run(nginx.tlsPort, "/" + name,
                    Map.of(), downloader.authPem(), downloader.authKey(), CONNECTIONS, duration));
        }
    }

    /** The Vert.x generator's own ceiling: against nginx over TLS (no client certificate), beside wrk. */
    void generatorCeiling(Nginx nginx) throws Exception {
        record("load generator check: nginx TLS protobuf, wrk", Wrk.run("https://127.0.0.1:" + nginx.tlsPort
                + "/protobuf", Map.of(), CONNECTIONS, duration));
        record("load generator check: nginx TLS protobuf, vert.x", VertxLoad.run(nginx.tlsPort, "/protobuf",
                Map.of(), null, null, CONNECTIONS, duration));
    }

    private void record(String label, Wrk.Result result) {
        figures.figure(label, "req/s").add(result.requestsPerSecond());
        figures.figure(label + ", MB/s", "MB/s").add(result.megabytesPerSecond());
        figures.figure(label + ", p99", "ms").add(result.p99Ms());
        figures.figure(label + ", not 2xx or failed", "count").add(result.non2xx() + result.socketErrors());
    }

    private void record(String label, VertxLoad.Result result) {
        figures.figure(label, "req/s").add(result.requestsPerSecond());
        figures.figure(label + ", MB/s", "MB/s").add(result.megabytesPerSecond());
        figures.figure(label + ", p99", "ms").add(result.p99Ms());
        figures.figure(label + ", not 2xx or failed", "count").add(result.non2xx() + result.errors());
    }

    private static double timed(HttpClient http, URI base, String date, String batchTag, String format)
            throws Exception {
        long begin = System.nanoTime();
        HttpResponse<byte[]> response = http.send(request(base, date, batchTag, format),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Download answered " + response.statusCode());
        }
        return (System.nanoTime() - begin) / 1e6;
    }

    static HttpRequest request(URI base, String date, String batchTag, String accept) {
        return HttpRequest.newBuilder(base.resolve("/diagnosiskeys/download/" + date)).header("Accept", accept)
                .header("batchTag", batchTag).GET().build();
    }
}
