package eu.efgs.gateway.benchmark;

import com.sun.net.httpserver.HttpsServer;
import eu.efgs.gateway.client.KeyGenerator;
import eu.efgs.gateway.platform.database.EmbeddedDatabase;
import eu.efgs.gateway.signing.BatchSigner;
import eu.efgs.gateway.trust.Seals;
import eu.interop.DiagnosisKey;
import eu.interop.DiagnosisKeyBatch;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: starts the gateway (a separate JVM, demo PKI, embedded MariaDB of its own) and measures upload,
 * upload-to-downloadable, download, start-up time and resident memory, together with two ceilings measured in the
 * same run — the database's raw ingest of rows of the key table's shape, and a static HTTPS server serving the
 * same batch bytes — and prints the gateway's figures as fractions of them. Medians of the repetitions, after one
 * warm-up repetition that is not counted (the JIT compiles the hot paths of both JVMs there).
 */
@Command(name = "bench", description = "Benchmark the gateway against the machine's ceilings (one run, printed "
        + "and written to target/benchmark-results.txt).", subcommands = {DashboardBenchmark.class,
        ClusterBenchmark.class})
public class BenchmarkCommand implements Callable<Integer> {

    private static final String PROTOBUF = "application/protobuf; version=1.0";
    private static final String JSON = "application/json; version=1.0";
    private static final List<String> UPLOADERS = List.of("DE", "FR", "ES", "IT");
    private static final String DOWNLOADER = "NL";

    @Spec
    CommandSpec spec;

    @Option(names = "--pki", defaultValue = "certs/generated", description = "Development PKI (certs/generate-dev-pki.sh)")
    Path pki;

    @Option(names = "--jar", defaultValue = "target/quarkus-app/quarkus-run.jar", description = "Gateway jar")
    Path jar;

    @Option(names = "--repetitions", defaultValue = "3")
    int repetitions;

    @Option(names = "--out", defaultValue = "target/benchmark-results.txt")
    Path output;

    private final Map<String, Figure> figures = new LinkedHashMap<>();

    private Figure figure(String name, String unit) {
        return figures.computeIfAbsent(name, n -> new Figure(n, unit));
    }

    @Option(names = "--only", description = "Run only this part: ${COMPLETION-CANDIDATES}")
    Part only;

    /** Parts of the benchmark that can run alone. */
    enum Part { burst }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path work = Files.createTempDirectory("efgs-bench");
        var db = EmbeddedDatabase.startOrJoin(work.resolve("db"), GatewayProcess.freePort());
        if (only == null) {
            out.println("Starting the gateway (demo PKI, embedded MariaDB) ...");
            out.flush();
            try (GatewayProcess gateway = GatewayProcess.start(jar, work, db, List.of("-Defgs.batching.interval=5s"))) {
                figure("gateway start-up until ready", "s").add(gateway.startSeconds);
                URI base = gateway.base();
                out.println("Warm-up (not counted) ...");
                out.flush();
                repetition(base, db);
                figures.keySet().removeIf(name -> !name.startsWith("gateway start-up"));
                for (int run = 1; run <= repetitions; run++) {
                    out.printf("Repetition %d of %d ...%n", run, repetitions);
                    out.flush();
                    repetition(base, db);
                }
                figure("gateway resident memory after the run", "MB").add(gateway.residentMegabytes());
            }
        }
        for (String heap : List.of("512m", "256m")) {
            out.printf("Burst: %d uploads of %d keys on %d connections, batching every 1 s, -Xmx%s ...%n",
                    Burst.UPLOADS, Burst.KEYS, Burst.CONNECTIONS, heap);
            out.flush();
            burst(work, db, heap);
        }
        report(out);
        return 0;
    }

    /** efgs#73 at full size in a gateway with {@code heap}: how many of 100 uploads were not answered 201. */
    private void burst(Path work, EmbeddedDatabase.Connection db, String heap) throws Exception {
        try (GatewayProcess gateway = GatewayProcess.start(jar, work, db, List.of("-Xmx" + heap,
                "-Defgs.batching.interval=1s"))) {
            Burst.Outcome outcome = Burst.run(gateway, pki, UPLOADERS);
            String label = "burst 100 x 5000-key uploads, 50 conn, -Xmx" + heap;
            figure(label + ", not 201", "count").add(outcome.without201());
            figure(label + ", 5xx other than 503", "count").add(outcome.statuses().entrySet().stream()
                    .filter(e -> e.getKey() >= 500 && e.getKey() != 503).mapToInt(Map.Entry::getValue).sum());
            figure(label + ", 503 without Retry-After", "count").add(outcome.unavailableWithoutRetryAfter());
            figure(label + ", no answer", "count").add(outcome.statuses().getOrDefault(-1, 0));
            figure(label + ", slowest", "ms").add(outcome.slowestMs());
            figure(label + ", OutOfMemoryError in log", "count").add(outcome.outOfMemoryErrors());
            figure(label + ", used heap before", "MB").add(outcome.baselineHeapMb());
            figure(label + ", used heap at peak", "MB").add(outcome.peakHeapMb());
            statuses.put(label, outcome.statuses());
        }
    }

    private final Map<String, Map<Integer, Integer>> statuses = new LinkedHashMap<>();

    private void repetition(URI base, EmbeddedDatabase.Connection db) throws Exception {
        Map<String, HttpClient> clients = new LinkedHashMap<>();
        Map<String, BatchSigner> signers = new LinkedHashMap<>();
        for (String country : UPLOADERS) {
            Credentials credentials = new Credentials(country, pki);
            clients.put(country, credentials.client());
            signers.put(country, credentials.signer());
        }
        Credentials downloader = new Credentials(DOWNLOADER, pki);
        DownloadCursor cursor = new DownloadCursor(downloader.client(), base);
        cursor.catchUp();

        Load.Result single = upload(base, clients, signers, List.of("DE"), 4, 5000);
        figure("upload 5000-key batches, 1 uploader", "keys/s").add(single.requests() * 5000 / single.seconds());
        figure("upload 5000-key batches, 1 uploader, batches", "batch/s").add(single.perSecond());
        figure("upload 5000-key batches, 1 uploader, p50", "ms").add(Stats.percentile(single.latenciesMs(), 50));
        figure("upload 5000-key batches, 1 uploader, p99", "ms").add(Stats.percentile(single.latenciesMs(), 99));
        Load.Result four = upload(base, clients, signers, UPLOADERS, 3, 5000);
        figure("upload 5000-key batches, 4 uploaders", "keys/s").add(four.requests() * 5000 / four.seconds());
        figure("upload 5000-key batches, 4 uploaders, batches", "batch/s").add(four.perSecond());
        figure("upload 5000-key batches, 4 uploaders, p50", "ms").add(Stats.percentile(four.latenciesMs(), 50));
        figure("upload 5000-key batches, 4 uploaders, p99", "ms").add(Stats.percentile(four.latenciesMs(), 99));
        Load.Result small = upload(base, clients, signers, UPLOADERS, 50, 100);
        figure("upload 100-key batches, 4 uploaders", "keys/s").add(small.requests() * 100 / small.seconds());
        figure("upload 100-key batches, 4 uploaders, batches", "batch/s").add(small.perSecond());
        figure("upload 100-key batches, 4 uploaders, p50", "ms").add(Stats.percentile(small.latenciesMs(), 50));
        figure("upload 100-key batches, 4 uploaders, p99", "ms").add(Stats.percentile(small.latenciesMs(), 99));
        figure("registry row read (per request: identity and signer)", "ms").add(Ceilings.registryReadMillis(db));
        int failures = single.failures() + four.failures() + small.failures();
        figure("upload requests not answered 201", "count").add(failures);

        long uploaded = (single.requests() + four.requests()) * 5000L + small.requests() * 100L;
        long lastUpload = System.nanoTime();
        cursor.waitFor(uploaded);
        figure("last upload until all keys downloadable (batching every 5 s)", "s")
                .add((System.nanoTime() - lastUpload) / 1e9);

        String fullBatch = cursor.fullBatch(5000);
        download(base, downloader, fullBatch, db);
    }

    private Load.Result upload(URI base, Map<String, HttpClient> clients, Map<String, BatchSigner> signers,
                               List<String> countries, int perUploader, int keys) throws Exception {
        return Uploads.run(base, clients, signers, countries, perUploader, keys);
    }

    private void download(URI base, Credentials downloader, String batchTag, EmbeddedDatabase.Connection db)
            throws Exception {
        String date = LocalDate.now(ZoneOffset.UTC).toString();
        Path files = Files.createTempDirectory("efgs-static");
        HttpClient probe = downloader.client();
        for (String format : List.of(PROTOBUF, JSON)) {
            HttpResponse<byte[]> sample = probe.send(request(base, date, batchTag, format),
                    HttpResponse.BodyHandlers.ofByteArray());
            String name = format.equals(PROTOBUF) ? "protobuf" : "json";
            Files.write(files.resolve(name), sample.body());
            for (int connections : List.of(1, 16)) {
                List<HttpClient> clients = new ArrayList<>();
                for (int c = 0; c < connections; c++) {
                    clients.add(downloader.client());
                }
                int perConnection = connections == 1 ? 40 : 10;
                Load.Result result = Load.run(clients, perConnection, i -> request(base, date, batchTag, format), 200);
                String label = "download 5000-key batch, " + name + ", " + connections + " conn";
                figure(label, "req/s").add(result.perSecond());
                figure(label + ", MB/s", "MB/s").add(result.megabytesPerSecond());
                figure(label + ", p50", "ms").add(Stats.percentile(result.latenciesMs(), 50));
                figure(label + ", p99", "ms").add(Stats.percentile(result.latenciesMs(), 99));
            }
        }
        ceilings(downloader, files, db);
    }

    private void ceilings(Credentials downloader, Path files, EmbeddedDatabase.Connection db) throws Exception {
        figure("CEILING database raw ingest, 4 writers, key-table rows", "rows/s")
                .add(Ceilings.databaseRowsPerSecond(db, 4, 25_000));
        int port = GatewayProcess.freePort();
        Path serverDir = pki.resolve("server");
        HttpsServer server = Ceilings.staticServer(port, Credentials.read(serverDir.resolve("server.pem")),
                Seals.readPrivateKey(Files.readString(serverDir.resolve("server.key"))), files);
        try {
            for (String name : List.of("protobuf", "json")) {
                for (int connections : List.of(1, 16)) {
                    List<HttpClient> clients = new ArrayList<>();
                    for (int c = 0; c < connections; c++) {
                        clients.add(downloader.client());
                    }
                    Load.Result result = Load.run(clients, connections == 1 ? 40 : 10,
                            i -> HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/" + name)).GET()
                                    .build(), 200);
                    figure("CEILING static file, " + name + ", " + connections + " conn, MB/s", "MB/s")
                            .add(result.megabytesPerSecond());
                }
            }
        } finally {
            server.stop(0);
        }
    }

    private static HttpRequest request(URI base, String date, String batchTag, String accept) {
        return HttpRequest.newBuilder(base.resolve("/diagnosiskeys/download/" + date)).header("Accept", accept)
                .header("batchTag", batchTag).GET().build();
    }

    private void report(PrintWriter out) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("EFGS gateway benchmark, " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, medians of " + repetitions + " repetitions");
        figures.values().forEach(figure -> lines.add(figure.toString()));
        statuses.forEach((label, counts) -> lines.add(String.format("%-58s statuses %s", label, counts)));
        if (only != null) {
            lines.forEach(out::println);
            out.flush();
            Files.createDirectories(output.toAbsolutePath().getParent());
            Files.write(output, lines);
            return;
        }
        lines.add(ratio("upload, 4 uploaders vs database ingest ceiling (target >= 50 %)",
                "upload 5000-key batches, 4 uploaders", "CEILING database raw ingest, 4 writers, key-table rows"));
        lines.add(String.format("RATIO %-62s %6.1f %%", "two registry reads (immediate revocation) vs a 100-key upload, p50",
                100 * 2 * figures.get("registry row read (per request: identity and signer)").median()
                        / figures.get("upload 100-key batches, 4 uploaders, p50").median()));
        lines.add(ratio("download protobuf, 16 conn vs static file ceiling (target >= 50 %)",
                "download 5000-key batch, protobuf, 16 conn, MB/s", "CEILING static file, protobuf, 16 conn, MB/s"));
        lines.add(ratio("download JSON, 16 conn vs static file ceiling",
                "download 5000-key batch, json, 16 conn, MB/s", "CEILING static file, json, 16 conn, MB/s"));
        lines.forEach(out::println);
        out.flush();
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.write(output, lines);
    }

    private String ratio(String label, String gateway, String ceiling) {
        return String.format("RATIO %-62s %6.1f %%", label, 100 * figures.get(gateway).median()
                / figures.get(ceiling).median());
    }
}
