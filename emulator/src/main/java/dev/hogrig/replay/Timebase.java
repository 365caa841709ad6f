package dev.hogrig.replay;

import java.util.concurrent.locks.LockSupport;

/**
 * The replayer's sense of time: a monotonic nanosecond clock and a way to wait for a deadline on
 * it. Injected, so that tests play on a {@link SimulatedTimebase} (deterministic, no waiting) and
 * the benchmark and real replays on {@link #precise()}.
 */
public interface Timebase {
  /** Monotonic time in nanoseconds; only differences mean anything. */
  long nanoTime();

  /**
   * Returns once {@link #nanoTime()} is at or past {@code deadlineNanos}, or earlier when the
   * thread is interrupted (the interrupt flag stays set for the caller to see).
   */
  void awaitDeadline(long deadlineNanos);

  /** {@link #precise(long)} with a 200 µs spin window. */
  static Timebase precise() {
    return precise(200_000);
  }

  /**
   * {@link System#nanoTime()}, waiting by parking until {@code spinNanos} before the deadline and
   * then spinning ({@link Thread#onSpinWait()}) to it.
   *
   * <p>Why both: a parked thread wakes when the kernel's timer fires plus the thread's timer slack
   * (50 µs by default on Linux, {@code prctl(PR_SET_TIMERSLACK)}) plus scheduling delay, which on a
   * loaded machine is easily hundreds of microseconds; spinning alone burns a whole core for the
   * whole replay. Parking until shortly before and spinning the rest keeps the median error to tens
   * of microseconds (docs/replay.md, Benchmark) at the cost of {@code spinNanos} of CPU per report
   * (200 µs every 7.5 ms at 133 Hz, under 3 % of one core).
   *
   * @param spinNanos how long before each deadline to stop parking and start spinning; 0 parks to
   *     the deadline (and so is late by the wake-up latency)
   */
  static Timebase precise(long spinNanos) {
    if (spinNanos < 0) {
      throw new IllegalArgumentException("spinNanos must be >= 0: " + spinNanos);
    }
    return new Timebase() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public void awaitDeadline(long deadlineNanos) {
        while (!Thread.currentThread().isInterrupted()) {
          long left = deadlineNanos - System.nanoTime();
          if (left <= 0) {
            return;
          }
          if (left > spinNanos) {
            LockSupport.parkNanos(left - spinNanos);
          } else {
            Thread.onSpinWait();
          }
        }
      }

      @Override
      public String toString() {
        return "precise (park, then spin the last %d µs)".formatted(spinNanos / 1000);
      }
    };
  }
}
