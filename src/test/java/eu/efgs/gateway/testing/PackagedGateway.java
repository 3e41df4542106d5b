package eu.efgs.gateway.testing;

import eu.efgs.gateway.benchmark.LoopbackPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application ({@code target/quarkus-app/quarkus-run.jar}) as users run it: the gateway in a JVM of its
 * own with production settings from the environment, and operator commands as separate processes beside it.
 */
public final class PackagedGateway implements AutoCloseable {

    public static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();

    private final Process process;
    private final Path log;
    private final Map<String, String> env;
    public final int httpsPort;
    public final int managementPort;

    private PackagedGateway(Process process, Path log, Map<String, String> env, int httpsPort, int managementPort) {
        this.process = process;
        this.log = log;
        this.env = env;
        this.httpsPort = httpsPort;
        this.managementPort = managementPort;
    }

    /** What a command printed and how it ended. */
    public record Run(int exit, String out, String err, Duration took) {
    }

    /**
     * The production settings of the README: database, trust anchor, encryption key (and for serving, the server's
     * certificate); nothing from the demo profile.
     */
    public static Map<String, String> productionSettings(String jdbcUrl, String user, String password,
                                                         Map<String, String> encryptionKey) {
        TestPki.ensure();
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        env.put("QUARKUS_DATASOURCE_USERNAME", user);
        env.put("QUARKUS_DATASOURCE_PASSWORD", password);
        env.put("EFGS_TRUST_ANCHOR_CERTIFICATE", TestPki.ANCHOR.toString());
        env.put("EFGS_ENCRYPTION_KEY", encryptionKey.get("efgs.encryption.key"));
        env.put("EFGS_ENCRYPTION_KEY_ID", encryptionKey.get("efgs.encryption.key-id"));
        return env;
    }

    /** Starts the gateway with {@code settings} and waits (at most two minutes) until it is ready. */
    public static PackagedGateway start(Map<String, String> settings) {
        int https = LoopbackPorts.unused();
        int management = LoopbackPorts.unused();
        Map<String, String> env = new HashMap<>(settings);
        env.put("QUARKUS_HTTP_SSL_CERTIFICATE_FILES", TestPki.SERVER.toString());
        env.put("QUARKUS_HTTP_SSL_CERTIFICATE_KEY_FILES", TestPki.SERVER_KEY.toString());
        env.put("QUARKUS_HTTP_SSL_PORT", Integer.toString(https));
        env.put("QUARKUS_HTTP_PORT", Integer.toString(LoopbackPorts.unused()));
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(management));
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        return launch(env, https, management);
    }

    /** A new process with this one's settings and ports (after {@link #kill()}, as a supervisor restarts it). */
    public PackagedGateway restart() {
        return launch(env, httpsPort, managementPort);
    }

    /** Settings named like properties (with a dot) are passed as {@code -D}, the others as environment variables. */
    private static PackagedGateway launch(Map<String, String> env, int https, int management) {
        try {
            Path log = Files.createTempFile(Path.of("target"), "packaged-gateway", ".log");
            List<String> command = new ArrayList<>(List.of(java()));
            env.forEach((name, value) -> {
                if (name.contains(".")) {
                    command.add("-D" + name + "=" + value);
                }
            });
            command.addAll(List.of("-jar", JAR.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            env.forEach((name, value) -> {
                if (!name.contains(".")) {
                    builder.environment().put(name, value);
                }
            });
            PackagedGateway gateway = new PackagedGateway(builder.start(), log, env, https, management);
            gateway.awaitReady(Duration.ofMinutes(2));
            return gateway;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code kill -9}: the process ends at once, in the middle of whatever it was doing. */
    public void kill() {
        process.destroyForcibly(); // SIGKILL on Linux
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    public Path logFile() {
        return log;
    }

    /** Runs {@code java -jar quarkus-run.jar <args>} with {@code settings} as its environment. */
    public static Run command(Map<String, String> settings, String... args) {
        try {
            List<String> command = new ArrayList<>(List.of(java(), "-jar", JAR.toString()));
            command.addAll(List.of(args));
            Path out = Files.createTempFile(Path.of("target"), "command", ".out");
            Path err = Files.createTempFile(Path.of("target"), "command", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().putAll(settings);
            long started = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("java -jar quarkus-run.jar " + String.join(" ", args) + " hangs");
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err), took);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String baseUri() {
        return "https://localhost:" + httpsPort;
    }

    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(Duration within) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The gateway exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                int status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                        + "/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    assertListening();
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(200);
        }
        throw new IllegalStateException("The gateway did not become ready within " + within + ":\n" + log());
    }

    /** Readiness is what balancers trust: when it says UP, the port national backends use must accept. */
    private void assertListening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", httpsPort), 1000);
        } catch (IOException e) {
            throw new IllegalStateException("Readiness said UP but port " + httpsPort + " refuses: " + e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
