package dev.hogrig.controller.ll;

import java.util.PriorityQueue;

/**
 * Virtual time: tasks run in time order (ties in the order they were scheduled) when a test calls
 * {@link #runUntil}; time jumps from one task to the next. Deterministic, single-threaded.
 */
public final class VirtualLlScheduler implements LlScheduler {
  private final PriorityQueue<Entry> queue =
      new PriorityQueue<>(
          (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
  private long now;
  private long seq;

  private static final class Entry implements Timer {
    final long at;
    final long seq;
    final Runnable task;
    boolean cancelled;

    Entry(long at, long seq, Runnable task) {
      this.at = at;
      this.seq = seq;
      this.task = task;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }

  @Override
  public long nowMicros() {
    return now;
  }

  @Override
  public Timer schedule(long atMicros, Runnable task) {
    Entry e = new Entry(Math.max(atMicros, now), seq++, task);
    queue.add(e);
    return e;
  }

  /** Runs every task due up to and including {@code untilMicros}; then time is there. */
  public void runUntil(long untilMicros) {
    while (!queue.isEmpty() && queue.peek().at <= untilMicros) {
      Entry e = queue.poll();
      now = e.at;
      if (!e.cancelled) {
        e.task.run();
      }
    }
    now = Math.max(now, untilMicros);
  }

  /** Runs for {@code micros} from now. */
  public void runFor(long micros) {
    runUntil(now + micros);
  }

  /** True when no task is pending (cancelled ones included until they are due). */
  public boolean idle() {
    return queue.stream().allMatch(e -> e.cancelled);
  }
}
