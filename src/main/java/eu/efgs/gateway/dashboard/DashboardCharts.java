package eu.efgs.gateway.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/** Turns panels into chart series: one stacked series per country, one colour per country on the whole page. */
final class DashboardCharts {

    static final int WIDTH = 600;
    static final int HEIGHT = 220;

    private DashboardCharts() {
    }

    static List<DashboardPage.Legend> legend(TrafficPanel traffic) {
        List<DashboardPage.Legend> legend = new ArrayList<>();
        for (int i = 0; i < traffic.countries().size(); i++) {
            legend.add(new DashboardPage.Legend(traffic.countries().get(i).country(), StackedBarChart.color(i)));
        }
        return legend;
    }

    static StackedBarChart.Chart traffic(TrafficPanel traffic, Window window,
                                         ToLongFunction<TrafficPanel.Day> value) {
        List<StackedBarChart.Series> series = new ArrayList<>();
        for (int i = 0; i < traffic.countries().size(); i++) {
            TrafficPanel.Country country = traffic.countries().get(i);
            series.add(new StackedBarChart.Series(country.country(), StackedBarChart.color(i),
                    country.days().stream().map(day -> value.applyAsLong(day)).toList()));
        }
        return StackedBarChart.of(window.days(), series, WIDTH, HEIGHT);
    }

    static StackedBarChart.Chart batches(BatchesPanel batches, Window window) {
        return StackedBarChart.of(window.days(), List.of(new StackedBarChart.Series("batches", "hsl(210, 55%, 45%)",
                batches.days().stream().map(BatchesPanel.Day::batches).toList())), WIDTH, HEIGHT);
    }
}
