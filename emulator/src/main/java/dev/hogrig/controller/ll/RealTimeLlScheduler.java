package dev.hogrig.controller.ll;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Wall-clock time for a link layer that talks to a real host (the virtual controller). All tasks
 * run on one daemon thread, so the link layer stays single-threaded; code on other threads (an H4
 * reader, say) must hand its calls over with {@link #execute}. Lateness against the schedule shows
 * in {@link LinkConnection#meanEventErrorMicros} and {@link LinkConnection#maxEventErrorMicros}.
 */
public final class RealTimeLlScheduler implements LlScheduler, AutoCloseable {
  private final ScheduledExecutorService executor;
  private final long originNanos = System.nanoTime();

  public RealTimeLlScheduler(String threadName) {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, threadName);
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public long nowMicros() {
    return (System.nanoTime() - originNanos) / 1000;
  }

  @Override
  public Timer schedule(long atMicros, Runnable task) {
    long delay = Math.max(0, atMicros - nowMicros());
    ScheduledFuture<?> f = executor.schedule(task, delay, TimeUnit.MICROSECONDS);
    return () -> f.cancel(false);
  }

  /** Runs {@code task} on the link layer's thread as soon as possible. */
  public void execute(Runnable task) {
    executor.execute(task);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
