package dev.hogrig.cli;

import com.google.common.collect.ImmutableList;
import dev.hogrig.bluez.AcceptingAgentListener;
import dev.hogrig.bluez.Adapter;
import dev.hogrig.bluez.BluezConnection;
import dev.hogrig.bluez.BluezException;
import dev.hogrig.bluez.BluezPeripheral;
import dev.hogrig.bluez.Device;
import dev.hogrig.gatt.CharacteristicHandle;
import dev.hogrig.gatt.HidProfile;
import dev.hogrig.hid.ReportData;
import dev.hogrig.hid.ReportType;
import dev.hogrig.hid.Usages;
import dev.hogrig.lab.BenchStats;
import dev.hogrig.lab.BenchStats.ClockOffset;
import dev.hogrig.lab.BenchStats.Matching;
import dev.hogrig.lab.BenchStats.Move;
import dev.hogrig.lab.BenchStats.Percentiles;
import dev.hogrig.lab.BenchStats.Received;
import dev.hogrig.lab.Controller;
import dev.hogrig.lab.EventCode;
import dev.hogrig.lab.GuestJava;
import dev.hogrig.lab.GuestShell;
import dev.hogrig.lab.HidDeviceInfo;
import dev.hogrig.lab.HostInputDevices;
import dev.hogrig.lab.InputDeviceInfo;
import dev.hogrig.lab.InputEvent;
import dev.hogrig.lab.InputFrame;
import dev.hogrig.lab.LabException;
import dev.hogrig.lab.TimedEventRecorder;
import dev.hogrig.lab.VirtualLab;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The input-report benchmark behind {@code hogrig bench notify}: a {@link BluezPeripheral} with the
 * five-button mouse profile on the lab's first controller, the lab's second controller as the HOGP
 * host (BlueZ's input plugin → uhid → hid-generic → evdev in the guest kernel), N reports per rate
 * step, each carrying its sequence number in its pointer move ({@link Move}), recorded on the
 * host's evdev node with the kernel's CLOCK_REALTIME timestamps ({@link TimedEventRecorder}).
 *
 * <pre>
 *  machine JVM                                   lab guest (qemu, TCG)
 *  sendInput ─ PropertiesChanged(Value) ─D-Bus/TCP─▶ bluetoothd (hci1, peripheral)
 *   t_send = Instant.now()                            │ ATT notification, btvirt
 *                                                    bluetoothd (hci2, host) ─ UHID_INPUT2
 *                                                     │
 *                                                    hid-generic → evdev  t_evdev (guest clock)
 *  latency = t_evdev − offset − t_send,  offset = guest clock − machine clock (min-RTT ping)
 * </pre>
 *
 * For the run, the guest's bluetoothd is pinned to guest CPU 0, where the recorder runs under
 * SCHED_FIFO, so that the recorder reads each frame before the kernel's evdev buffer can overflow
 * (see {@link TimedEventRecorder#start}); the old affinity is restored afterwards. Both sides are
 * unpaired at the end, whatever happened, as the lab tests' cleanup does.
 *
 * <p>In {@link #run} the emulator runs on the machine, so only the PropertiesChanged path can be
 * measured: the AcquireNotify path hands the application a socket, which cannot cross from the
 * guest's bluetoothd to the machine's JVM (a file descriptor passed over D-Bus needs a unix socket
 * on the same kernel; the lab's bus is TCP), and {@code GattApplication} offers AcquireNotify only
 * where descriptors pass. {@code AcquireNotifyLabTest} proves that path with the emulator in the
 * guest, and {@link #runGuest} ({@code --placement guest}) measures both paths there.
 */
final class NotifyBench {
  static final String ACQUIRE_NOTIFY_UNAVAILABLE =
      "not available: with the emulator on the machine its bus into the guest is TCP, which"
          + " cannot pass the socket bluetoothd would hand over, so the emulator does not offer"
          + " AcquireNotify there (it does on a unix-socket bus: the lab proves that path with the"
          + " emulator inside the guest, AcquireNotifyLabTest). Measure it with --placement"
          + " guest.";

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration QUIET = Duration.ofSeconds(10);
  private static final String NAME = "RigBench";

  /**
   * @param reports reports per rate step
   * @param ratesHz the rate steps; 0 means as fast as {@code sendInput} returns
   * @param clockSamples clock round trips before and after the run
   */
  record Options(int reports, ImmutableList<Integer> ratesHz, int clockSamples) {}

  /**
   * One rate step.
   *
   * @param requestedHz 0 for "as fast as the path accepts"
   * @param sendSeconds from the first send to the last send returning, machine clock
   * @param deliveredPerSecond over the guest's evdev timestamps ({@link
   *     BenchStats#deliveredPerSecond})
   * @param latency null when no report arrived
   * @param offsetUncertaintyMicros the ± of every latency in this step
   * @param latencyMeaningful false when the offset uncertainty is not below the median latency
   */
  record Step(
      int requestedHz,
      int sent,
      double sendSeconds,
      int delivered,
      int lost,
      int duplicated,
      int unexpected,
      double deliveredPerSecond,
      Percentiles latency,
      long offsetUncertaintyMicros,
      boolean latencyMeaningful,
      ImmutableList<Integer> firstLost) {
    double sentPerSecond() {
      return sendSeconds <= 0 ? 0 : sent / sendSeconds;
    }

    boolean zeroLoss() {
      return lost == 0 && duplicated == 0 && unexpected == 0;
    }
  }

  /**
   * Everything the command prints.
   *
   * @param synDropped SYN_DROPPED events the recorder saw: the evdev client buffer overflowed, so
   *     frames were lost between the kernel and the recorder, not on the path measured
   * @param foreignFrames evdev frames that carried no benchmark move (none is expected)
   */
  record Result(
      String placement,
      String bluezVersion,
      String kernel,
      String loadBefore,
      String loadAfter,
      ClockOffset offsetBefore,
      ClockOffset offsetAfter,
      double driftPpm,
      ImmutableList<Step> steps,
      int synDropped,
      int foreignFrames,
      String acquireNotify,
      String emulatorRan,
      ImmutableList<Step> acquireSteps) {
    /** The machine placement: PropertiesChanged steps only, AcquireNotify explained. */
    Result(
        String placement,
        String bluezVersion,
        String kernel,
        String loadBefore,
        String loadAfter,
        ClockOffset offsetBefore,
        ClockOffset offsetAfter,
        double driftPpm,
        ImmutableList<Step> steps,
        int synDropped,
        int foreignFrames,
        String acquireNotify) {
      this(
          placement,
          bluezVersion,
          kernel,
          loadBefore,
          loadAfter,
          offsetBefore,
          offsetAfter,
          driftPpm,
          steps,
          synDropped,
          foreignFrames,
          acquireNotify,
          "machine",
          ImmutableList.of());
    }

    boolean zeroLoss() {
      return synDropped == 0
          && foreignFrames == 0
          && steps.stream().allMatch(Step::zeroLoss)
          && acquireSteps.stream().allMatch(Step::zeroLoss);
    }

    boolean inGuest() {
      return "guest".equals(emulatorRan);
    }
  }

  private NotifyBench() {}

  /** Runs the benchmark on a running lab; {@code log} gets progress lines. */
  static Result run(VirtualLab lab, Options o, PrintWriter log) {
    if (lab.controllers().size() < 2) {
      throw new LabException(
          "bench notify needs two usable lab controllers, the lab has " + lab.controllers());
    }
    Controller pc = lab.controllers().get(0);
    Controller hc = lab.controllers().get(1);
    String loadBefore = loadAvg();
    String kernel = lab.shell().run("uname -r", Duration.ofSeconds(30)).output().strip();
    String placement =
        "emulator: machine JVM, PropertiesChanged over D-Bus/TCP into the guest; host: lab guest,"
            + " BlueZ "
            + lab.bluezVersion()
            + ", kernel "
            + kernel;
    try (BluezConnection bluez = BluezConnection.open(lab.busAddress())) {
      Adapter pa = bluez.adapter(pc.name());
      Adapter ha = bluez.adapter(hc.name());
      try (BluezPeripheral p =
          BluezPeripheral.start(
              bluez,
              pa,
              HidProfile.mouse(),
              NAME,
              new AcceptingAgentListener(),
              Clock.systemUTC())) {
        CharacteristicHandle input = p.device().reportCharacteristic(ReportType.INPUT, 0);
        try {
          log.println("bench: pairing " + hc.name() + " (host) with " + pc.name() + " (emulator)");
          log.flush();
          // btvirt reports an advertiser once, at scan or advertising enable, and the kernel
          // drops the report it gets before its discovery is active: advertise anew once the
          // host is discovering (docs/virtual-lab.md, Known problems).
          ha.startLeDiscovery();
          Device d;
          try {
            until(ha::discovering, WAIT, "the host discovering");
            p.restartAdvertising();
            d = ha.awaitDeviceNamed(NAME, WAIT);
          } finally {
            ha.stopDiscovery();
          }
          d.pair(WAIT);
          d.connect(WAIT);
          until(() -> p.application().isNotifying(input), WAIT, "the host's StartNotify");
          HidDeviceInfo hid =
              HostInputDevices.await(
                  lab.shell(),
                  h ->
                      h.bus() == HidDeviceInfo.BUS_BLUETOOTH
                          && h.name().equals(NAME)
                          && h.input("").isPresent(),
                  WAIT);
          InputDeviceInfo in = hid.input("").orElseThrow();
          log.println("bench: host input device " + in.eventNode() + "; starting the recorder");
          log.flush();
          String affinity = pinBluetoothd(lab);
          try {
            return measure(lab, o, log, in.eventNode(), p, placement, kernel, loadBefore);
          } finally {
            restoreBluetoothd(lab, affinity);
          }
        } finally {
          dev.hogrig.bluez.Peers.forgetEachOther(
              pa, pc.address(), ha, hc.address(), Duration.ofSeconds(30));
        }
      }
    } catch (BluezException e) {
      throw new LabException("bench notify: " + e.getMessage(), e);
    }
  }

  /** How long the guest-side peer JVM may take to start under TCG (docs/virtual-lab.md). */
  private static final Duration GUEST_JVM_WAIT = Duration.ofMinutes(6);

  /**
   * {@code --placement guest}: the emulator and its sending loop run in a JVM inside the lab guest
   * ({@link NotifyBenchPeer} through {@link GuestJava}) on the guest's unix-socket bus, so
   * bluetoothd acquires a socket per host (AcquireNotify). The same session then measures each rate
   * step twice: through the socket, then with PropertiesChanged forced ({@code
   * GattApplication.forcePropertiesChanged}). Send and evdev times are both the guest's
   * CLOCK_REALTIME: no clock offset, no ± from it.
   */
  static Result runGuest(VirtualLab lab, Options o, PrintWriter log) {
    if (lab.controllers().size() < 2) {
      throw new LabException(
          "bench notify needs two usable lab controllers, the lab has " + lab.controllers());
    }
    Controller pc = lab.controllers().get(0);
    Controller hc = lab.controllers().get(1);
    String loadBefore = loadAvg();
    String kernel = lab.shell().run("uname -r", Duration.ofSeconds(30)).output().strip();
    try (BluezConnection bluez = BluezConnection.open(lab.busAddress())) {
      Adapter pa = bluez.adapter(pc.name());
      Adapter ha = bluez.adapter(hc.name());
      GuestJava peer = null;
      try {
        log.println("bench: starting the emulator in the guest (a JVM under TCG: minutes)");
        log.flush();
        // Discovery first: the peer's advertisement is then enabled while the host scans
        // (docs/virtual-lab.md, discovery race).
        ha.startLeDiscovery();
        Device d;
        String ready;
        try {
          until(ha::discovering, WAIT, "the host discovering");
          peer =
              GuestJava.start(
                  lab,
                  "bench-peer",
                  List.of(),
                  "dev.hogrig.cli.Main",
                  List.of("bench", "notify-peer", "--adapter", pc.name(), "--name", NAME));
          ready = peer.awaitLine(l -> l.startsWith("ready "), GUEST_JVM_WAIT, "ready line");
          d = awaitPeer(ha, peer);
        } finally {
          ha.stopDiscovery();
        }
        boolean offered = ready.contains("offered=true");
        log.println("bench: guest emulator " + ready + "; pairing");
        log.flush();
        d.pair(WAIT);
        d.connect(WAIT);
        String sub = peer.awaitLine(l -> l.startsWith("subscribed "), WAIT, "subscription");
        HidDeviceInfo hid =
            HostInputDevices.await(
                lab.shell(),
                h ->
                    h.bus() == HidDeviceInfo.BUS_BLUETOOTH
                        && h.name().equals(NAME)
                        && h.input("").isPresent(),
                WAIT);
        InputDeviceInfo in = hid.input("").orElseThrow();
        String placement =
            "emulator: guest JVM ("
                + String.join(" ", GuestJava.TCG_OPTIONS)
                + ") on the guest's unix-socket bus, host "
                + sub.substring("subscribed ".length())
                + "; host: lab guest, BlueZ "
                + lab.bluezVersion()
                + ", kernel "
                + kernel;
        log.println("bench: " + sub + "; host input device " + in.eventNode());
        log.flush();
        String affinity = pinBluetoothd(lab);
        try (TimedEventRecorder rec =
            TimedEventRecorder.start(lab, in.eventNode(), Duration.ofMinutes(30))) {
          int[] seq = {0};
          ImmutableList<Step> acquire =
              sub.startsWith("subscribed AcquireNotify") && offered
                  ? guestSteps(peer, rec, o, "AcquireNotify", seq, log)
                  : ImmutableList.of();
          ImmutableList<Step> signal = guestSteps(peer, rec, o, "PropertiesChanged", seq, log);
          ImmutableList<InputEvent> events = rec.events();
          int dropped = (int) events.stream().filter(e -> e.type() == 0 && e.code() == 3).count();
          List<Received> all = received(frames(events));
          ClockOffset none = new ClockOffset(0, 0, 0, 0);
          return new Result(
              placement,
              lab.bluezVersion(),
              kernel,
              loadBefore,
              loadAvg(),
              none,
              none,
              0,
              signal,
              dropped,
              (int) all.stream().filter(r -> r.seq() < 0).count(),
              acquire.isEmpty()
                  ? "not measured: the guest emulator "
                      + (offered ? "was subscribed through StartNotify" : "did not offer it")
                  : "",
              "guest",
              acquire);
        } finally {
          restoreBluetoothd(lab, affinity);
        }
      } finally {
        if (peer != null) {
          peer.send("quit");
          peer.close();
        }
        dev.hogrig.bluez.Peers.forgetEachOther(
            pa, pc.address(), ha, hc.address(), Duration.ofSeconds(30));
      }
    } catch (BluezException e) {
      throw new LabException("bench notify: " + e.getMessage(), e);
    }
  }

  /**
   * The guest peer's device object on the host. btvirt reports an advertiser once, at scan or
   * advertising enable, and the kernel can drop that one report (docs/virtual-lab.md, discovery
   * race; seen here once: no device in 60 s): after 20 s without it, the peer restarts its
   * advertisement while the host still scans, up to three times.
   */
  private static Device awaitPeer(Adapter host, GuestJava peer) {
    BluezException last = null;
    for (int attempt = 0; attempt < 4; attempt++) {
      if (attempt > 0) {
        peer.send("advertise"); // answered "advertising"; the host's device object is the proof
      }
      try {
        return host.awaitDeviceNamed(NAME, Duration.ofSeconds(20));
      } catch (BluezException e) {
        last = e;
      }
    }
    throw last;
  }

  /** Every rate step of {@code o} through {@code path}, sent by the guest peer. */
  private static ImmutableList<Step> guestSteps(
      GuestJava peer, TimedEventRecorder rec, Options o, String path, int[] seq, PrintWriter log) {
    ClockOffset none = new ClockOffset(0, 0, 0, 0);
    ImmutableList.Builder<Step> steps = ImmutableList.builder();
    for (int hz : o.ratesHz()) {
      int seq0 = seq[0];
      seq[0] += o.reports();
      peer.send("run " + path + " " + seq0 + " " + o.reports() + " " + hz);
      Duration bound =
          Duration.ofSeconds(120 + (hz > 0 ? (long) Math.ceil(o.reports() / (double) hz) : 0));
      String line = peer.awaitLine(l -> l.startsWith("sent " + seq0 + " "), bound, "sent line");
      String[] f = line.split(" ");
      long spanMicros = Long.parseLong(f[2]);
      Map<Integer, Long> sent = new LinkedHashMap<>();
      for (int i = 3; i < f.length; i++) {
        sent.put(seq0 + i - 3, Long.parseLong(f[i]));
      }
      awaitDelivery(rec, sent);
      List<Received> all = received(frames(rec.events()));
      steps.add(step(hz, sent, new long[] {0, spanMicros * 1000}, all, none, none));
      log.printf("bench: %s %s done%n", path, hz == 0 ? "max" : hz + " Hz");
      log.flush();
    }
    return steps.build();
  }

  /** The recorder, the clock offsets and the rate steps, on a paired and connected host. */
  private static Result measure(
      VirtualLab lab,
      Options o,
      PrintWriter log,
      String eventNode,
      BluezPeripheral p,
      String placement,
      String kernel,
      String loadBefore) {
    try (TimedEventRecorder rec =
        TimedEventRecorder.start(lab, eventNode, Duration.ofMinutes(30))) {
      ClockOffset before = BenchStats.offset(rec.clockSamples(o.clockSamples()));
      log.printf(
          "bench: clock offset before %+d µs ± %d µs%n",
          before.offsetMicros(), before.uncertaintyMicros());
      log.flush();
      List<Map<Integer, Long>> sends = new ArrayList<>();
      List<long[]> sendSpans = new ArrayList<>();
      int seq = 0;
      for (int hz : o.ratesHz()) {
        Map<Integer, Long> sent = new LinkedHashMap<>();
        long start = System.nanoTime();
        for (int i = 0; i < o.reports(); i++, seq++) {
          if (hz > 0) {
            long due = start + (long) (i * (1e9 / hz));
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
              java.util.concurrent.locks.LockSupport.parkNanos(Math.min(wait, 1_000_000));
            }
          }
          Move m = Move.of(seq);
          long t = TimedEventRecorder.micros(Instant.now());
          p.device()
              .sendInput(
                  ReportType.INPUT, 0, new ReportData().set(Usages.X, m.x()).set(Usages.Y, m.y()));
          sent.put(seq, t);
        }
        long end = System.nanoTime();
        sends.add(sent);
        sendSpans.add(new long[] {start, end});
        awaitDelivery(rec, sent);
        log.printf("bench: %s done%n", hz == 0 ? "max" : hz + " Hz");
        log.flush();
      }
      ClockOffset after = BenchStats.offset(rec.clockSamples(o.clockSamples()));
      log.printf(
          "bench: clock offset after %+d µs ± %d µs%n",
          after.offsetMicros(), after.uncertaintyMicros());
      log.flush();
      ImmutableList<InputEvent> events = rec.events();
      int dropped =
          (int)
              events.stream()
                  .filter(e -> e.type() == 0 && e.code() == 3) // SYN_DROPPED
                  .count();
      List<Received> all = received(frames(events));
      ImmutableList.Builder<Step> steps = ImmutableList.builder();
      for (int k = 0; k < sends.size(); k++) {
        Map<Integer, Long> sent = sends.get(k);
        long[] span = sendSpans.get(k);
        steps.add(step(o.ratesHz().get(k), sent, span, all, before, after));
      }
      double elapsedS = (after.machineMicros() - before.machineMicros()) / 1e6;
      double drift = elapsedS <= 0 ? 0 : (after.offsetMicros() - before.offsetMicros()) / elapsedS;
      return new Result(
          placement,
          lab.bluezVersion(),
          kernel,
          loadBefore,
          loadAvg(),
          before,
          after,
          drift,
          steps.build(),
          dropped,
          (int) all.stream().filter(r -> r.seq() < 0).count(),
          ACQUIRE_NOTIFY_UNAVAILABLE);
    }
  }

  private static Step step(
      int hz,
      Map<Integer, Long> sent,
      long[] span,
      List<Received> all,
      ClockOffset before,
      ClockOffset after) {
    List<Received> mine = new ArrayList<>();
    int lo = sent.keySet().stream().mapToInt(Integer::intValue).min().orElse(0);
    int hi = sent.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1);
    for (Received r : all) {
      if (r.seq() >= lo && r.seq() <= hi) {
        mine.add(r);
      }
    }
    long mid =
        (sent.values().stream().mapToLong(Long::longValue).min().orElse(0)
                + sent.values().stream().mapToLong(Long::longValue).max().orElse(0))
            / 2;
    ClockOffset off = BenchStats.interpolate(before, after, mid);
    Matching m = BenchStats.match(sent, mine, off);
    Percentiles lat =
        m.latenciesMicros().isEmpty() ? null : BenchStats.percentiles(m.latenciesMicros());
    boolean meaningful = lat != null && BenchStats.latencyMeaningful(lat, off.uncertaintyMicros());
    return new Step(
        hz,
        m.sent(),
        (span[1] - span[0]) / 1e9,
        m.delivered(),
        m.lost().size(),
        m.duplicated().size(),
        m.unexpected(),
        BenchStats.deliveredPerSecond(mine),
        lat,
        off.uncertaintyMicros(),
        meaningful,
        m.lost().subList(0, Math.min(10, m.lost().size())));
  }

  /** Frames that carry a benchmark move; other frames become sequence -1 (unexpected). */
  private static List<Received> received(List<InputFrame> frames) {
    EventCode relX = EventCode.of("REL_X");
    EventCode relY = EventCode.of("REL_Y");
    List<Received> out = new ArrayList<>();
    for (InputFrame f : frames) {
      List<Integer> x = f.values(relX);
      List<Integer> y = f.values(relY);
      int seq =
          x.size() == 1 && y.size() == 1 && f.events().size() == 2
              ? new Move(x.get(0), y.get(0)).seq()
              : -1;
      out.add(new Received(seq, f.timeMicros()));
    }
    return out;
  }

  /** Frame grouping of the recorder's events, SYN_DROPPED events left out of the frames. */
  private static ImmutableList<InputFrame> frames(List<InputEvent> events) {
    return dev.hogrig.lab.InputEventStream.frames(
        events.stream().filter(e -> !(e.type() == 0 && e.code() == 3)).toList());
  }

  /** Waits until every report of the step arrived, or nothing new came for {@link #QUIET}. */
  private static void awaitDelivery(TimedEventRecorder rec, Map<Integer, Long> sent) {
    int lo = sent.keySet().stream().mapToInt(Integer::intValue).min().orElse(0);
    int hi = sent.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1);
    int last = -1;
    long lastChange = System.nanoTime();
    while (true) {
      int got = 0;
      for (Received r : received(frames(rec.events()))) {
        if (r.seq() >= lo && r.seq() <= hi) {
          got++;
        }
      }
      if (got >= sent.size()) {
        return;
      }
      if (got != last) {
        last = got;
        lastChange = System.nanoTime();
      } else if (System.nanoTime() - lastChange > QUIET.toNanos()) {
        return;
      }
      sleep(50);
    }
  }

  /**
   * Pins every thread of the guest's bluetoothd (the one process that serves both controllers) to
   * guest CPU 0, where the recorder runs under SCHED_FIFO ({@link TimedEventRecorder#start}), so
   * that each uhid write wakes the recorder on the same CPU and it reads before the next write.
   * bluetoothd is single-threaded (one mainloop), so it loses only the freedom to migrate.
   *
   * @return bluetoothd's affinity mask before, for {@link #restoreBluetoothd}
   */
  private static String pinBluetoothd(VirtualLab lab) {
    GuestShell.Result r =
        lab.shell()
            .run(
                "p=$(pidof bluetoothd) && taskset -p \"$p\" | sed 's/.*: //'"
                    + " && taskset -a -p -c 0 \"$p\" >/dev/null",
                Duration.ofSeconds(30));
    if (!r.ok() || !r.output().strip().matches("[0-9a-fA-F]+")) {
      throw new LabException("bench notify: cannot pin bluetoothd to guest CPU 0: " + r.output());
    }
    return r.output().strip();
  }

  private static void restoreBluetoothd(VirtualLab lab, String mask) {
    lab.shell()
        .run(
            "taskset -a -p " + mask + " \"$(pidof bluetoothd)\" >/dev/null",
            Duration.ofSeconds(30));
  }

  /** The machine's /proc/loadavg (1, 5, 15 min load, runnable/total tasks, last PID). */
  static String loadAvg() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private static void until(BooleanSupplier done, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        if (done.getAsBoolean()) {
          return;
        }
      } catch (BluezException e) {
        // bluetoothd busy or the object going away: ask again.
      }
      if (System.nanoTime() > deadline) {
        throw new LabException(
            "bench notify: no " + what + " within " + timeout.toSeconds() + " s");
      }
      sleep(20);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LabException("bench notify interrupted", e);
    }
  }
}
