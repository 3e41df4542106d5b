package eu.efgs.gateway.benchmark;

import eu.efgs.gateway.quickstart.EmbeddedDatabase;
import eu.efgs.gateway.trust.Thumbprints;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench dashboard}: starts the gateway (its own JVM and embedded MariaDB, demo PKI), writes 30 countries ×
 * 14 days of dashboard data into its database and times {@code GET /dashboard} over mutual TLS, one request at a
 * time, for an operator (every country: the largest page) and for one country: median, p95 and max of the
 * renders after uncounted warm-up renders, and the first render after start-up (nothing cached yet). The time is
 * the client's, from request to the last byte. The work directory (database, about 350 MB) is deleted on exit after
 * a finished run.
 */
@Command(name = "dashboard", description = "Time dashboard page renders with 30 countries x 14 days of data "
        + "(printed and written to target/dashboard-benchmark.txt).")
public class DashboardBenchmark implements Callable<Integer> {

    /** The demo country whose certificate the benchmark presents; configured as operator for the first run. */
    private static final String VIEWER = "DE";

    @Spec
    CommandSpec spec;

    @Mixin
    GatewaySetup setup;

    @Option(names = "--countries", defaultValue = "30", description = "Countries with data (at most 30)")
    int countries;

    @Option(names = "--days", defaultValue = "14", description = "Days of data")
    int days;

    @Option(names = "--renders", defaultValue = "40", description = "Timed renders per viewer (at least 20)")
    int renders;

    @Option(names = "--warm-up", defaultValue = "15", description = "Renders per viewer before timing")
    int warmUp;

    @Option(names = "--out", defaultValue = "target/dashboard-benchmark.txt")
    Path output;

    @Override
    public Integer call() throws Exception {
        if (renders < 20 || countries < 1 || countries > DashboardSeed.COUNTRIES.size()) {
            throw new IllegalArgumentException("--renders must be at least 20, --countries 1 to "
                    + DashboardSeed.COUNTRIES.size());
        }
        PrintWriter out = spec.commandLine().getOut();
        WorkDirectory scratch = WorkDirectory.create("efgs-bench-dashboard");
        Path work = scratch.path;
        var db = EmbeddedDatabase.startOrJoin(work.resolve("db"), LoopbackPorts.unused());
        Credentials viewer = new Credentials(VIEWER, setup.pki);
        String operator = Thumbprints.of(Credentials.read(setup.pki.resolve("countries").resolve(VIEWER)
                .resolve("auth.pem")));
        List<String> lines = new ArrayList<>();
        lines.add("EFGS dashboard benchmark, " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, " + countries + " countries x " + days + " days, " + renders + " timed renders per viewer"
                + " after " + warmUp + " warm-up renders, one request at a time");
        DashboardSeed.Counts seeded = null;
        for (Run run : Run.values()) {
            // a gateway per run: operators and the cache are start-up configuration
            List<String> properties = new ArrayList<>(List.of("-Defgs.batching.interval=1h",
                    "-Defgs.callback.interval=1h", "-Defgs.dashboard.past-days-ttl=" + (run.cached ? "PT5M" : "PT0S")));
            if (run.operator) {
                properties.add("-Defgs.statistics.operator-thumbprints=" + operator);
            }
            out.printf("Starting the gateway (%s) ...%n", run.label);
            out.flush();
            try (GatewayProcess gateway = GatewayProcess.start(setup.jar, work, db, properties)) {
                if (seeded == null) {
                    out.println("Writing " + countries + " countries x " + days + " days of data ...");
                    out.flush();
                    seeded = new DashboardSeed(countries, days, Instant.now()).write(db, setup.pki, work);
                    lines.add(String.format("seeded: %d uploads, %d batches, %d downloads, %d refusals, "
                            + "%d callback subscriptions, %d certificates (plus the demo PKI's)", seeded.uploads(),
                            seeded.batches(), seeded.downloads(), seeded.refusals(), seeded.subscriptions(),
                            seeded.certificates()));
                }
                lines.addAll(time(gateway.base(), viewer.client(), run.label));
            }
        }
        lines.forEach(out::println);
        out.flush();
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.write(output, lines);
        scratch.finished();
        return 0;
    }

    /** Who looks, and whether past days are cached (the default) or read on every request. */
    private enum Run {
        OPERATOR(true, true, "operator (all countries)"),
        OPERATOR_UNCACHED(true, false, "operator, past days not cached"),
        COUNTRY(false, true, "country " + VIEWER);

        final boolean operator;
        final boolean cached;
        final String label;

        Run(boolean operator, boolean cached, String label) {
            this.operator = operator;
            this.cached = cached;
            this.label = label;
        }
    }

    /** The panels behind the page, each timed alone (where the page's time goes). */
    private static final List<String> PANELS = List.of("traffic", "batches", "refusals", "callbacks", "certificates",
            "health");

    private List<String> time(URI base, HttpClient client, String viewer) throws Exception {
        List<String> lines = new ArrayList<>(timePage(base, client, viewer));
        for (String panel : PANELS) {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/diagnosiskeys/dashboard/" + panel)).GET()
                    .build();
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < warmUp + renders; i++) {
                long start = System.nanoTime();
                client.send(request, HttpResponse.BodyHandlers.ofString());
                if (i >= warmUp) {
                    millis.add((System.nanoTime() - start) / 1e6);
                }
            }
            lines.add(String.format("%-80s median %7.1f ms", "  GET /diagnosiskeys/dashboard/" + panel + ", " + viewer,
                    Stats.median(millis)));
        }
        return lines;
    }

    private List<String> timePage(URI base, HttpClient client, String viewer) throws Exception {
        HttpRequest page = HttpRequest.newBuilder(base.resolve("/dashboard")).GET().build();
        long cold = System.nanoTime();
        HttpResponse<String> first = client.send(page, HttpResponse.BodyHandlers.ofString());
        double coldMillis = (System.nanoTime() - cold) / 1e6;
        if (first.statusCode() != 200) {
            throw new IllegalStateException("GET /dashboard answered " + first.statusCode() + ": " + first.body());
        }
        long rows = first.body().lines().filter(line -> line.contains("data-field=\"keysUploaded\"")).count();
        for (int i = 0; i < warmUp; i++) {
            client.send(page, HttpResponse.BodyHandlers.ofString());
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < renders; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = client.send(page, HttpResponse.BodyHandlers.ofString());
            millis.add((System.nanoTime() - start) / 1e6);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /dashboard answered " + response.statusCode());
            }
        }
        String label = "GET /dashboard, " + viewer + ", " + rows + " countries shown, "
                + first.body().length() / 1024 + " KiB";
        return List.of(
                String.format("%-80s first  %7.1f ms (after start-up)", label, coldMillis),
                String.format("%-80s median %7.1f ms", label, Stats.median(millis)),
                String.format("%-80s p95    %7.1f ms", label, Stats.percentile(millis, 95)),
                String.format("%-80s max    %7.1f ms", label, Stats.percentile(millis, 100)));
    }
}
