package eu.efgs.gateway.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * wrk (Debian's package), the load generator for plain HTTP and for HTTPS without a client certificate: a C program
 * on its own threads, so it is not what limits the figures it measures. Every non-2xx answer and socket error is
 * counted.
 */
final class Wrk {

    /** What a run measured. */
    record Result(double requestsPerSecond, double megabytesPerSecond, double p50Ms, double p99Ms, long requests,
                  long non2xx, long socketErrors) {
    }

    private Wrk() {
    }

    static boolean installed() {
        return java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/wrk"));
    }

    static Result run(String url, Map<String, String> headers, int connections, Duration duration)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/wrk", "-t2", "-c" + connections,
                "-d" + duration.toSeconds() + "s", "--latency", "--timeout", "30s"));
        headers.forEach((name, value) -> command.addAll(List.of("-H", name + ": " + value)));
        command.add(url);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + output);
        }
        return new Result(number(output, "Requests/sec:\\s+([0-9.]+)"), transfer(output),
                millis(output, "50%\\s+([0-9.]+)(us|ms|s)"), millis(output, "99%\\s+([0-9.]+)(us|ms|s)"),
                (long) number(output, "(\\d+) requests in"), (long) number(output, "Non-2xx or 3xx responses: (\\d+)"),
                socketErrors(output));
    }

    private static double number(String output, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(output);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private static double transfer(String output) {
        Matcher matcher = Pattern.compile("Transfer/sec:\\s+([0-9.]+)(B|KB|MB|GB)").matcher(output);
        if (!matcher.find()) {
            return 0;
        }
        double value = Double.parseDouble(matcher.group(1));
        return switch (matcher.group(2)) {
            case "GB" -> value * 1073.741824;
            case "MB" -> value * 1.048576;
            case "KB" -> value * 0.001024;
            default -> value / 1_000_000;
        };
    }

    private static double millis(String output, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(output);
        if (!matcher.find()) {
            return Double.NaN;
        }
        double value = Double.parseDouble(matcher.group(1));
        return switch (matcher.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }

    private static long socketErrors(String output) {
        Matcher matcher = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)")
                .matcher(output);
        if (!matcher.find()) {
            return 0;
        }
        long total = 0;
        for (int i = 1; i <= 4; i++) {
            total += Long.parseLong(matcher.group(i));
        }
        return total;
    }
}
