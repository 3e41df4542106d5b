package eu.efgs.gateway.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * nginx serving the very bytes the gateway served, as the ceiling of what this machine can send: plain HTTP (the
 * transport of header mode behind a balancer) and HTTPS asking for a client certificate (native mutual TLS), with the
 * gateway's own server certificate. Debian's package ({@code apt-get install nginx}); started for the run only.
 */
final class Nginx implements AutoCloseable {

    final int plainPort;
    final int tlsPort;
    private final Process process;

    private Nginx(Process process, int plainPort, int tlsPort) {
        this.process = process;
        this.plainPort = plainPort;
        this.tlsPort = tlsPort;
    }

    static boolean installed() {
        return Files.isExecutable(Path.of("/usr/sbin/nginx"));
    }

    /** Serves the files of {@code root} at /name on both ports. */
    static Nginx start(Path work, Path root, Path serverPem, Path serverKey) throws Exception {
        int plain = LoopbackPorts.unused();
        int tls = LoopbackPorts.unused();
        Path prefix = Files.createDirectories(work.resolve("nginx"));
        Files.createDirectories(prefix.resolve("logs"));
        String conf = String.join("\n",
                "worker_processes auto;",
                "user root;",
                "pid " + prefix.resolve("nginx.pid") + ";",
                "error_log " + prefix.resolve("logs/error.log") + " warn;",
                "events { worker_connections 1024; }",
                "http {",
                "  access_log off;",
                "  sendfile on;",
                "  tcp_nopush on;",
                "  keepalive_requests 1000000;",
                "  keepalive_timeout 60s;",
                "  default_type application/octet-stream;",
                "  server { listen 127.0.0.1:" + plain + "; root " + root + "; }",
                "  server {",
                "    listen 127.0.0.1:" + tls + " ssl;",
                "    ssl_certificate " + serverPem + ";",
                "    ssl_certificate_key " + serverKey + ";",
                "    ssl_protocols TLSv1.3 TLSv1.2;",
                "    ssl_verify_client optional_no_ca;",
                "    root " + root + ";",
                "  }",
                "}");
        Path file = prefix.resolve("nginx.conf");
        Files.writeString(file, conf);
        Process process = new ProcessBuilder(List.of("/usr/sbin/nginx", "-p", prefix.toString(), "-c",
                file.toString(), "-g", "daemon off;")).redirectErrorStream(true)
                .redirectOutput(prefix.resolve("logs/console.log").toFile()).start();
        Nginx nginx = new Nginx(process, plain, tls);
        nginx.awaitListening();
        return nginx;
    }

    private void awaitListening() throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", plainPort)) {
                return;
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("nginx exited with " + process.exitValue());
                }
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("nginx did not start");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
