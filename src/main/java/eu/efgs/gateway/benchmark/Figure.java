package eu.efgs.gateway.benchmark;

import java.util.ArrayList;
import java.util.List;

/** One measured figure: its repetitions and their median. */
final class Figure {

    final String name;
    final String unit;
    final List<Double> repetitions = new ArrayList<>();

    Figure(String name, String unit) {
        this.name = name;
        this.unit = unit;
    }

    Figure add(double value) {
        repetitions.add(value);
        return this;
    }

    double median() {
        return Stats.median(repetitions);
    }

    @Override
    public String toString() {
        return String.format("%-58s %12.1f %-8s (runs: %s)", name, median(), unit,
                repetitions.stream().map(v -> String.format("%.1f", v)).toList());
    }
}
