package eu.efgs.gateway.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Chart geometry: segments stack from the baseline, heights are proportional, the scale is round. */
class StackedBarChartTest {

    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);
    private static final List<LocalDate> DAYS = List.of(MONDAY, MONDAY.plusDays(1), MONDAY.plusDays(2));

    @Test
    void segmentsStackUpwardsInSeriesOrderAndSkipZeros() {
        StackedBarChart.Chart chart = StackedBarChart.of(DAYS, List.of(
                new StackedBarChart.Series("DE", "red", List.of(30L, 0L, 10L)),
                new StackedBarChart.Series("FR", "blue", List.of(10L, 0L, 0L))), 400, 236);
        // plot height 236 - 12 - 24 = 200; max total 40 → step 10, scale 40: 5 units per key
        assertEquals(40, chart.scaleMax());
        assertEquals(212, chart.baseline());
        assertEquals(3, chart.segments().size());
        StackedBarChart.Segment de = chart.segments().get(0);
        StackedBarChart.Segment fr = chart.segments().get(1);
        assertEquals("DE", de.series());
        assertEquals(150, de.height());
        assertEquals(212, de.y() + de.height());
        assertEquals(50, fr.height());
        assertEquals(de.y(), fr.y() + fr.height());
        assertEquals(12, fr.y()); // the tallest bar reaches the top of the plot
        assertEquals(de.x(), fr.x());
        assertEquals(MONDAY.plusDays(2), chart.segments().get(2).day());
        assertEquals(List.of(40L, 0L, 10L), chart.columns().stream().map(StackedBarChart.Column::total).toList());
        assertEquals(List.of(12.0, 212.0, 162.0), chart.columns().stream().map(StackedBarChart.Column::top).toList());
        assertEquals("11-23", chart.columns().get(0).label());
        assertEquals(List.of(0L, 10L, 20L, 30L, 40L), chart.ticks().stream().map(StackedBarChart.Tick::value).toList());
    }

    @Test
    void barsAdvanceByOneSlotPerDayInsideTheMargins() {
        StackedBarChart.Chart chart = StackedBarChart.of(DAYS, List.of(
                new StackedBarChart.Series("DE", "red", List.of(1L, 1L, 1L))), 364, 100);
        List<StackedBarChart.Column> columns = chart.columns();
        // plot width 364 - 56 - 8 = 300: slots of 100, bars of 70 centred in them
        assertEquals(56 + 15, columns.get(0).x());
        assertEquals(100, columns.get(1).x() - columns.get(0).x());
        assertTrue(columns.get(2).x() + 70 <= 364 - 8);
    }

    @Test
    void anEmptyChartHasAUnitScale() {
        StackedBarChart.Chart chart = StackedBarChart.of(DAYS, List.of(), 400, 200);
        assertEquals(1, chart.scaleMax());
        assertEquals(0, chart.segments().size());
        assertEquals(3, chart.columns().size());
    }

    @Test
    void gridStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(1, StackedBarChart.niceStep(0));
        assertEquals(1, StackedBarChart.niceStep(3));
        assertEquals(2, StackedBarChart.niceStep(7));
        assertEquals(500, StackedBarChart.niceStep(1_000));
        assertEquals(50_000, StackedBarChart.niceStep(150_001));
    }

    @Test
    void aSeriesMustHaveAValuePerDay() {
        assertThrows(IllegalArgumentException.class, () -> StackedBarChart.of(DAYS,
                List.of(new StackedBarChart.Series("DE", "red", List.of(1L))), 400, 200));
    }
}
