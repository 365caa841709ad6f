package dev.hogrig.cli;

import com.google.common.collect.ImmutableList;
import dev.hogrig.hid.DescriptorLibrary;
import dev.hogrig.hid.ReportDescriptor;
import dev.hogrig.replay.InputScript;
import dev.hogrig.replay.PlaybackResult;
import dev.hogrig.replay.RealtimePriority;
import dev.hogrig.replay.Replayer;
import dev.hogrig.replay.ReportSink;
import dev.hogrig.replay.ScheduleStats;
import dev.hogrig.replay.SimulatedTimebase;
import dev.hogrig.replay.Timebase;
import dev.hogrig.replay.TimedReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The scheduler benchmark behind {@code hogrig bench replay}: how close to its planned time the
 * {@link Replayer} hands each report to the sink, on this machine, with no transport in the way.
 *
 * <pre>
 *   InputScript.on(mouse-5btn, rate).move(N, 0, N/rate)   N reports, one count of X each
 *        │
 *   Replayer(Timebase.precise(spin), in-memory sink)     park until spin µs before each deadline,
 *        │                                               then spin to it
 *   schedule error = actual − planned send time          nearest-rank percentiles, µs
 * </pre>
 *
 * The sink copies each payload's first byte into a checksum, so the work is not optimised away and
 * costs next to nothing. The figures say what the scheduler adds; a real replay adds the sink's own
 * time (D-Bus, bluetoothd, the radio) on top, which {@code bench notify} measures.
 */
final class ReplayBench {
  private ReplayBench() {}

  /**
   * @param rateHz reports per second
   * @param reports reports timed (after the warm-up)
   * @param spinMicros how long before each deadline the waiter stops parking and spins
   * @param warmup reports played first, untimed, so the JIT has compiled the loop
   * @param fifoPriority SCHED_FIFO priority for the playing thread, 0 to stay SCHED_OTHER
   */
  record Options(double rateHz, int reports, long spinMicros, int warmup, int fifoPriority) {}

  /**
   * Everything printed.
   *
   * @param stats schedule errors in nanoseconds
   */
  record Result(
      Options options,
      int cpus,
      String jvm,
      String os,
      String cpuModel,
      String loadBefore,
      String loadAfter,
      String timebase,
      String priority,
      int sent,
      double seconds,
      double achievedHz,
      ScheduleStats stats,
      long checksum) {}

  static Result run(Options o) {
    ReportDescriptor mouse = DescriptorLibrary.get("mouse-5btn").orElseThrow().parse();
    long[] checksum = new long[1];
    ReportSink sink = (type, id, payload) -> checksum[0] += payload.get(0);
    if (o.warmup() > 0) {
      // Encode and play once on a simulated clock: the same code paths, no waiting.
      new Replayer(new SimulatedTimebase(), sink).play(sequence(mouse, o.rateHz(), o.warmup()));
    }
    ImmutableList<TimedReport> seq = sequence(mouse, o.rateHz(), o.reports());
    Timebase timebase = Timebase.precise(o.spinMicros() * 1000);
    // Collect the warm-up's and the sequence's garbage now: a collection during the run stops the
    // playing thread at a safepoint until the (normal-priority) GC threads finish, which on a busy
    // machine takes tens of milliseconds (docs/replay.md).
    System.gc();
    String loadBefore = NotifyBench.loadAvg();
    String priority = "SCHED_OTHER (normal)";
    RealtimePriority.Outcome raised = null;
    if (o.fifoPriority() > 0) {
      raised = RealtimePriority.raise(o.fifoPriority());
      priority = raised.detail();
    }
    PlaybackResult r;
    try {
      r = new Replayer(timebase, sink).play(seq);
    } finally {
      if (raised != null && raised.applied()) {
        RealtimePriority.restore();
      }
    }
    String loadAfter = NotifyBench.loadAvg();
    long span = r.actualNanos().get(r.sent() - 1) - r.actualNanos().get(0);
    return new Result(
        o,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"),
        cpuModel(),
        loadBefore,
        loadAfter,
        timebase.toString(),
        priority,
        r.sent(),
        span / 1e9,
        r.achievedHz(),
        r.stats(),
        checksum[0]);
  }

  /** {@code n} mouse reports at {@code rate}, each moving X by one count. */
  static ImmutableList<TimedReport> sequence(ReportDescriptor mouse, double rate, int n) {
    return InputScript.on(mouse, rate)
        .move(n, 0, Duration.ofNanos(Math.round(n * 1e9 / rate)))
        .build();
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).strip();
        }
      }
      return "unknown";
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  static void print(java.io.PrintWriter out, Result r) {
    Options o = r.options();
    ScheduleStats s = r.stats();
    out.println("hogrig bench replay: schedule error of the replayer (actual - planned send time)");
    out.printf("machine       %d CPUs (%s), %s, %s%n", r.cpus(), r.cpuModel(), r.os(), r.jvm());
    out.println("machine load  /proc/loadavg before: " + r.loadBefore());
    out.println("              /proc/loadavg after:  " + r.loadAfter());
    out.println("timebase      " + r.timebase());
    out.println("priority      " + r.priority());
    out.printf(
        "run           %d reports planned at %.1f Hz (%d untimed warm-up reports first), sink in"
            + " memory%n",
        o.reports(), o.rateHz(), o.warmup());
    out.printf(
        "achieved      %d sent in %.3f s: %.2f reports/s%n", r.sent(), r.seconds(), r.achievedHz());
    out.println();
    out.printf(
        "  %8s %8s %8s %8s %8s %8s %8s%n",
        "min µs", "p50 µs", "p90 µs", "p99 µs", "p99.9 µs", "max µs", "n");
    out.printf(
        "  %8.1f %8.1f %8.1f %8.1f %8.1f %8.1f %8d%n",
        s.min() / 1e3,
        s.p50() / 1e3,
        s.p90() / 1e3,
        s.p99() / 1e3,
        s.p999() / 1e3,
        s.max() / 1e3,
        s.n());
    out.println();
    out.println(
        "p99 <= 1 ms: " + (s.p99() <= 1_000_000 ? "yes" : "NO") + " (the target of issue 4)");
  }

  static Map<String, Object> toJson(Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rateHz", r.options().rateHz());
    m.put("reports", r.options().reports());
    m.put("warmupReports", r.options().warmup());
    m.put("spinMicros", r.options().spinMicros());
    m.put("priority", r.priority());
    m.put("cpus", r.cpus());
    m.put("cpuModel", r.cpuModel());
    m.put("os", r.os());
    m.put("jvm", r.jvm());
    m.put("loadavgBefore", r.loadBefore());
    m.put("loadavgAfter", r.loadAfter());
    m.put("sent", r.sent());
    m.put("seconds", r.seconds());
    m.put("achievedHz", r.achievedHz());
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("n", r.stats().n());
    e.put("minMicros", r.stats().min() / 1e3);
    e.put("p50Micros", r.stats().p50() / 1e3);
    e.put("p90Micros", r.stats().p90() / 1e3);
    e.put("p99Micros", r.stats().p99() / 1e3);
    e.put("p999Micros", r.stats().p999() / 1e3);
    e.put("maxMicros", r.stats().max() / 1e3);
    m.put("scheduleError", e);
    m.put("p99WithinOneMs", r.stats().p99() <= 1_000_000);
    return m;
  }
}
