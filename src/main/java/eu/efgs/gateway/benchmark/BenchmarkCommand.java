package eu.efgs.gateway.benchmark;

import eu.efgs.gateway.operator.ToolCommand;
import eu.efgs.gateway.quickstart.EmbeddedDatabase;
import eu.efgs.gateway.signing.BatchSigner;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: the gateway (a JVM of its own with no JVM flags, demo PKI, a MariaDB server of its own) measured
 * against this machine's ceilings in the same run: nginx serving the very bytes the gateway served (plain HTTP and
 * HTTPS with client certificate), the database's raw ingest of rows shaped like the key table, and the load
 * generators' own limits. Every non-2xx answer is counted; every figure records the machine's load; medians of the
 * repetitions after an uncounted warm-up. Results go to target/benchmark-results.txt (and, with --update-readme,
 * into the README's table).
 */
@Command(name = "bench", description = "Benchmark the gateway against the machine's ceilings (one run, printed "
        + "and written to target/benchmark-results.txt).", subcommands = {DashboardBenchmark.class,
        ClusterBenchmark.class})
public class BenchmarkCommand implements Callable<Integer>, ToolCommand {

    private static final String PROTOBUF = Downloads.PROTOBUF;
    private static final String SMALL_CEILING = "CEILING database raw ingest, 4 writers, 100-row commits";
    /** Immediate revocation reads no registry row per request; each instance reads the counters every 100 ms. */
    private static final String CHANGE_WATCH = "revocation change watch: one read of the counters (every 100 ms)";
    private static final List<String> UPLOADERS = List.of("DE", "FR", "ES", "IT");
    private static final String DOWNLOADER = "NL";
    private static final String START = "<!-- bench:start -->";
    private static final String END = "<!-- bench:end -->";

    @Spec
    CommandSpec spec;

    @Mixin
    GatewaySetup setup;

    @Option(names = "--repetitions", defaultValue = "3")
    int repetitions;

    @Option(names = "--seconds", defaultValue = "8", description = "Length of each download load run")
    int seconds;

    @Option(names = "--out", defaultValue = "target/benchmark-results.txt")
    Path output;

    @Option(names = "--update-readme", description = "Replace the README's results block with this run's")
    boolean updateReadme;

    @Option(names = "--only", description = "Run only this part: ${COMPLETION-CANDIDATES}")
    Part only;

    /** Parts of the benchmark that can run alone. */
    enum Part { burst, downloads, uploads }

    private final Figures figures = new Figures();
    private final Map<String, Map<Integer, Integer>> statuses = new LinkedHashMap<>();
    private final List<String> loads = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!Nginx.installed() || !Wrk.installed()) {
            throw new IllegalStateException("bench needs nginx and wrk (Debian: apt-get install nginx wrk)");
        }
        WorkDirectory scratch = WorkDirectory.create("efgs-bench");
        Path work = scratch.path;
        var db = EmbeddedDatabase.startOrJoin(work.resolve("db"), LoopbackPorts.unused());
        note("start");
        if (only != Part.burst) {
            measureGateway(out, work, db);
        }
        // The database's own ceiling before the bursts: they leave this machine at its busiest (load 7-8), and a
        // ceiling measured then made the uploads look faster than raw ingest (138 %).
        if (only == null || only == Part.uploads) {
            figures.figure("CEILING database raw ingest, 4 writers, key-table rows", "rows/s")
                    .add(Ceilings.databaseRowsPerSecond(db, 4, 25_000, 5000));
            figures.figure(SMALL_CEILING, "rows/s").add(Ceilings.databaseRowsPerSecond(db, 4, 6_000, 100));
        }
        if (only == null || only == Part.burst) {
            for (String heap : List.of("512m", "256m")) {
                out.printf("Burst: %d uploads of %d keys on %d connections, batching every 1 s, -Xmx%s ...%n",
                        Burst.UPLOADS, Burst.KEYS, Burst.CONNECTIONS, heap);
                out.flush();
                burst(work, db, heap);
            }
        }
        note("end");
        report(out);
        scratch.finished();
        return 0;
    }

    private void measureGateway(PrintWriter out, Path work, EmbeddedDatabase.Connection db) throws Exception {
        Credentials downloader = new Credentials(DOWNLOADER, setup.pki);
        Downloads downloads = new Downloads(figures, downloader, Duration.ofSeconds(seconds));
        Path files = Files.createDirectories(work.resolve("static"));
        Path server = setup.pki.resolve("server").toAbsolutePath();
        try (Nginx nginx = Nginx.start(work, files, server.resolve("server.pem"), server.resolve("server.key"))) {
            out.println("Starting the gateway (no JVM flags; demo PKI; its own MariaDB) ...");
            out.flush();
            GatewayProcess gateway = GatewayProcess.start(setup.jar, work, db, List.of("-Defgs.batching.interval=5s"));
            try {
                figures.figure("gateway start-up until ready, wall", "s").add(gateway.startSeconds);
                figures.figure("gateway start-up until ready, CPU", "s").add(gateway.startCpuSeconds);
                out.println("Warm-up (not counted) ...");
                out.flush();
                repetition(gateway, db, downloads, nginx, files);
                figures.keepOnly("gateway start-up");
                for (int run = 1; run <= repetitions; run++) {
                    out.printf("Repetition %d of %d ...%n", run, repetitions);
                    out.flush();
                    repetition(gateway, db, downloads, nginx, files);
                    note("repetition " + run);
                }
                figures.figure("gateway resident memory after the downloads (no JVM flags)", "MB")
                        .add(gateway.residentMegabytes());
                Thread.sleep(10_000);
                figures.figure("gateway resident memory 10 s later, idle", "MB").add(gateway.residentMegabytes());
                if (only != Part.uploads) {
                    downloads.generatorCeiling(nginx);
                }
            } finally {
                gateway.close();
            }
            if (only == Part.uploads) {
                return;
            }
            out.println("Restart: the first download of a cached-nowhere batch; class-data archive written at exit "
                    + "...");
            out.flush();
            Path archive = work.resolve("gateway.jsa");
            try (GatewayProcess restarted = GatewayProcess.start(setup.jar, work, db,
                    List.of("-XX:ArchiveClassesAtExit=" + archive))) {
                downloads.cold(restarted, List.of(newestFullBatch(db)), PROTOBUF, "protobuf after restart");
            }
            try (GatewayProcess withArchive = GatewayProcess.start(setup.jar, work, db,
                    List.of("-XX:SharedArchiveFile=" + archive))) {
                figures.figure("gateway start-up with the class-data archive, wall", "s").add(withArchive.startSeconds);
                figures.figure("gateway start-up with the class-data archive, CPU", "s")
                        .add(withArchive.startCpuSeconds);
            }
        }
    }

    private void repetition(GatewayProcess gateway, EmbeddedDatabase.Connection db, Downloads downloads, Nginx nginx,
                            Path files) throws Exception {
        URI base = gateway.base();
        Map<String, HttpClient> clients = new LinkedHashMap<>();
        Map<String, BatchSigner> signers = new LinkedHashMap<>();
        for (String country : UPLOADERS) {
            Credentials credentials = new Credentials(country, setup.pki);
            clients.put(country, credentials.client());
            signers.put(country, credentials.signer());
        }
        uploads(gateway, "upload 5000-key batches, 1 uploader",
                () -> upload(base, clients, signers, List.of("DE"), 20, 5000), 5000);
        uploads(gateway, "upload 5000-key batches, 4 uploaders",
                () -> upload(base, clients, signers, UPLOADERS, 6, 5000), 5000);
        // uncounted first: 240 timed uploads from a cold small-request path measured the JIT (7-9k keys/s), not the
        // gateway (15k keys/s once warm, in the same run)
        upload(base, clients, signers, UPLOADERS, 100, 100);
        uploads(gateway, "upload 100-key batches, 4 uploaders",
                () -> upload(base, clients, signers, UPLOADERS, 400, 100), 100);
        figures.figure(CHANGE_WATCH, "ms").add(Ceilings.changeWatchReadMillis(db));
        if (only == Part.uploads) {
            return;
        }

        long lastUpload = System.nanoTime();
        awaitBatched(db);
        figures.figure("last upload until every key is in a batch (batching every 5 s)", "s")
                .add((System.nanoTime() - lastUpload) / 1e9);
        // the batches timed cold are the newest, one 5000-key upload each: a national backend asks for the batch
        // that was just announced, and the gateway's read-ahead starts with the newest (and keeps about 7 of them);
        // one request is too few to time, so each format's figure is the median over batches of its own
        upload(base, clients, signers, List.of("FR"), 2 * Downloads.COLD_BATCHES, 5000);
        awaitBatched(db);
        List<String> fresh = newestFullBatches(db, 2 * Downloads.COLD_BATCHES); // downloaded by no one yet: cold
        Thread.sleep(1000); // as a national backend would ask: after the callback, not in the same millisecond
        downloads.cold(gateway, fresh.subList(0, Downloads.COLD_BATCHES), PROTOBUF, "protobuf");
        downloads.cold(gateway, fresh.subList(Downloads.COLD_BATCHES, fresh.size()), Downloads.JSON, "json");
        downloads.warm(gateway, nginx, fresh.get(0), files);
    }

    /**
     * Rates, latencies and failures of one upload run, and the gateway's CPU per 1000 keys: on two shared cores the
     * rate moves with whatever else runs, the CPU the gateway spent on the same uploads much less.
     */
    private void uploads(GatewayProcess gateway, String label, Callable<Load.Result> run, int keys) throws Exception {
        double cpuBefore = gateway.cpuSeconds();
        Load.Result result = run.call();
        double cpu = gateway.cpuSeconds() - cpuBefore;
        figures.figure(label + ", gateway CPU per 1000 keys", "ms")
                .add(cpu * 1000 / (result.requests() * keys / 1000.0));
        figures.figure(label, "keys/s").add(result.requests() * (double) keys / result.seconds());
        figures.figure(label + ", batches", "batch/s").add(result.perSecond());
        figures.figure(label + ", p50", "ms").add(Stats.percentile(result.latenciesMs(), 50));
        figures.figure(label + ", p99 of " + result.requests(), "ms").add(Stats.percentile(result.latenciesMs(), 99));
        figures.figure(label + ", not 201", "count").add(result.failures());
    }

    /** efgs#73 at full size in a gateway with {@code heap}: how many of 100 uploads were not answered 201. */
    private void burst(Path work, EmbeddedDatabase.Connection db, String heap) throws Exception {
        try (GatewayProcess gateway = GatewayProcess.start(setup.jar, work, db, List.of("-Xmx" + heap,
                "-Defgs.batching.interval=1s"))) {
            Burst.Outcome outcome = Burst.run(gateway, setup.pki, UPLOADERS);
            String label = "burst 100 x 5000-key uploads, 50 conn, -Xmx" + heap;
            figures.figure(label + ", not 201", "count").add(outcome.without201());
            figures.figure(label + ", 5xx other than 503", "count").add(outcome.statuses().entrySet().stream()
                    .filter(e -> e.getKey() >= 500 && e.getKey() != 503).mapToInt(Map.Entry::getValue).sum());
            figures.figure(label + ", 503 without Retry-After", "count").add(outcome.unavailableWithoutRetryAfter());
            figures.figure(label + ", no answer", "count").add(outcome.statuses().getOrDefault(-1, 0));
            figures.figure(label + ", slowest", "ms").add(outcome.slowestMs());
            figures.figure(label + ", OutOfMemoryError in log", "count").add(outcome.outOfMemoryErrors());
            figures.figure(label + ", used heap before", "MB").add(outcome.baselineHeapMb());
            figures.figure(label + ", used heap at peak", "MB").add(outcome.peakHeapMb());
            statuses.put(label, outcome.statuses());
            note("burst " + heap);
        }
    }

    private Load.Result upload(URI base, Map<String, HttpClient> clients, Map<String, BatchSigner> signers,
                               List<String> countries, int perUploader, int keys) throws Exception {
        return Uploads.run(base, clients, signers, countries, perUploader, keys);
    }

    /** Waits until no upload waits for a batch. */
    private static void awaitBatched(EmbeddedDatabase.Connection db) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (count(db, "SELECT COUNT(*) FROM upload_batch WHERE download_batch_id IS NULL") > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Uploads were not batched within 5 minutes");
            }
            Thread.sleep(100);
        }
    }

    private static String newestFullBatch(EmbeddedDatabase.Connection db) throws Exception {
        return newestFullBatches(db, 1).get(0);
    }

    /** The newest batches of 5000 keys without a key from the downloader (so its body is the whole batch). */
    private static List<String> newestFullBatches(EmbeddedDatabase.Connection db, int count) throws Exception {
        List<String> tags = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT b.batch_tag FROM download_batch b WHERE b.key_count = "
                     + "5000 AND NOT EXISTS (SELECT 1 FROM download_slice s WHERE s.download_batch_id = b.id AND "
                     + "s.country = '" + DOWNLOADER + "') ORDER BY b.id DESC LIMIT " + count)) {
            while (rows.next()) {
                tags.add(rows.getString(1));
            }
        }
        if (tags.size() < count) {
            throw new IllegalStateException("Fewer than " + count + " full batches were made");
        }
        return tags;
    }

    private static long count(EmbeddedDatabase.Connection db, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private void note(String moment) {
        loads.add(String.format("%s %.2f", moment, Machine.load()));
    }

    private void report(PrintWriter out) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("EFGS gateway benchmark, " + Instant.now() + ", " + Machine.cores() + " cores, medians of "
                + repetitions + " repetitions, download runs of " + seconds + " s with " + Downloads.CONNECTIONS
                + " connections");
        lines.add("load average (1 min): " + String.join(", ", loads));
        lines.addAll(figures.lines());
        statuses.forEach((label, counts) -> lines.add(String.format("%-58s statuses %s", label, counts)));
        for (String format : List.of("protobuf", "json")) {
            lines.add(figures.ratio("download " + format + ", header mode: gateway vs nginx (plain HTTP, wrk)",
                    "download " + format + ", header mode (plain HTTP), gateway, wrk",
                    "download " + format + ", header mode (plain HTTP), nginx, wrk"));
            lines.add(figures.ratio("download " + format + ", mutual TLS: gateway vs nginx (HTTPS, vert.x)",
                    "download " + format + ", mutual TLS, gateway, vert.x",
                    "download " + format + ", mutual TLS, nginx, vert.x"));
            lines.add(figures.ratio("download " + format + ", cold (first requests, median) vs warm (1 conn p50)",
                    "download " + format + ", " + Downloads.coldLabel(Downloads.COLD_BATCHES),
                    "download " + format + ", warm: 1 conn, p50 of 20"));
        }
        lines.add(figures.ratio("load generator: vert.x vs wrk on nginx TLS", "load generator check: nginx TLS "
                + "protobuf, vert.x", "load generator check: nginx TLS protobuf, wrk"));
        lines.add(figures.ratio("upload 5000-key batches, 4 uploaders vs database raw ingest",
                "upload 5000-key batches, 4 uploaders", "CEILING database raw ingest, 4 writers, key-table rows"));
        lines.add(figures.ratio("upload 100-key batches, 4 uploaders vs raw ingest in 100-row commits",
                "upload 100-key batches, 4 uploaders", SMALL_CEILING));
        if (figures.has(CHANGE_WATCH)) { // per second: ten reads, against the time the small uploads took
            lines.add(String.format("RATIO %-70s %7.2f %%", "revocation's change watch vs 100-key uploads, time per s",
                    100 * 10 * figures.median(CHANGE_WATCH)
                            / (figures.median("upload 100-key batches, 4 uploaders, batches")
                                    * figures.median("upload 100-key batches, 4 uploaders, p50"))));
        }
        lines.forEach(out::println);
        out.flush();
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.write(output, lines);
        if (updateReadme) {
            Path readme = Path.of("README.md");
            String text = Files.readString(readme);
            int start = text.indexOf(START);
            int end = text.indexOf(END);
            if (start < 0 || end < start) {
                throw new IllegalStateException("README.md has no " + START + " ... " + END + " block");
            }
            Files.writeString(readme, text.substring(0, start + START.length()) + "\n```text\n"
                    + String.join("\n", lines) + "\n```\n" + text.substring(end));
        }
    }
}
