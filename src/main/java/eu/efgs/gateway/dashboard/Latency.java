package eu.efgs.gateway.dashboard;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median and maximum of a day's upload-to-batch times, in seconds; zero when nothing was batched. */
public record Latency(long count, double medianSeconds, double maxSeconds) {

    public static final Latency NONE = new Latency(0, 0, 0);

    public static Latency of(List<Long> millis) {
        if (millis.isEmpty()) {
            return NONE;
        }
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        int size = sorted.size();
        double median = size % 2 == 1 ? sorted.get(size / 2) : (sorted.get(size / 2 - 1) + sorted.get(size / 2)) / 2.0;
        return new Latency(size, median / 1000.0, sorted.get(size - 1) / 1000.0);
    }
}
