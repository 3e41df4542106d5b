package eu.efgs.gateway.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The figures of one benchmark run, in the order they were first taken, and ratios between them. */
final class Figures {

    private final Map<String, Figure> figures = new LinkedHashMap<>();

    Figure figure(String name, String unit) {
        return figures.computeIfAbsent(name, n -> new Figure(n, unit));
    }

    boolean has(String name) {
        return figures.containsKey(name) && !figures.get(name).repetitions.isEmpty();
    }

    double median(String name) {
        return figures.get(name).median();
    }

    /** Forgets everything but the figures whose name starts with {@code kept} (after a warm-up). */
    void keepOnly(String kept) {
        figures.keySet().removeIf(name -> !name.startsWith(kept));
    }

    List<String> lines() {
        List<String> lines = new ArrayList<>();
        figures.values().forEach(figure -> lines.add(figure.toString()));
        return lines;
    }

    /** "RATIO label: a / b" in percent, when both were measured. */
    String ratio(String label, String numerator, String denominator) {
        if (!has(numerator) || !has(denominator)) {
            return String.format("RATIO %-70s %8s", label, "n/a");
        }
        return String.format("RATIO %-70s %7.1f %%", label, 100 * median(numerator) / median(denominator));
    }
}
