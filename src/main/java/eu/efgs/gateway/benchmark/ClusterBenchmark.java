package eu.efgs.gateway.benchmark;

import eu.efgs.gateway.quickstart.EmbeddedDatabase;
import eu.efgs.gateway.signing.BatchSigner;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench cluster}: the upload rate of one gateway on a 3-node MariaDB Galera cluster against the same gateway
 * on a single MariaDB server with the same settings, both started by {@code docker/galera-cluster} from Debian's
 * packages on this machine's loopback. Every commit on the cluster is certified by all three nodes (and all three
 * apply every write on the same cores here), so the ratio is the price of the cluster, not its capacity: Galera
 * replicates every write to every node and does not add write throughput. Medians of the repetitions after one
 * uncounted warm-up.
 */
@Command(name = "cluster", description = "Upload keys/s on a 3-node Galera cluster vs a single MariaDB server "
        + "(docker/galera-cluster; printed and written to target/cluster-benchmark.txt).")
public class ClusterBenchmark implements Callable<Integer> {

    private static final List<String> UPLOADERS = List.of("DE", "FR", "ES", "IT");

    @Spec
    CommandSpec spec;

    @Mixin
    GatewaySetup setup;

    @Option(names = "--script", defaultValue = "docker/galera-cluster", description = "The cluster harness")
    Path script;

    @Option(names = "--work", defaultValue = "target/cluster-benchmark", description = "Databases and logs")
    Path work;

    @Option(names = "--port", defaultValue = "4351", description = "Client port of the first database node")
    int port;

    @Option(names = "--group-port", defaultValue = "4631", description = "First Galera group port")
    int groupPort;

    @Option(names = "--repetitions", defaultValue = "3")
    int repetitions;

    @Option(names = "--out", defaultValue = "target/cluster-benchmark.txt")
    Path output;

    private final Map<String, Figure> figures = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Files.createDirectories(work);
        Path single = work.resolve("single").toAbsolutePath();
        Path cluster = work.resolve("cluster").toAbsolutePath();
        List<String> lines = new ArrayList<>();
        lines.add("EFGS cluster benchmark, " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, medians of " + repetitions + " repetitions after one warm-up");
        out.println("Single MariaDB server (docker/galera-cluster standalone) ...");
        out.flush();
        String singleStarted = harness("standalone", single.toString());
        lines.add("single: " + singleStarted.lines().findFirst().orElse(""));
        try {
            String url = "jdbc:mysql://127.0.0.1:" + port + "/efgs?sslMode=DISABLED";
            measure("single node", connection(single, url), out);
        } finally {
            harness("stop", single.toString());
        }
        out.println("3-node Galera cluster (docker/galera-cluster start) ...");
        out.flush();
        String clusterStarted = harness("start", cluster.toString(), "3");
        lines.add("cluster: " + clusterStarted.lines().findFirst().orElse(""));
        String url = harness("url", cluster.toString()).strip();
        lines.add("cluster URL: " + url);
        try {
            measure("3-node cluster", connection(cluster, url), out);
        } finally {
            harness("stop", cluster.toString());
        }
        figures.values().forEach(figure -> lines.add(figure.toString()));
        for (String load : List.of("5000-key uploads, 4 uploaders", "100-key uploads, 4 uploaders")) {
            double onCluster = figures.get("3-node cluster, " + load).median();
            lines.add(String.format("RATIO %-58s %6.1f %%", "cluster vs single node, " + load + ", keys/s",
                    100 * onCluster / figures.get("single node, " + load).median()));
        }
        lines.forEach(out::println);
        out.flush();
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.write(output, lines);
        return 0;
    }

    private EmbeddedDatabase.Connection connection(Path dir, String url) throws IOException {
        return new EmbeddedDatabase.Connection(url, "efgs", Files.readString(dir.resolve("efgs.password")).trim());
    }

    /** The gateway on {@code db}: a warm-up, then the repetitions of both loads. */
    private void measure(String label, EmbeddedDatabase.Connection db, PrintWriter out) throws Exception {
        Path gatewayWork = Files.createDirectories(work.resolve("gateway-" + label.replace(' ', '-')));
        try (GatewayProcess gateway = GatewayProcess.start(setup.jar, gatewayWork, db,
                List.of("-Defgs.batching.interval=5s"))) {
            Map<String, HttpClient> clients = new LinkedHashMap<>();
            Map<String, BatchSigner> signers = new LinkedHashMap<>();
            for (String country : UPLOADERS) {
                Credentials credentials = new Credentials(country, setup.pki);
                clients.put(country, credentials.client());
                signers.put(country, credentials.signer());
            }
            URI base = gateway.base();
            for (int run = 0; run <= repetitions; run++) {
                out.printf("%s: %s ...%n", label, run == 0 ? "warm-up" : "repetition " + run + " of " + repetitions);
                out.flush();
                Load.Result big = Uploads.run(base, clients, signers, UPLOADERS, 3, 5000);
                Load.Result small = Uploads.run(base, clients, signers, UPLOADERS, 50, 100);
                if (run == 0) {
                    continue;
                }
                String name = label + ", 5000-key uploads, 4 uploaders";
                figure(name, "keys/s").add(big.requests() * 5000 / big.seconds());
                figure(name + ", p50", "ms").add(Stats.percentile(big.latenciesMs(), 50));
                name = label + ", 100-key uploads, 4 uploaders";
                figure(name, "keys/s").add(small.requests() * 100 / small.seconds());
                figure(name + ", p50", "ms").add(Stats.percentile(small.latenciesMs(), 50));
                figure(name + ", p99", "ms").add(Stats.percentile(small.latenciesMs(), 99));
                figure(label + ", uploads not answered 201", "count").add(big.failures() + small.failures());
            }
        }
    }

    private Figure figure(String name, String unit) {
        return figures.computeIfAbsent(name, n -> new Figure(n, unit));
    }

    /** Runs the harness with this benchmark's ports; its output, or a failure with it. */
    private String harness(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(work.toAbsolutePath(), "harness", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("EFGS_GALERA_PORT", Integer.toString(port));
        builder.environment().put("EFGS_GALERA_GROUP_PORT", Integer.toString(groupPort));
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(script + " " + String.join(" ", args) + " hangs");
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(script + " " + String.join(" ", args) + " failed:\n" + output);
        }
        return output;
    }
}
