package dev.hogrig.replay;

/**
 * A timebase that never waits: {@link #awaitDeadline} moves the clock to the deadline at once.
 * Playback on it is deterministic and instant, so tests can check what would be sent when, and
 * scenarios can dry-run a script. Time spent elsewhere (a slow sink) is modelled with {@link
 * #advance}.
 *
 * <p>Not thread-safe; meant for one playback at a time.
 */
public final class SimulatedTimebase implements Timebase {
  private long now;

  /** Starts at 0. */
  public SimulatedTimebase() {
    this(0);
  }

  /** Starts at {@code startNanos}. */
  public SimulatedTimebase(long startNanos) {
    this.now = startNanos;
  }

  @Override
  public long nanoTime() {
    return now;
  }

  @Override
  public void awaitDeadline(long deadlineNanos) {
    if (deadlineNanos > now) {
      now = deadlineNanos;
    }
  }

  /** Moves the clock forward, as time spent sending would. */
  public void advance(long nanos) {
    if (nanos < 0) {
      throw new IllegalArgumentException("time does not go back: " + nanos);
    }
    now += nanos;
  }
}
