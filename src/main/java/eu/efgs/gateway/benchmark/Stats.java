package eu.efgs.gateway.benchmark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Latency samples and medians. */
final class Stats {

    private Stats() {
    }

    static double percentile(List<Double> samples, double percentile) {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static double median(List<Double> values) {
        return percentile(values, 50);
    }
}
