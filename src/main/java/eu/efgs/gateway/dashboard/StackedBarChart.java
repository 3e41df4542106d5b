package eu.efgs.gateway.dashboard;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Geometry of a stacked bar chart, one bar per day and one segment per series (country), in SVG user units. The
 * page template only draws what this computes, so the chart needs no script and its numbers are in the HTML.
 */
public final class StackedBarChart {

    static final int LEFT = 56;
    static final int RIGHT = 8;
    static final int TOP = 12;
    static final int BOTTOM = 24;
    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("MM-dd");

    /** One series: a value per day, in the order of the chart's days. */
    public record Series(String name, String color, List<Long> values) {
    }

    /** A drawn segment; zero values get none. */
    public record Segment(String series, String color, LocalDate day, long value, double x, double y, double width,
                          double height) {
    }

    /** A horizontal grid line with its value. */
    public record Tick(long value, double y) {
    }

    /** A day under its bar ({@code label} MM-dd), with the day's total and the top of its bar. */
    public record Column(LocalDate day, String label, long total, double x, double center, double top) {
    }

    /** The plot spans {@code left} to {@code right} horizontally and ends at {@code baseline}. */
    public record Chart(int width, int height, long scaleMax, double left, double right, double baseline,
                        List<Segment> segments, List<Tick> ticks, List<Column> columns) {
    }

    private StackedBarChart() {
    }

    public static Chart of(List<LocalDate> days, List<Series> series, int width, int height) {
        long[] totals = new long[days.size()];
        for (Series one : series) {
            if (one.values().size() != days.size()) {
                throw new IllegalArgumentException("Series " + one.name() + " has " + one.values().size()
                        + " values for " + days.size() + " days");
            }
            for (int day = 0; day < days.size(); day++) {
                totals[day] += one.values().get(day);
            }
        }
        long max = 0;
        for (long total : totals) {
            max = Math.max(max, total);
        }
        long step = niceStep(max);
        long scaleMax = Math.max(step, (max + step - 1) / step * step);
        double plotWidth = width - LEFT - RIGHT;
        double plotHeight = height - TOP - BOTTOM;
        double baseline = TOP + plotHeight;
        double slot = days.isEmpty() ? plotWidth : plotWidth / days.size();
        double barWidth = slot * 0.7;

        List<Segment> segments = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        for (int day = 0; day < days.size(); day++) {
            double x = LEFT + day * slot + (slot - barWidth) / 2;
            double top = baseline;
            for (Series one : series) {
                long value = one.values().get(day);
                if (value > 0) {
                    double segmentHeight = value * plotHeight / scaleMax;
                    top -= segmentHeight;
                    segments.add(new Segment(one.name(), one.color(), days.get(day), value, round(x), round(top),
                            round(barWidth), round(segmentHeight)));
                }
            }
            columns.add(new Column(days.get(day), LABEL.format(days.get(day)), totals[day], round(x),
                    round(x + barWidth / 2), round(top)));
        }
        List<Tick> ticks = new ArrayList<>();
        for (long value = 0; value <= scaleMax; value += step) {
            ticks.add(new Tick(value, round(baseline - value * plotHeight / scaleMax)));
        }
        return new Chart(width, height, scaleMax, LEFT, width - RIGHT, baseline, segments, ticks, columns);
    }

    /** The grid step: 1, 2 or 5 times a power of ten, so that about four steps cover {@code max}. */
    static long niceStep(long max) {
        double rough = Math.max(1, max / 4.0);
        long power = 1;
        while (power * 10 <= rough) {
            power *= 10;
        }
        for (long factor : new long[] {1, 2, 5, 10}) {
            if (factor * power >= rough) {
                return factor * power;
            }
        }
        return 10 * power;
    }

    /** A colour per series index, spread around the hue circle (golden angle), readable on white. */
    public static String color(int index) {
        return String.format(java.util.Locale.ROOT, "hsl(%.0f, 62%%, %d%%)", (index * 137.508) % 360,
                index % 2 == 0 ? 45 : 60);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
