package eu.efgs.gateway.benchmark;

import eu.efgs.gateway.quickstart.EmbeddedDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The gateway under test, in a JVM of its own (demo PKI, the benchmark's database, free ports). */
final class GatewayProcess implements AutoCloseable {

    final Process process;
    final int apiPort;
    final int plainPort;
    final int managementPort;
    final Path log;
    final long launched;

    private GatewayProcess(Process process, int apiPort, int plainPort, int managementPort, Path log, long launched) {
        this.process = process;
        this.apiPort = apiPort;
        this.plainPort = plainPort;
        this.managementPort = managementPort;
        this.log = log;
        this.launched = launched;
    }

    /**
     * Starts the jar with {@code jvmOptions} (e.g. -Xmx512m, -Defgs.batching.interval=1s). Besides native mutual TLS
     * it serves header mode on a plain port to 127.0.0.1 as the trusted balancer, as it would behind one.
     */
    static GatewayProcess start(Path jar, Path work, EmbeddedDatabase.Connection db, List<String> jvmOptions)
            throws Exception {
        int apiPort = LoopbackPorts.unused();
        int plainPort = LoopbackPorts.unused();
        int managementPort = LoopbackPorts.unused();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dquarkus.profile=demo", "-Dquarkus.http.ssl-port=" + apiPort,
                "-Dquarkus.http.port=" + plainPort, "-Dquarkus.http.insecure-requests=enabled",
                "-Defgs.identity.header-mode.enabled=true", "-Defgs.identity.header-mode.trusted-proxies=127.0.0.1/32",
                "-Dquarkus.management.port=" + managementPort, "-Dquarkus.datasource.jdbc.url=" + db.jdbcUrl(),
                "-Dquarkus.datasource.username=" + db.username(), "-Dquarkus.datasource.password=" + db.password(),
                "-Dquarkus.log.category.\"eu.efgs\".level=WARN"));
        EmbeddedDatabase.developmentEncryptionKey(work).forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        Path log = Files.createTempFile(work, "gateway", ".log");
        long launched = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        GatewayProcess gateway = new GatewayProcess(process, apiPort, plainPort, managementPort, log, launched);
        gateway.waitUntilReady();
        return gateway;
    }

    URI base() {
        return URI.create("https://localhost:" + apiPort);
    }

    /** CPU seconds the gateway process has used so far (all its threads, JIT and GC included). */
    double cpuSeconds() {
        return Machine.cpuSeconds(process.pid());
    }

    /** Seconds from launch until readiness answered UP, and the CPU seconds the process used until then. */
    double startSeconds;
    double startCpuSeconds;

    private void waitUntilReady() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort
                        + "/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    startSeconds = (System.nanoTime() - launched) / 1e9;
                    startCpuSeconds = cpuSeconds();
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("The gateway did not become ready within 120 s; see " + log);
    }

    double residentMegabytes() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    /** Lines of the gateway's log containing {@code text}. */
    long logLines(String text) throws Exception {
        try (var lines = Files.lines(log)) {
            return lines.filter(line -> line.contains(text)).count();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
