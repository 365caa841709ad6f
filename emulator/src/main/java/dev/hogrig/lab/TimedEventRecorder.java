package dev.hogrig.lab;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Records one evdev node of the lab guest with the kernel's absolute timestamps on the guest's
 * {@code CLOCK_REALTIME}, and measures that clock against the machine's, for latency figures that
 * span both ({@code hogrig bench notify}). {@link InputEventStream} cannot serve: evemu-record
 * prints times relative to its first event.
 *
 * <p>The guest runs {@code evdev-clock.py} (python3 of the machine's root) in the background; it
 * and the JVM talk through files in the lab's shared output directory ({@code
 * outputDir/bench/eventN-K.*}):
 *
 * <pre>
 *  machine (JVM)                          file       guest (python3)
 *  events(), frames()   <-- read -------- .ev        "sec.usec type code value" per event
 *  clockSamples(n)      --- append -----> .req       "fast", "ping N"..., "slow"; "quit"
 *                       <-- read -------- .resp      "ready realtime PID", "pong N sec.nsec"
 * </pre>
 *
 * A clock sample is one ping: the machine's {@code Instant.now()} (CLOCK_REALTIME, µs) before the
 * append, the guest's {@code clock_gettime(CLOCK_REALTIME)} when the script read the line, the
 * machine's clock once the answer is read back. The round trip is two 9p accesses and the script's
 * poll (0.2 ms while "fast"); {@link BenchStats#offset} turns the samples into an offset with its
 * bound.
 */
public final class TimedEventRecorder implements AutoCloseable {
  private static final Duration START = Duration.ofSeconds(90);

  private final VirtualLab lab;
  private final String eventNode;
  private final Path base;
  private final FileChannel req;
  private final FileChannel resp;
  private final StringBuilder respPending = new StringBuilder();
  private final List<String> respLines = new ArrayList<>();
  private int ping;
  private boolean closed;

  private TimedEventRecorder(
      VirtualLab lab, String eventNode, Path base, FileChannel req, FileChannel resp) {
    this.lab = lab;
    this.eventNode = eventNode;
    this.base = base;
    this.req = req;
    this.resp = resp;
  }

  /**
   * Starts recording {@code eventNode} ({@code /dev/input/event3} or {@code event3}) with {@code
   * CLOCK_REALTIME} timestamps and waits (up to 90 s: python starts slowly under TCG) until the
   * script has the node open.
   *
   * @param maxLifetime the script ends by itself after this long, should the JVM die
   * @throws LabException when the script did not start or could not open the node
   */
  public static TimedEventRecorder start(VirtualLab lab, String eventNode, Duration maxLifetime) {
    String node = eventNode.startsWith("/") ? eventNode : "/dev/input/" + eventNode;
    if (!node.matches("/dev/input/event\\d+")) {
      throw new LabException(
          "not an evdev node: \"" + eventNode + "\" (expected /dev/input/eventN)");
    }
    Path dir = lab.outputDir().resolve("bench");
    Path script = dir.resolve("evdev-clock.py");
    Path base = dir.resolve(node.substring("/dev/input/".length()) + "-" + LabFiles.next());
    FileChannel req;
    FileChannel resp;
    try {
      Files.createDirectories(dir);
      Files.writeString(script, LabFiles.resource("evdev-clock.py"));
      req =
          FileChannel.open(
              path(base, ".req"),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND);
      Files.writeString(path(base, ".resp"), "");
      resp = FileChannel.open(path(base, ".resp"), StandardOpenOption.READ);
    } catch (IOException e) {
      throw new LabException("cannot write the bench recorder files under " + dir + ": " + e, e);
    }
    String g = LabFiles.guestPath(lab, base);
    // setsid and all streams redirected: see InputEventStream.start. taskset -c 0 and chrt -f
    // (SCHED_FIFO): the recorder runs on guest CPU 0 the moment evdev wakes it, preempting the
    // writer there (bluetoothd, which NotifyBench pins to CPU 0 too). Without both (first two lab
    // runs, machine load 10-11 on 2 cores) bluetoothd wrote a burst of reports to uhid 20 µs
    // apart before the recorder got a CPU; the kernel's evdev client buffer (sized by
    // drivers/input/evdev.c evdev_compute_buffer_size; 43 frames of 3 events were lost twice)
    // overflowed and the kernel replaced them with SYN_DROPPED. The script always blocks, so it
    // cannot starve the guest.
    String cmd =
        "setsid taskset -c 0 chrt -f 50 python3 "
            + LabFiles.quote(LabFiles.guestPath(lab, script))
            + " "
            + LabFiles.quote(node)
            + " realtime "
            + LabFiles.quote(g)
            + " "
            + Math.max(1, maxLifetime.toSeconds())
            + " </dev/null >"
            + LabFiles.quote(g + ".out")
            + " 2>&1 &";
    GuestShell.Result r = lab.shell().run(cmd, Duration.ofSeconds(30));
    TimedEventRecorder rec = new TimedEventRecorder(lab, node, base, req, resp);
    if (!r.ok()) {
      rec.closeFiles();
      throw new LabException("starting evdev-clock.py on " + node + " failed: " + r.output());
    }
    try {
      String first = rec.awaitLine(l -> true, START);
      if (!first.startsWith("ready ")) {
        throw new LabException("evdev-clock.py on " + node + ": " + first);
      }
    } catch (LabException e) {
      rec.closeFiles();
      throw e;
    }
    return rec;
  }

  private static Path path(Path base, String suffix) {
    return base.resolveSibling(base.getFileName() + suffix);
  }

  /** The node recorded. */
  public String eventNode() {
    return eventNode;
  }

  /** The event file on the machine ({@code sec.usec type code value}, decimal). */
  public Path file() {
    return path(base, ".ev");
  }

  /** The events recorded so far, times on the guest's CLOCK_REALTIME. */
  public ImmutableList<InputEvent> events() {
    return parse(LabFiles.completeLines(file()));
  }

  /** The complete frames recorded so far (see {@link InputEventStream#frames(List)}). */
  public ImmutableList<InputFrame> frames() {
    return InputEventStream.frames(events());
  }

  /**
   * Parses the script's event lines.
   *
   * @throws LabException naming the line when one is malformed
   */
  public static ImmutableList<InputEvent> parse(String text) {
    ImmutableList.Builder<InputEvent> out = ImmutableList.builder();
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank()) {
        continue;
      }
      String[] w = line.strip().split(" ");
      try {
        int dot = w[0].indexOf('.');
        out.add(
            new InputEvent(
                Long.parseLong(w[0].substring(0, dot)),
                Integer.parseInt(w[0].substring(dot + 1)),
                Integer.parseInt(w[1]),
                Integer.parseInt(w[2]),
                Integer.parseInt(w[3])));
      } catch (RuntimeException e) {
        throw new LabException(
            "evdev event line "
                + (i + 1)
                + ": expected \"<sec>.<usec> <type> <code> <value>\", got: "
                + line);
      }
    }
    return out.build();
  }

  /**
   * Takes {@code n} clock round trips (see the class comment), switching the script to fast polling
   * for their duration.
   *
   * @throws LabException when a ping is not answered within 10 s
   */
  public synchronized ImmutableList<BenchStats.ClockSample> clockSamples(int n) {
    ImmutableList.Builder<BenchStats.ClockSample> out = ImmutableList.builder();
    send("fast");
    try {
      LabFiles.sleep(50, "letting the guest switch to fast polling");
      for (int i = 0; i < n; i++) {
        int id = ++ping;
        String prefix = "pong " + id + " ";
        long t0 = micros(Instant.now());
        send("ping " + id);
        String line = awaitLine(l -> l.startsWith(prefix), Duration.ofSeconds(10));
        long t1 = micros(Instant.now());
        String t = line.substring(prefix.length()).strip();
        int dot = t.indexOf('.');
        long guest =
            Long.parseLong(t.substring(0, dot)) * 1_000_000L
                + Long.parseLong(t.substring(dot + 1)) / 1000;
        out.add(new BenchStats.ClockSample(t0, guest, t1));
      }
    } finally {
      send("slow");
    }
    return out.build();
  }

  /** Microseconds since the epoch of an Instant of the system clock. */
  public static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
  }

  private void send(String line) {
    try {
      ByteBuffer b = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.US_ASCII));
      while (b.hasRemaining()) {
        req.write(b);
      }
    } catch (IOException e) {
      throw new LabException("cannot write " + path(base, ".req") + ": " + e, e);
    }
  }

  /** Spins on the response file until a line matches; lines read are consumed. */
  private String awaitLine(java.util.function.Predicate<String> which, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    ByteBuffer buf = ByteBuffer.allocate(8192);
    int spins = 0;
    while (true) {
      for (int i = 0; i < respLines.size(); i++) {
        String l = respLines.get(i);
        if (l.startsWith("error ")) {
          throw new LabException("evdev-clock.py on " + eventNode + ": " + l + output());
        }
        if (which.test(l)) {
          respLines.subList(0, i + 1).clear();
          return l;
        }
      }
      respLines.clear();
      try {
        buf.clear();
        int n = resp.read(buf);
        if (n > 0) {
          respPending.append(new String(buf.array(), 0, n, StandardCharsets.US_ASCII));
          int nl;
          while ((nl = respPending.indexOf("\n")) >= 0) {
            respLines.add(respPending.substring(0, nl));
            respPending.delete(0, nl + 1);
          }
          continue;
        }
      } catch (IOException e) {
        throw new LabException("cannot read " + path(base, ".resp") + ": " + e, e);
      }
      if (System.nanoTime() > deadline) {
        throw new LabException(
            "evdev-clock.py on "
                + eventNode
                + " did not answer within "
                + timeout.toMillis()
                + " ms"
                + output());
      }
      // Spin for the first few ms (a round trip is ~1 ms), then back off.
      LockSupport.parkNanos(++spins < 2000 ? 20_000 : 5_000_000);
    }
  }

  private String output() {
    String out = LabFiles.completeLines(path(base, ".out")).strip();
    return out.isEmpty() ? "" : " (script output: " + out + ")";
  }

  /** Tells the script to end; the files stay for inspection. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      send("quit");
    } catch (LabException e) {
      // The share is gone with the lab: nothing left to stop.
    }
    closeFiles();
  }

  private void closeFiles() {
    try {
      req.close();
      resp.close();
    } catch (IOException e) {
      // Closing read/append channels of local files: nothing to recover.
    }
  }

  @Override
  public String toString() {
    return "TimedEventRecorder[" + eventNode + ", " + base + ", lab " + lab.outputDir() + "]";
  }
}
