package eu.efgs.gateway.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A running gateway's Prometheus figures, read from its management port as an operator's scraper would. */
final class GatewayMetrics {

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI metrics;

    GatewayMetrics(int managementPort) {
        metrics = URI.create("http://localhost:" + managementPort + "/q/metrics");
    }

    /** The sum of the series {@code name} over the samples whose labels contain {@code label} ({@code k="v"}). */
    double sum(String name, String label) throws Exception {
        String text = http.send(HttpRequest.newBuilder(metrics).header("Accept", "text/plain").build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return text.lines().filter(line -> line.startsWith(name + "{") && line.contains(label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
