package dev.hogrig.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Nearest-rank percentiles: rank ⌈p·n⌉ of the sorted sample, every figure a measured value. */
class ScheduleStatsTest {

  @Test
  void nearestRankOfOneToTwoThousand() {
    List<Long> v = new ArrayList<>();
    for (long i = 2000; i >= 1; i--) {
      v.add(i);
    }
    Collections.shuffle(v, new java.util.Random(1));
    // n = 2000: p50 rank 1000, p90 rank 1800, p99 rank 1980, p99.9 rank 1998.
    assertEquals(new ScheduleStats(2000, 1, 1000, 1800, 1980, 1998, 2000), ScheduleStats.of(v));
  }

  @Test
  void smallSamplesUseTheirLargestValueForHighPercentiles() {
    // n = 3: p50 rank ⌈1.5⌉ = 2; p90, p99, p99.9 rank 3.
    assertEquals(new ScheduleStats(3, -5, 7, 9, 9, 9, 9), ScheduleStats.of(List.of(9L, -5L, 7L)));
  }

  @Test
  void emptyIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> ScheduleStats.of(List.of()));
  }
}
