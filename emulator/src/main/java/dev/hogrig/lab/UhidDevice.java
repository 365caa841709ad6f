package dev.hogrig.lab;

import com.google.common.collect.ImmutableList;
import dev.hogrig.util.Bytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A HID device made directly in the lab guest's kernel through {@code /dev/uhid}, without
 * Bluetooth: the reference against which the emulator's HOGP path is compared, and the way to test
 * the host observer ({@link HostInputDevices}, {@link InputEventStream}) on its own.
 *
 * <p>The guest runs {@code uhid-device.py} (python3 of the machine's root) in the background; it
 * sends {@code UHID_CREATE2}, answers the kernel's {@code UHID_GET_REPORT}/{@code UHID_SET_REPORT}
 * requests at once (hid-multitouch reads and writes feature reports during probe; uhid lets each
 * request wait up to 5 s for an answer), and logs every request. The JVM and the script talk
 * through files in the lab's shared output directory, so sending a report costs no shell round
 * trip:
 *
 * <pre>
 *  machine (JVM)                       outputDir/uhid/NAME-N.*        guest (python3)
 *  spec          -- write -----------> .conf  key=value          ---> read once
 *  input(bytes)  -- append ----------> .in    "input HEX" lines  ---> polled every 20 ms,
 *  close()       -- append ----------> .in    "destroy"                UHID_INPUT2 / UHID_DESTROY
 *  log()         <- read ------------- .log   "T KIND k=v ..."   <--- one line per uhid event
 *                                      .pid, .out (stderr)
 * </pre>
 *
 * The script ends on {@code destroy}, at {@link UhidSpec#maxLifetime()}, or when the guest powers
 * off; the kernel removes the HID device when the script's {@code /dev/uhid} descriptor closes.
 */
public final class UhidDevice implements AutoCloseable {
  private final VirtualLab lab;
  private final UhidSpec spec;
  private final Path base;
  private boolean closed;

  private UhidDevice(VirtualLab lab, UhidSpec spec, Path base) {
    this.lab = lab;
    this.spec = spec;
    this.base = base;
  }

  /**
   * Starts the device process in the guest (one shell round trip) and waits up to 90 s until it
   * sent {@code UHID_CREATE2}. The kernel then binds a driver and makes input devices on its own;
   * {@link #awaitBound} waits for that.
   *
   * @throws LabException when the process did not start or died (its stderr is in the message)
   */
  public static UhidDevice create(VirtualLab lab, UhidSpec spec) {
    return createAll(lab, List.of(spec)).get(0);
  }

  /**
   * As {@link #create} for several devices, started by one shell command so that the guest starts
   * their python processes side by side (python's start is the slow part under TCG: 3 to 14 s
   * measured).
   */
  public static ImmutableList<UhidDevice> createAll(VirtualLab lab, List<UhidSpec> specs) {
    Path dir = lab.outputDir().resolve("uhid");
    Path script = dir.resolve("uhid-device.py");
    try {
      Files.createDirectories(dir);
      Files.writeString(script, LabFiles.resource("uhid-device.py"));
    } catch (IOException e) {
      throw new LabException("cannot write the uhid device files under " + dir + ": " + e, e);
    }
    ImmutableList.Builder<UhidDevice> devices = ImmutableList.builder();
    StringBuilder cmd = new StringBuilder();
    for (UhidSpec spec : specs) {
      String safe = spec.name().replaceAll("[^A-Za-z0-9_.-]", "_");
      Path base = dir.resolve(safe + "-" + LabFiles.next());
      writeConf(spec, base);
      String g = LabFiles.guestPath(lab, base);
      // setsid and all streams redirected: see InputEventStream.start.
      cmd.append("setsid python3 ")
          .append(LabFiles.quote(LabFiles.guestPath(lab, script)))
          .append(' ')
          .append(LabFiles.quote(g))
          .append(" </dev/null >")
          .append(LabFiles.quote(g + ".out"))
          .append(" 2>&1 &\n");
      devices.add(new UhidDevice(lab, spec, base));
    }
    GuestShell.Result r = lab.shell().run(cmd.toString(), Duration.ofSeconds(30));
    if (!r.ok()) {
      throw new LabException("starting uhid devices failed: " + r.output());
    }
    ImmutableList<UhidDevice> out = devices.build();
    for (UhidDevice d : out) {
      d.await(e -> e.kind().equals("CREATED"), Duration.ofSeconds(90));
    }
    return out;
  }

  private static void writeConf(UhidSpec spec, Path base) {
    StringBuilder conf = new StringBuilder();
    conf.append("name=").append(spec.name()).append('\n');
    conf.append("phys=").append(spec.phys()).append('\n');
    conf.append("uniq=").append(spec.uniq()).append('\n');
    conf.append("bus=").append(spec.bus()).append('\n');
    conf.append("vendor=").append(spec.vendor()).append('\n');
    conf.append("product=").append(spec.product()).append('\n');
    conf.append("version=").append(spec.version()).append('\n');
    conf.append("country=").append(spec.country()).append('\n');
    conf.append("rdesc=").append(hex(spec.descriptor())).append('\n');
    for (Map.Entry<Integer, Bytes> f : spec.features().entrySet()) {
      conf.append("feature.").append(f.getKey()).append('=').append(hex(f.getValue())).append('\n');
    }
    conf.append("max_seconds=").append(Math.max(1, spec.maxLifetime().toSeconds())).append('\n');
    try {
      Files.writeString(path(base, ".conf"), conf.toString());
      Files.writeString(path(base, ".in"), "");
    } catch (IOException e) {
      throw new LabException("cannot write the uhid device files " + base + ".*: " + e, e);
    }
  }

  /** What the device was created with. */
  public UhidSpec spec() {
    return spec;
  }

  /**
   * Sends one input report ({@code UHID_INPUT2}): wire bytes, report ID first when the descriptor
   * numbers its reports ({@code ReportCodec.encode} gives exactly that).
   */
  public void input(Bytes wire) {
    if (wire.size() == 0 || wire.size() > 4096) {
      throw new LabException("uhid input report must be 1..4096 bytes, got " + wire.size());
    }
    command("input " + hex(wire));
  }

  /** Everything the device process logged so far (see {@link UhidEvent}). */
  public ImmutableList<UhidEvent> log() {
    String text = LabFiles.completeLines(path(base, ".log"));
    ImmutableList.Builder<UhidEvent> out = ImmutableList.builder();
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        out.add(UhidEvent.parse(lines[i], i + 1, path(base, ".log").toString()));
      }
    }
    return out.build();
  }

  /**
   * The feature and output requests the kernel made ({@code GET_REPORT}, {@code SET_REPORT}, {@code
   * OUTPUT}).
   */
  public ImmutableList<UhidEvent> requests() {
    return log().stream()
        .filter(
            e ->
                e.kind().equals("GET_REPORT")
                    || e.kind().equals("SET_REPORT")
                    || e.kind().equals("OUTPUT"))
        .collect(ImmutableList.toImmutableList());
  }

  /**
   * Waits until the log has an event matching {@code which}, for at most {@code timeout}.
   *
   * @throws LabException on timeout, or when the device process ended or failed first
   */
  public UhidEvent await(Predicate<UhidEvent> which, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      ImmutableList<UhidEvent> log = log();
      Optional<UhidEvent> hit = log.stream().filter(which).findFirst();
      if (hit.isPresent()) {
        return hit.get();
      }
      boolean ended = log.stream().anyMatch(e -> e.kind().equals("EXIT"));
      String err = LabFiles.completeLines(path(base, ".out"));
      if (ended || err.contains("Traceback") || System.nanoTime() > deadline) {
        throw new LabException(
            "uhid device "
                + spec.name()
                + (ended ? " ended" : err.isBlank() ? " timed out" : " failed")
                + " before the awaited event; log:\n"
                + LabFiles.completeLines(path(base, ".log"))
                + (err.isBlank() ? "" : "stderr:\n" + err));
      }
      LabFiles.sleep(50, "waiting for the uhid device");
    }
  }

  /**
   * Waits until the kernel bound a driver to this device and every input device it made has an
   * event node, and returns what {@link HostInputDevices} saw (one shell round trip per look). The
   * device is recognised by its {@link UhidSpec#uniq()}.
   */
  public HidDeviceInfo awaitBound(Duration timeout) {
    return HostInputDevices.await(
        lab.shell(),
        h ->
            h.uniq().equals(spec.uniq())
                && h.driver().isPresent()
                && !h.inputs().isEmpty()
                && h.inputs().stream().noneMatch(i -> i.eventNode().isEmpty()),
        timeout);
  }

  /** The device's files on the machine share this prefix ({@code .conf .in .log .out .pid}). */
  public Path basePath() {
    return base;
  }

  /**
   * Destroys the device ({@code UHID_DESTROY}) and waits up to 20 s for the process to end; if it
   * does not, kills it by its PID through the shell.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    command("destroy");
    try {
      await(e -> e.kind().equals("EXIT"), Duration.ofSeconds(20));
    } catch (LabException e) {
      String pid = LabFiles.completeLines(path(base, ".pid")).strip();
      if (pid.matches("\\d+")) {
        lab.shell().run("kill " + pid + " 2>/dev/null; true", Duration.ofSeconds(15));
      }
    }
  }

  private void command(String line) {
    if (closed && !line.equals("destroy")) {
      throw new LabException("uhid device " + spec.name() + " is closed");
    }
    try {
      Files.writeString(
          path(base, ".in"),
          line + "\n",
          StandardCharsets.US_ASCII,
          StandardOpenOption.APPEND,
          StandardOpenOption.CREATE);
    } catch (IOException e) {
      throw new LabException("cannot write to " + path(base, ".in") + ": " + e, e);
    }
  }

  private static Path path(Path base, String suffix) {
    return base.resolveSibling(base.getFileName() + suffix);
  }

  private static String hex(Bytes b) {
    return HexFormat.of().formatHex(b.toArray());
  }
}
