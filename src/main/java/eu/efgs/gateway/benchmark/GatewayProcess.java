package eu.efgs.gateway.benchmark;

import eu.efgs.gateway.platform.EmbeddedDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The gateway under measurement: its own JVM (demo profile) on its own embedded MariaDB, on free ports. */
final class GatewayProcess implements AutoCloseable {

    private final Process process;
    private final int apiPort;
    private final int managementPort;

    private GatewayProcess(Process process, int apiPort, int managementPort) {
        this.process = process;
        this.apiPort = apiPort;
        this.managementPort = managementPort;
    }

    /** Starts the jar with {@code properties} (each {@code name=value}) added; the log goes to work/gateway.log. */
    static GatewayProcess start(Path jar, Path work, EmbeddedDatabase.Connection db, List<String> properties)
            throws IOException {
        int apiPort = freePort();
        int managementPort = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dquarkus.profile=demo", "-Dquarkus.http.ssl-port=" + apiPort,
                "-Dquarkus.management.port=" + managementPort, "-Dquarkus.datasource.jdbc.url=" + db.jdbcUrl(),
                "-Dquarkus.datasource.username=" + db.username(), "-Dquarkus.datasource.password=" + db.password(),
                "-Dquarkus.log.category.\"eu.efgs\".level=WARN"));
        properties.forEach(property -> command.add("-D" + property));
        EmbeddedDatabase.developmentEncryptionKey(work).forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("gateway.log").toFile()).start();
        return new GatewayProcess(process, apiPort, managementPort);
    }

    URI base() {
        return URI.create("https://localhost:" + apiPort);
    }

    long pid() {
        return process.pid();
    }

    void waitUntilReady() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The gateway exited with " + process.exitValue() + " (see its log)");
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort
                        + "/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("The gateway did not become ready within 120 s");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
