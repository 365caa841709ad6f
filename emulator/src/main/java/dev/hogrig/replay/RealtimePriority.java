package dev.hogrig.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Moves the calling thread to Linux's SCHED_FIFO real-time class (sched(7)) for the length of a
 * replay, through util-linux's {@code chrt -f -p PRIO TID}, because the JVM has no API for it.
 *
 * <p>Why: on a machine whose CPUs are busy (two qemu labs under TCG keep two cores at 100 %), a
 * SCHED_OTHER thread that parks waits its turn behind every runnable thread, and a replay at 133 Hz
 * measured p99 schedule errors of 0.2 to 0.9 s there; the same run under SCHED_FIFO had a p99 near
 * 40 µs (docs/replay.md). Changing another thread's policy needs CAP_SYS_NICE (root here); without
 * it {@link #raise} reports why and playback goes on at normal priority. The kernel's RT throttling
 * ({@code /proc/sys/kernel/sched_rt_runtime_us}, 95 % by default) keeps a runaway real-time thread
 * from starving the machine, and the replayer parks between reports anyway.
 */
public final class RealtimePriority {
  private RealtimePriority() {}

  /**
   * What became of a request.
   *
   * @param applied true when the thread now runs under the requested policy
   * @param detail what was done, or why not (for the benchmark's output)
   */
  public record Outcome(boolean applied, String detail) {}

  /**
   * Puts the calling thread under SCHED_FIFO at {@code priority} (1..99).
   *
   * @return whether it worked, and what was run or what failed
   */
  public static Outcome raise(int priority) {
    if (priority < 1 || priority > 99) {
      throw new IllegalArgumentException("SCHED_FIFO priority is 1..99, got " + priority);
    }
    return chrt(List.of("-f", "-p", Integer.toString(priority)), "SCHED_FIFO " + priority);
  }

  /** Puts the calling thread back under SCHED_OTHER (nice value unchanged). */
  public static Outcome restore() {
    return chrt(List.of("-o", "-p", "0"), "SCHED_OTHER");
  }

  private static Outcome chrt(List<String> args, String what) {
    String tid;
    try {
      // "/proc/thread-self" -> "PID/task/TID" (proc(5), Linux 3.17+).
      Path link = Files.readSymbolicLink(Path.of("/proc/thread-self"));
      tid = link.getFileName().toString();
    } catch (IOException | UnsupportedOperationException e) {
      return new Outcome(
          false, what + " not applied: no /proc/thread-self (" + e.getMessage() + ")");
    }
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add("chrt");
    cmd.addAll(args);
    cmd.add(tid);
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Outcome(false, what + " not applied: chrt did not finish in 10 s");
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (p.exitValue() != 0) {
        return new Outcome(
            false, what + " not applied: " + String.join(" ", cmd) + " failed: " + out);
      }
      return new Outcome(true, what + " for thread " + tid + " (" + String.join(" ", cmd) + ")");
    } catch (IOException e) {
      return new Outcome(false, what + " not applied: cannot run chrt (" + e.getMessage() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(false, what + " not applied: interrupted");
    }
  }
}
