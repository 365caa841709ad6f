package dev.hogrig.lab;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Records the evdev events of one input device in the lab guest: what user space receives from the
 * kernel after it processed the peripheral's HID reports.
 *
 * <p>The guest runs {@code evemu-record /dev/input/eventN} in the background with its output in the
 * lab's shared output directory, so the JVM reads the events straight from {@link #file()} without
 * a shell round trip. evemu-record first prints the device description, then a "Waiting for events"
 * banner, then one line per event (evemu's format 1.3), flushed as it goes:
 *
 * <pre>
 *  E: 0.000001 0001 001e 0001	# EV_KEY / KEY_A                1
 *  E: 0.000001 0000 0000 0000	# ------------ SYN_REPORT (0) ---------- +0ms
 *     |sec.usec |type|code|value (decimal, zero-padded, "-001" for -1)
 * </pre>
 *
 * Times are relative to the first event evemu-record saw (it subtracts that event's time), so they
 * give intervals between events, not a clock shared with the JVM.
 *
 * <p>{@link #start} returns once the banner is in the file: events from then on are recorded.
 * {@link #events()} and {@link #frames()} are snapshots that can be polled (Awaitility) or waited
 * for with {@link #awaitFrames}. {@link #close()} kills the recorder by the PID it wrote.
 */
public final class InputEventStream implements AutoCloseable {
  private static final String BANNER = "Waiting for events";

  private final VirtualLab lab;
  private final String eventNode;
  private final Path file;
  private final Path pidFile;
  private boolean closed;

  private InputEventStream(VirtualLab lab, String eventNode, Path file, Path pidFile) {
    this.lab = lab;
    this.eventNode = eventNode;
    this.file = file;
    this.pidFile = pidFile;
  }

  /**
   * Starts recording {@code eventNode} ({@code /dev/input/event3} or {@code event3}) and waits up
   * to 30 s until the recorder listens.
   *
   * @throws LabException when the recorder did not start (its stderr is in the message)
   */
  public static InputEventStream start(VirtualLab lab, String eventNode) {
    String node = eventNode.startsWith("/") ? eventNode : "/dev/input/" + eventNode;
    if (!node.matches("/dev/input/event\\d+")) {
      throw new LabException(
          "not an evdev node: \"" + eventNode + "\" (expected /dev/input/eventN)");
    }
    Path dir = lab.outputDir().resolve("evdev");
    String base = node.substring("/dev/input/".length()) + "-" + LabFiles.next();
    Path file = dir.resolve(base + ".evemu");
    Path pid = dir.resolve(base + ".pid");
    Path err = dir.resolve(base + ".err");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new LabException("cannot create " + dir + ": " + e, e);
    }
    String g = LabFiles.guestPath(lab, dir) + "/" + base;
    // setsid: out of the shell command's process group, so timeout(1) never reaps it; all three
    // standard streams redirected, so it never writes to the shell's serial port. stdbuf -o0:
    // evemu-record's stdout is a file, so stdio would hold the description and banner in its
    // buffer until the first event (seen: the banner never arrived while no event came).
    String cmd =
        "setsid sh -c 'echo $$ > \"$0.pid\"; exec stdbuf -o0 evemu-record \"$1\"' "
            + LabFiles.quote(g)
            + " "
            + LabFiles.quote(node)
            + " </dev/null >"
            + LabFiles.quote(g + ".evemu")
            + " 2>"
            + LabFiles.quote(g + ".err")
            + " &";
    GuestShell.Result r = lab.shell().run(cmd, Duration.ofSeconds(30));
    if (!r.ok()) {
      throw new LabException("starting evemu-record on " + node + " failed: " + r.output());
    }
    InputEventStream s = new InputEventStream(lab, node, file, pid);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!LabFiles.completeLines(file).contains(BANNER)) {
      String errors = LabFiles.completeLines(err);
      if (!errors.isBlank()) {
        throw new LabException("evemu-record " + node + " failed: " + errors.strip());
      }
      if (System.nanoTime() > deadline) {
        throw new LabException(
            "evemu-record " + node + " did not start listening within 30 s (" + file + ")");
      }
      LabFiles.sleep(50, "waiting for evemu-record");
    }
    return s;
  }

  /** The evdev node recorded, e.g. {@code /dev/input/event3}. */
  public String eventNode() {
    return eventNode;
  }

  /** The recording on the machine (evemu format; the guest writes it). */
  public Path file() {
    return file;
  }

  /** The events recorded so far, in order. */
  public ImmutableList<InputEvent> events() {
    return parse(LabFiles.completeLines(file));
  }

  /** The complete frames (ended by SYN_REPORT) recorded so far, in order. */
  public ImmutableList<InputFrame> frames() {
    return frames(events());
  }

  /**
   * Waits until at least {@code n} frames are recorded, for at most {@code timeout}, and returns
   * all frames recorded by then.
   *
   * @throws LabException on timeout, listing the frames that did arrive
   */
  public ImmutableList<InputFrame> awaitFrames(int n, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      ImmutableList<InputFrame> f = frames();
      if (f.size() >= n) {
        return f;
      }
      if (System.nanoTime() > deadline) {
        throw new LabException(
            "expected "
                + n
                + " evdev frames from "
                + eventNode
                + " within "
                + timeout.toMillis()
                + " ms, got "
                + f.size()
                + ": "
                + f);
      }
      LabFiles.sleep(20, "waiting for evdev frames");
    }
  }

  /**
   * Parses the event lines of an evemu recording ({@code E: sec.usec type code value}); other lines
   * (description, comments) are skipped.
   *
   * @throws LabException naming the line when an {@code E:} line is malformed
   */
  public static ImmutableList<InputEvent> parse(String evemu) {
    ImmutableList.Builder<InputEvent> out = ImmutableList.builder();
    String[] lines = evemu.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (!line.startsWith("E:")) {
        continue;
      }
      int hash = line.indexOf('#');
      String[] w = (hash < 0 ? line : line.substring(0, hash)).substring(2).strip().split("\\s+");
      try {
        String[] t = w[0].split("\\.");
        long sec = Long.parseLong(t[0]);
        int usec = Integer.parseInt(t[1]);
        out.add(
            new InputEvent(
                sec,
                usec,
                Integer.parseInt(w[1], 16),
                Integer.parseInt(w[2], 16),
                Integer.parseInt(w[3])));
      } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
        throw new LabException(
            "evemu recording line "
                + (i + 1)
                + ": expected \"E: <sec>.<usec> <type hex> <code hex> <value>\", got: "
                + line);
      }
    }
    return out.build();
  }

  /** Groups events into frames at each SYN_REPORT; events after the last one are left out. */
  public static ImmutableList<InputFrame> frames(List<InputEvent> events) {
    ImmutableList.Builder<InputFrame> out = ImmutableList.builder();
    List<InputEvent> current = new ArrayList<>();
    for (InputEvent e : events) {
      if (e.is(EventCode.SYN_REPORT)) {
        out.add(new InputFrame(ImmutableList.copyOf(current), e.sec(), e.usec()));
        current.clear();
      } else {
        current.add(e);
      }
    }
    return out.build();
  }

  /** The description evemu-record printed before its events (evemu-describe's format). */
  public String description() {
    String text = LabFiles.completeLines(file);
    int at = text.indexOf(BANNER);
    return at < 0 ? text : text.substring(0, text.lastIndexOf('\n', at) + 1);
  }

  /**
   * Stops the recorder (SIGTERM to the PID it wrote; it is already gone when its device was
   * destroyed). The file stays for inspection.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    String pid;
    try {
      pid = Files.readString(pidFile, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      return;
    }
    if (pid.matches("\\d+")) {
      lab.shell().run("kill " + pid + " 2>/dev/null; true", Duration.ofSeconds(15));
    }
  }
}
