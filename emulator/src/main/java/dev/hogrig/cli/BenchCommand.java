package dev.hogrig.cli;

import com.google.common.collect.ImmutableList;
import dev.hogrig.lab.BenchStats.ClockOffset;
import dev.hogrig.lab.BenchStats.Percentiles;
import dev.hogrig.lab.VirtualLab;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hogrig bench}: measurements, printed (never asserted by the test suite). */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks. See docs/bluez.md, section Benchmark, and docs/replay.md.",
    subcommands = {BenchCommand.Notify.class, BenchCommand.Replay.class, NotifyBenchPeer.class})
final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Clock round trips before and after a run; the shortest of each set gives the offset. */
  static final int CLOCK_SAMPLES = 200;

  @Command(
      name = "notify",
      mixinStandardHelpOptions = true,
      description = {
        "Input reports from the emulator to the host's evdev in the lab left running by",
        "'hogrig lab up': sustained reports/s, loss, and latency from the emulator's send to the",
        "host kernel's evdev timestamp, per rate step. Pairs the lab's first controller (emulator,",
        "mouse profile) with its second (host), and unpairs them afterwards. Exit status 1 when",
        "any report was lost or duplicated."
      })
  static final class Notify implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin LabCommand.Dir dir;

    @Option(
        names = "--lab",
        description = "Run against the virtual lab (the only host there is yet).")
    boolean lab;

    @Option(
        names = "--placement",
        defaultValue = "machine",
        paramLabel = "WHERE",
        description = {
          "Where the emulator runs: machine (this JVM, PropertiesChanged over D-Bus/TCP into the",
          "guest) or guest (a JVM inside the lab guest on its unix-socket bus, which measures",
          "the AcquireNotify and the PropertiesChanged paths side by side; its start takes",
          "minutes under TCG). Default ${DEFAULT-VALUE}."
        })
    String placement;

    @Option(
        names = "--reports",
        defaultValue = "1000",
        paramLabel = "N",
        description = "Reports per rate step (default ${DEFAULT-VALUE}).")
    int reports;

    @Option(
        names = "--rates",
        defaultValue = "125,250,500,1000,2000,max",
        split = ",",
        paramLabel = "HZ",
        description = {
          "Rate steps, reports per second; 'max' sends as fast as the emulator's send returns",
          "(default ${DEFAULT-VALUE})."
        })
    List<String> rates;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
      if (!lab) {
        throw new UsageException(
            "bench notify: only --lab is supported (the emulator on this machine, the host in the"
                + " lab guest started by 'hogrig lab up')");
      }
      if (reports < 2 || reports > 100_000) {
        throw new UsageException("--reports must be between 2 and 100000, got " + reports);
      }
      ImmutableList<Integer> hz = parseRates(rates);
      if (!placement.equals("machine") && !placement.equals("guest")) {
        throw new UsageException("--placement: '" + placement + "' is neither machine nor guest");
      }
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter log = spec.commandLine().getErr();
      VirtualLab vm = VirtualLab.attach(dir.state());
      NotifyBench.Result r;
      try {
        NotifyBench.Options o = new NotifyBench.Options(reports, hz, CLOCK_SAMPLES);
        r =
            placement.equals("guest")
                ? NotifyBench.runGuest(vm, o, log)
                : NotifyBench.run(vm, o, log);
      } finally {
        vm.detach();
      }
      if (json) {
        out.println(Json.GSON.toJson(toJson(r)));
      } else {
        print(out, r);
      }
      out.flush();
      return r.zeroLoss() ? 0 : 1;
    }
  }

  @Command(
      name = "replay",
      mixinStandardHelpOptions = true,
      description = {
        "Schedule error of the replay engine on this machine: N mouse reports planned at a rate,",
        "played into an in-memory sink; prints the percentiles of actual - planned send time,",
        "the rate achieved and where it ran. No lab, no Bluetooth. See docs/replay.md."
      })
  static final class Replay implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--rate",
        defaultValue = "133",
        paramLabel = "HZ",
        description = "Reports per second (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(
        names = "--reports",
        defaultValue = "2000",
        paramLabel = "N",
        description = "Reports timed (default ${DEFAULT-VALUE}).")
    int reports;

    @Option(
        names = "--spin-us",
        defaultValue = "200",
        paramLabel = "US",
        description = {
          "Microseconds before each deadline to stop parking and spin (default ${DEFAULT-VALUE};",
          "0 parks all the way)."
        })
    long spinMicros;

    @Option(
        names = "--warmup",
        defaultValue = "2000",
        paramLabel = "N",
        description =
            "Untimed reports played first on a simulated clock (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(
        names = "--fifo",
        defaultValue = "10",
        paramLabel = "PRIO",
        description = {
          "Run the playing thread under SCHED_FIFO at this priority through chrt(1), as a replay",
          "on a busy machine needs (default ${DEFAULT-VALUE}; 0 stays SCHED_OTHER)."
        })
    int fifo;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
      if (fifo < 0 || fifo > 99) {
        throw new UsageException("--fifo must be 0 (off) or a priority 1..99, got " + fifo);
      }
      if (!(rate >= 1 && rate <= 10_000)) {
        throw new UsageException("--rate must be between 1 and 10000 Hz, got " + rate);
      }
      if (reports < 2 || reports > 1_000_000) {
        throw new UsageException("--reports must be between 2 and 1000000, got " + reports);
      }
      if (spinMicros < 0 || spinMicros > 1_000_000) {
        throw new UsageException("--spin-us must be between 0 and 1000000, got " + spinMicros);
      }
      if (warmup < 0 || warmup > 1_000_000) {
        throw new UsageException("--warmup must be between 0 and 1000000, got " + warmup);
      }
      ReplayBench.Result r =
          ReplayBench.run(new ReplayBench.Options(rate, reports, spinMicros, warmup, fifo));
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(Json.GSON.toJson(ReplayBench.toJson(r)));
      } else {
        ReplayBench.print(out, r);
      }
      out.flush();
      return 0;
    }
  }

  /**
   * "125,500,max" → [125, 500, 0].
   *
   * @throws UsageException naming the bad entry
   */
  static ImmutableList<Integer> parseRates(List<String> rates) {
    ImmutableList.Builder<Integer> out = ImmutableList.builder();
    for (String s : rates) {
      String t = s.strip();
      if (t.equalsIgnoreCase("max")) {
        out.add(0);
        continue;
      }
      int v;
      try {
        v = Integer.parseInt(t);
      } catch (NumberFormatException e) {
        throw new UsageException("--rates: \"" + t + "\" is neither a number of Hz nor 'max'");
      }
      if (v < 1 || v > 100_000) {
        throw new UsageException("--rates: " + v + " Hz is outside 1..100000");
      }
      out.add(v);
    }
    ImmutableList<Integer> l = out.build();
    if (l.isEmpty()) {
      throw new UsageException("--rates: no rate given");
    }
    return l;
  }

  static void print(PrintWriter out, NotifyBench.Result r) {
    out.println("hogrig bench notify: input reports, emulator send -> host evdev");
    out.println(
        "emulator ran  "
            + (r.inGuest()
                ? "in the lab guest (a JVM beside bluetoothd, unix-socket bus)"
                : "on the machine (JVM outside the lab guest)"));
    out.println("placement     " + r.placement());
    out.println("machine load  /proc/loadavg before: " + r.loadBefore());
    out.println("              /proc/loadavg after:  " + r.loadAfter());
    if (r.inGuest()) {
      out.println(
          "clock offset  none: send and evdev times are both the guest's CLOCK_REALTIME (± 0)");
    } else {
      out.printf(
          "clock offset  guest - machine (CLOCK_REALTIME) %s before, %s after, drift %+.1f ppm;"
              + " from %d ping round trips each through the lab's 9p share, min-RTT sample%n",
          offset(r.offsetBefore()),
          offset(r.offsetAfter()),
          r.driftPpm(),
          r.offsetBefore().samples());
    }
    out.printf(
        "evdev reader  %d SYN_DROPPED, %d frames without a benchmark move%n",
        r.synDropped(), r.foreignFrames());
    out.println();
    if (!r.acquireSteps().isEmpty()) {
      out.println(
          "path: AcquireNotify (GattApplication.notify -> write on the socket bluetoothd acquired"
              + " -> bluetoothd)");
      printSteps(out, r.acquireSteps());
      out.println();
    }
    out.println(
        "path: PropertiesChanged (GattApplication.notify -> D-Bus signal"
            + (r.inGuest() ? " on the guest's unix socket" : " over TCP into the guest")
            + " -> bluetoothd)");
    printSteps(out, r.steps());
    if (r.acquireSteps().isEmpty()) {
      out.println();
      out.println("path: AcquireNotify: " + r.acquireNotify());
    }
    out.println();
    out.println(
        "zero loss: "
            + (r.zeroLoss() ? "yes" : "NO")
            + " (every report sent produced exactly one evdev frame)");
  }

  private static void printSteps(PrintWriter out, List<NotifyBench.Step> steps) {
    out.printf(
        "  %-7s %6s %9s %5s %4s %8s %11s %8s %8s %8s %8s %8s%n",
        "rate",
        "sent",
        "delivered",
        "lost",
        "dup",
        "sent/s",
        "delivered/s",
        "p50 ms",
        "p90 ms",
        "p99 ms",
        "max ms",
        "± ms");
    for (NotifyBench.Step s : steps) {
      String lat;
      Percentiles p = s.latency();
      if (p == null) {
        lat = "no report arrived";
      } else if (!s.latencyMeaningful()) {
        lat =
            String.format(
                "not meaningful: offset ± %.2f ms >= p50 %.2f ms",
                s.offsetUncertaintyMicros() / 1e3, p.p50() / 1e3);
      } else {
        lat =
            String.format(
                "%8.2f %8.2f %8.2f %8.2f %8.2f",
                p.p50() / 1e3,
                p.p90() / 1e3,
                p.p99() / 1e3,
                p.max() / 1e3,
                s.offsetUncertaintyMicros() / 1e3);
      }
      out.printf(
          "  %-7s %6d %9d %5d %4d %8.1f %11.1f %s%n",
          s.requestedHz() == 0 ? "max" : s.requestedHz() + "Hz",
          s.sent(),
          s.delivered(),
          s.lost(),
          s.duplicated(),
          s.sentPerSecond(),
          s.deliveredPerSecond(),
          lat);
      if (!s.firstLost().isEmpty()) {
        out.println("          first lost sequence numbers: " + s.firstLost());
      }
    }
  }

  private static String offset(ClockOffset o) {
    return String.format("%+.3f ms ± %.3f ms", o.offsetMicros() / 1e3, o.uncertaintyMicros() / 1e3);
  }

  static Map<String, Object> toJson(NotifyBench.Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("emulatorRan", r.emulatorRan());
    m.put("placement", r.placement());
    m.put("bluez", r.bluezVersion());
    m.put("kernel", r.kernel());
    m.put("loadavgBefore", r.loadBefore());
    m.put("loadavgAfter", r.loadAfter());
    m.put("clockOffsetBefore", offsetJson(r.offsetBefore()));
    m.put("clockOffsetAfter", offsetJson(r.offsetAfter()));
    m.put("clockDriftPpm", r.driftPpm());
    m.put("synDropped", r.synDropped());
    m.put("foreignFrames", r.foreignFrames());
    m.put("zeroLoss", r.zeroLoss());
    Map<String, Object> pc = new LinkedHashMap<>();
    pc.put("available", true);
    pc.put("steps", stepsJson(r.steps()));
    Map<String, Object> an = new LinkedHashMap<>();
    if (r.acquireSteps().isEmpty()) {
      an.put("available", false);
      an.put("why", r.acquireNotify());
    } else {
      an.put("available", true);
      an.put("steps", stepsJson(r.acquireSteps()));
    }
    Map<String, Object> paths = new LinkedHashMap<>();
    paths.put("PropertiesChanged", pc);
    paths.put("AcquireNotify", an);
    m.put("paths", paths);
    return m;
  }

  private static List<Map<String, Object>> stepsJson(List<NotifyBench.Step> all) {
    List<Map<String, Object>> steps = new java.util.ArrayList<>();
    for (NotifyBench.Step s : all) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("rateHz", s.requestedHz() == 0 ? "max" : s.requestedHz());
      j.put("sent", s.sent());
      j.put("delivered", s.delivered());
      j.put("lost", s.lost());
      j.put("duplicated", s.duplicated());
      j.put("unexpected", s.unexpected());
      j.put("sentPerSecond", s.sentPerSecond());
      j.put("deliveredPerSecond", s.deliveredPerSecond());
      j.put("offsetUncertaintyMicros", s.offsetUncertaintyMicros());
      j.put("latencyMeaningful", s.latencyMeaningful());
      if (s.latency() != null) {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("n", s.latency().n());
        l.put("p50Micros", s.latency().p50());
        l.put("p90Micros", s.latency().p90());
        l.put("p99Micros", s.latency().p99());
        l.put("maxMicros", s.latency().max());
        j.put("latency", l);
      }
      j.put("firstLost", s.firstLost());
      steps.add(j);
    }
    return steps;
  }

  private static Map<String, Object> offsetJson(ClockOffset o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("offsetMicros", o.offsetMicros());
    m.put("uncertaintyMicros", o.uncertaintyMicros());
    m.put("samples", o.samples());
    return m;
  }
}
