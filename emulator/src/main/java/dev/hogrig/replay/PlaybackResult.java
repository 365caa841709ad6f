package dev.hogrig.replay;

import com.google.common.collect.ImmutableList;

/**
 * What a playback did: which reports went out, and when compared with the plan.
 *
 * @param planned how many reports the sequence had
 * @param plannedNanos planned send time of each report sent, after the start
 * @param actualNanos when each report sent was handed to the sink, after the start (read just
 *     before the sink's call, so the sink's own time is not counted as schedule error)
 * @param cancelled true when {@link Replayer#cancel()} or an interrupt stopped playback early
 */
public record PlaybackResult(
    int planned,
    ImmutableList<Long> plannedNanos,
    ImmutableList<Long> actualNanos,
    boolean cancelled) {

  public PlaybackResult {
    if (plannedNanos.size() != actualNanos.size()) {
      throw new IllegalArgumentException("one actual time per planned time");
    }
  }

  /** Reports handed to the sink. */
  public int sent() {
    return actualNanos.size();
  }

  /** Per report sent: actual − planned send time, nanoseconds (positive: late). */
  public ImmutableList<Long> errorsNanos() {
    ImmutableList.Builder<Long> out = ImmutableList.builderWithExpectedSize(sent());
    for (int i = 0; i < sent(); i++) {
      out.add(actualNanos.get(i) - plannedNanos.get(i));
    }
    return out.build();
  }

  /**
   * Percentiles of {@link #errorsNanos()}.
   *
   * @throws IllegalArgumentException when nothing was sent
   */
  public ScheduleStats stats() {
    return ScheduleStats.of(errorsNanos());
  }

  /** Reports per second between the first and the last send; 0 with fewer than two. */
  public double achievedHz() {
    if (sent() < 2) {
      return 0;
    }
    long span = actualNanos.get(sent() - 1) - actualNanos.get(0);
    return span <= 0 ? 0 : (sent() - 1) * 1e9 / span;
  }
}
