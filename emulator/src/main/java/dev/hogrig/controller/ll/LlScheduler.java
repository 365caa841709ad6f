package dev.hogrig.controller.ll;

/**
 * The clock and timer of the link layer. The link layer has no threads of its own: it runs only
 * inside tasks this scheduler calls, one at a time. {@link VirtualLlScheduler} runs virtual time
 * for tests (a 40 s procedure timeout takes milliseconds); a real-time implementation would run
 * tasks on one thread at their wall-clock time.
 */
public interface LlScheduler {
  /** Now, in microseconds since an arbitrary origin. */
  long nowMicros();

  /** Runs {@code task} at {@code atMicros} (or as soon as possible if that is past). */
  Timer schedule(long atMicros, Runnable task);

  /** A scheduled task that can be cancelled before it runs. */
  interface Timer {
    void cancel();
  }
}
