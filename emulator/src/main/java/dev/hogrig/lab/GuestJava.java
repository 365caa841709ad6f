package dev.hogrig.lab;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A JVM process running <b>inside the lab guest</b>, for what cannot be done from the machine: a
 * file descriptor cannot cross the VM boundary, so an emulator that must hand bluetoothd a socket
 * (AcquireNotify) has to run next to it, on the guest's unix-socket system bus.
 *
 * <p>Nothing is copied: the guest's root is the machine's root (9p, read-only), so the machine's
 * JDK and this JVM's class path (the shaded {@code hogrig.jar}, or {@code target/classes} and the
 * jars in {@code ~/.m2} under Maven) are at the same paths in the guest; the class path is read
 * through {@link VirtualLab#GUEST_FRESH_ROOT}, a second, uncached view of that root, so a rebuild
 * on the machine is seen by the next guest JVM. Files live in {@code
 * lab.outputDir()/guest-java/NAME-N.*}:
 *
 * <pre>
 *   (NAME-N stands for NAME-PID-N: this JVM's PID and a counter)
 *   NAME-N.in    the JVM's standard input: {@link #send} appends lines on the machine; in the guest
 *                tail -f (polling, ---disable-inotify: inotify sees no writes made through 9p by
 *                the other side) feeds them through a FIFO
 *   NAME-N.out   standard output, read with {@link #lines()} / {@link #awaitLine}
 *   NAME-N.err   standard error
 *   NAME-N.pid   the JVM's PID in the guest ({@link #stop} signals exactly that process)
 *   NAME-N.exit  its exit status, once it has exited
 * </pre>
 *
 * The launcher is {@code setsid bash -c …} with all streams redirected, so the shell command that
 * started it returns at once and timeout(1) of the shell channel never reaps it (as {@link
 * InputEventStream} does with its recorder).
 *
 * <p>Cost: a JVM under TCG starts slowly (see docs/virtual-lab.md, "A JVM in the guest"); {@link
 * #timeJavaVersion} measures it. The guest has {@code LabOptions.memoryMb} (1024 by default) and
 * the JVM's default heap is a quarter of it.
 */
public final class GuestJava implements AutoCloseable {
  /**
   * JVM options that make start-up cheaper under TCG: C1 only (the C2 compiler threads would
   * compete with bluetoothd for the two vCPUs) and the serial collector (no parallel GC threads).
   */
  public static final ImmutableList<String> TCG_OPTIONS =
      ImmutableList.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k");

  private final VirtualLab lab;
  private final String name;
  private final Path base;
  private boolean closed;

  private GuestJava(VirtualLab lab, String name, Path base) {
    this.lab = lab;
    this.name = name;
    this.base = base;
  }

  /** The {@code java} executable of this JVM (the same path exists in the guest). */
  public static String thisJava() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /**
   * This JVM's class path: Surefire's {@code surefire.test.class.path} when run by Maven (its own
   * {@code java.class.path} is a manifest-only jar in a temporary directory), else {@code
   * java.class.path}.
   */
  public static String thisClassPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank()
        ? surefire
        : System.getProperty("java.class.path");
  }

  /**
   * {@code classPath} as the guest must read it: each entry under {@link
   * VirtualLab#GUEST_FRESH_ROOT}, the uncached view of the machine's root. The guest's own root is
   * mounted with 9p's loose cache (it makes the lab boot in half the time), so a class or jar the
   * guest has read once would stay as it was even after a rebuild on the machine; a lab left up by
   * {@code hogrig lab up} outlives many builds.
   */
  static String guestClassPath(String classPath) {
    StringBuilder out = new StringBuilder();
    for (String entry : classPath.split(java.io.File.pathSeparator)) {
      if (entry.isEmpty()) {
        continue;
      }
      if (out.length() > 0) {
        out.append(java.io.File.pathSeparatorChar);
      }
      Path abs = Path.of(entry).toAbsolutePath().normalize();
      out.append(VirtualLab.GUEST_FRESH_ROOT).append(abs);
    }
    return out.toString();
  }

  /**
   * Starts {@code mainClass} with {@code args} in the guest, with this JVM's java and class path
   * plus {@link #TCG_OPTIONS} and {@code jvmOptions}. Returns once the launcher runs (not once the
   * JVM is up: wait for its output with {@link #awaitLine}).
   *
   * @param name a short name for the files (letters, digits, '-')
   * @throws LabException when the launcher could not be started
   */
  public static GuestJava start(
      VirtualLab lab, String name, List<String> jvmOptions, String mainClass, List<String> args) {
    if (!name.matches("[A-Za-z0-9-]{1,40}")) {
      throw new IllegalArgumentException("name must be letters, digits and '-': " + name);
    }
    Path dir = lab.outputDir().resolve("guest-java");
    // The machine PID in the name: a lab left running by 'hogrig lab up' outlives the JVMs that
    // use it, and LabFiles.next() starts at 1 in each (a second bench run read the first run's
    // output and exit status before this).
    Path base = dir.resolve(name + "-" + ProcessHandle.current().pid() + "-" + LabFiles.next());
    try {
      Files.createDirectories(dir);
      for (String ext : List.of(".out", ".err", ".pid", ".exit")) {
        Files.deleteIfExists(Path.of(base + ext));
      }
      Files.writeString(Path.of(base + ".in"), "", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LabException("cannot create " + base + ".in: " + e, e);
    }
    String g = LabFiles.guestPath(lab, base);
    List<String> java = new ArrayList<>();
    java.add(thisJava());
    java.addAll(TCG_OPTIONS);
    java.addAll(jvmOptions);
    java.add("-cp");
    java.add(guestClassPath(thisClassPath()));
    java.add(mainClass);
    java.addAll(args);
    StringBuilder javaCmd = new StringBuilder();
    for (String a : java) {
      javaCmd.append(LabFiles.quote(a)).append(' ');
    }
    String fifo = "/tmp/hogrig-guest-java-" + base.getFileName() + ".fifo";
    String script =
        "mkfifo "
            + LabFiles.quote(fifo)
            + "; tail -n +1 ---disable-inotify -s 0.1 -f "
            + LabFiles.quote(g + ".in")
            + " > "
            + LabFiles.quote(fifo)
            + " & T=$!; "
            + javaCmd
            + " < "
            + LabFiles.quote(fifo)
            + " > "
            + LabFiles.quote(g + ".out")
            + " 2> "
            + LabFiles.quote(g + ".err")
            + " & J=$!; echo $J > "
            + LabFiles.quote(g + ".pid")
            + "; wait $J; echo $? > "
            + LabFiles.quote(g + ".exit")
            + "; kill $T; rm -f "
            + LabFiles.quote(fifo);
    String cmd = "setsid bash -c " + LabFiles.quote(script) + " </dev/null >/dev/null 2>&1 &";
    GuestShell.Result r = lab.shell().run(cmd, Duration.ofSeconds(30));
    if (!r.ok()) {
      throw new LabException("starting " + mainClass + " in the guest failed: " + r.output());
    }
    return new GuestJava(lab, name, base);
  }

  /**
   * Wall time of {@code java -version} with {@link #TCG_OPTIONS} in the guest, measured by the
   * guest's clock around the command (so without the shell channel's own round trip).
   */
  public static Duration timeJavaVersion(VirtualLab lab) {
    StringBuilder opts = new StringBuilder();
    for (String o : TCG_OPTIONS) {
      opts.append(LabFiles.quote(o)).append(' ');
    }
    GuestShell.Result r =
        lab.shell()
            .run(
                "a=$(date +%s%N); "
                    + LabFiles.quote(thisJava())
                    + " "
                    + opts
                    + "-version >/dev/null 2>&1; s=$?; b=$(date +%s%N); echo \"$s $((b - a))\"",
                Duration.ofSeconds(120));
    String[] f = r.output().strip().split("\\s+");
    if (!r.ok() || f.length != 2 || !"0".equals(f[0])) {
      throw new LabException("java -version in the guest failed: " + r.output());
    }
    return Duration.ofNanos(Long.parseLong(f[1]));
  }

  /** The complete lines the JVM has written to standard output so far. */
  public ImmutableList<String> lines() {
    String text = LabFiles.completeLines(Path.of(base + ".out"));
    return text.isEmpty() ? ImmutableList.of() : ImmutableList.copyOf(text.split("\n"));
  }

  /** What the JVM wrote to standard error so far. */
  public String stderr() {
    return LabFiles.completeLines(Path.of(base + ".err"));
  }

  /** The exit status, once the JVM has exited. */
  public Optional<Integer> exitCode() {
    String s = LabFiles.completeLines(Path.of(base + ".exit")).strip();
    return s.matches("\\d+") ? Optional.of(Integer.parseInt(s)) : Optional.empty();
  }

  /** Appends {@code line} to the JVM's standard input. */
  public void send(String line) {
    try {
      Files.writeString(
          Path.of(base + ".in"), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new LabException("cannot write to " + base + ".in: " + e, e);
    }
  }

  /**
   * Waits (polling the output file every 50 ms) for the first line of standard output that {@code
   * wanted} accepts.
   *
   * @throws LabException when none came within {@code timeout} or the JVM exited first; the message
   *     holds the last lines of its output and error
   */
  public String awaitLine(Predicate<String> wanted, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (String l : lines()) {
        if (wanted.test(l)) {
          return l;
        }
      }
      if (exitCode().isPresent() || System.nanoTime() > deadline) {
        ImmutableList<String> out = lines();
        throw new LabException(
            "guest JVM "
                + name
                + ": no "
                + what
                + (exitCode().isPresent()
                    ? " before it exited with " + exitCode().get()
                    : " within " + timeout)
                + "; last output: "
                + out.subList(Math.max(0, out.size() - 5), out.size())
                + "; stderr: "
                + tail(stderr()));
      }
      LabFiles.sleep(50, "waiting for the guest JVM's output");
    }
  }

  private static String tail(String s) {
    return s.length() <= 2000 ? s.strip() : "…" + s.substring(s.length() - 2000).strip();
  }

  /** The JVM's PID in the guest, once the launcher wrote it. */
  public Optional<Long> pid() {
    String s = LabFiles.completeLines(Path.of(base + ".pid")).strip();
    return s.matches("\\d+") ? Optional.of(Long.parseLong(s)) : Optional.empty();
  }

  /**
   * SIGTERM to the JVM (its shutdown hooks run) and waits up to {@code wait} for its exit status.
   *
   * @return the exit status, empty if it had not exited in time
   */
  public Optional<Integer> stop(Duration wait) {
    Optional<Long> pid = pid();
    if (pid.isPresent() && exitCode().isEmpty()) {
      lab.shell().run("kill -TERM " + pid.get() + " 2>/dev/null; true", Duration.ofSeconds(15));
    }
    long deadline = System.nanoTime() + wait.toNanos();
    while (exitCode().isEmpty() && System.nanoTime() < deadline) {
      LabFiles.sleep(100, "waiting for the guest JVM to exit");
    }
    return exitCode();
  }

  /** {@link #stop} with 30 s, then SIGKILL if it is still running. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (stop(Duration.ofSeconds(30)).isEmpty()) {
      pid()
          .ifPresent(
              p ->
                  lab.shell()
                      .run("kill -KILL " + p + " 2>/dev/null; true", Duration.ofSeconds(15)));
    }
  }

  /** The machine-side path of the files without extension ({@code …/guest-java/NAME-N}). */
  public Path files() {
    return base;
  }

  @Override
  public String toString() {
    return "GuestJava[" + name + ", " + base + "]";
  }
}
