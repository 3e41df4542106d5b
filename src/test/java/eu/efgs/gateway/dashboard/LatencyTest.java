package eu.efgs.gateway.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyTest {

    @Test
    void medianOfAnOddAndAnEvenNumberOfSamplesAndTheMaximum() {
        assertEquals(new Latency(3, 2.0, 90.0), Latency.of(List.of(90_000L, 1_000L, 2_000L)));
        assertEquals(new Latency(4, 2.5, 4.0), Latency.of(List.of(4_000L, 1_000L, 3_000L, 2_000L)));
    }

    @Test
    void nothingBatchedIsZeroNotAbsent() {
        assertEquals(Latency.NONE, Latency.of(List.of()));
        assertEquals(0, Latency.NONE.count());
    }
}
