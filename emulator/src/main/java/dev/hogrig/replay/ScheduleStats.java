package dev.hogrig.replay;

import java.util.Arrays;
import java.util.List;

/**
 * Nearest-rank percentiles of schedule errors (actual − planned send time, nanoseconds): the value
 * at rank ⌈p·n/100⌉ of the sorted sample, 1-based, so that every figure is one that was measured,
 * never an interpolation (the same rule as {@code BenchStats} of the notify benchmark).
 *
 * @param n sample size
 * @param min the smallest error (negative would mean a report went out early)
 */
public record ScheduleStats(int n, long min, long p50, long p90, long p99, long p999, long max) {

  /**
   * @throws IllegalArgumentException when {@code errorsNanos} is empty
   */
  public static ScheduleStats of(List<Long> errorsNanos) {
    if (errorsNanos.isEmpty()) {
      throw new IllegalArgumentException("no schedule errors to take percentiles of");
    }
    long[] v = errorsNanos.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(v);
    return new ScheduleStats(
        v.length, v[0], rank(v, 500), rank(v, 900), rank(v, 990), rank(v, 999), v[v.length - 1]);
  }

  /** Per mille, so that p99.9 is exact: rank ⌈pm·n/1000⌉. */
  private static long rank(long[] sorted, int perMille) {
    long r = ((long) perMille * sorted.length + 999) / 1000;
    return sorted[(int) Math.max(0, r - 1)];
  }
}
