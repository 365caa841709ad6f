package dev.hogrig.lab;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The virtual lab: a qemu guest (software emulation, since nested KVM does not work on the
 * project's machines) that boots the machine's own Debian kernel and root file system, read-only
 * over virtio-9p, and runs real BlueZ daemons on btvirt's virtual LE controllers. The JVM stays on
 * the machine and reaches the guest through:
 *
 * <pre>
 *  machine                                   guest (10.0.2.15)
 *  127.0.0.1:{busPort} --qemu hostfwd------> dbus-daemon tcp:5555 (ANONYMOUS, allow-all policy)
 *  {tmp}/ctl.sock      --virtio-serial-----> hogrig.ctl port: GuestShell command loop
 *  {outputDir}         &lt;--9p (rw)---------- /run/hogrig-lab/out (btsnoop, daemon logs)
 *  /                   --9p (ro, cached)---> / (programs, libraries)
 *  /                   --9p (ro)-----------> /run/hogrig-lab/fresh (class paths for guest JVMs)
 *  {consoleLog}        &lt;--ttyS0------------ console: "HOGRIG-LAB READY controllers=..."
 * </pre>
 *
 * The user-mode network runs with {@code restrict=on}: the guest reaches nothing outside, and only
 * the machine's loopback reaches in. See docs/virtual-lab.md for the boot sequence.
 */
public final class VirtualLab implements AutoCloseable {
  /** Where the guest sees {@link #outputDir()}. */
  public static final String GUEST_OUTPUT_DIR = "/run/hogrig-lab/out";

  /**
   * Where the guest sees the machine's root a second time, read-only and without 9p caching. The
   * guest's own root ({@code /}) is mounted with {@code cache=loose}: programs and libraries are
   * then read ahead into the guest's page cache instead of 4 KiB page fault by page fault, which
   * halved the boot (docs/virtual-lab.md), but the guest never notices a file changed on the
   * machine once it has read it. Whatever may change while a lab runs (a class path rebuilt under a
   * lab left up by {@code hogrig lab up}) is read through this path instead.
   */
  public static final String GUEST_FRESH_ROOT = "/run/hogrig-lab/fresh";

  /** The guest's D-Bus TCP port (forwarded from a free port on the machine's 127.0.0.1). */
  public static final int GUEST_BUS_PORT = 5555;

  private static final String READY = "HOGRIG-LAB READY";
  private static final String FAILED = "HOGRIG-LAB FAILED";
  private static final int TAIL_LINES = 40;

  private final ProcessHandle qemu;
  private final Path runDir;
  private final Path outputDir;
  private final Path consoleLog;
  private final int busPort;
  private final ImmutableList<Controller> controllers;
  private final ImmutableList<String> failedControllers;
  private final String bluezVersion;
  private final Duration bootTime;
  private final GuestShell shell;
  private final Thread reaper;
  private final Optional<JavaRadio> radio;
  private boolean closed;

  private VirtualLab(
      ProcessHandle qemu,
      Path runDir,
      Path outputDir,
      Path consoleLog,
      int busPort,
      ImmutableList<Controller> controllers,
      ImmutableList<String> failedControllers,
      String bluezVersion,
      Duration bootTime,
      GuestShell shell,
      Thread reaper,
      Optional<JavaRadio> radio) {
    this.radio = radio;
    this.qemu = qemu;
    this.runDir = runDir;
    this.outputDir = outputDir;
    this.consoleLog = consoleLog;
    this.busPort = busPort;
    this.controllers = controllers;
    this.failedControllers = failedControllers;
    this.bluezVersion = bluezVersion;
    this.bootTime = bootTime;
    this.shell = shell;
    this.reaper = reaper;
  }

  /**
   * Builds (or reuses) the initramfs, boots the guest and waits for its readiness line. On failure
   * the qemu process is gone and the exception carries the console's tail.
   */
  public static VirtualLab start(LabOptions options) {
    String qemuBin = findOnPath("qemu-system-x86_64");
    String kernelVersion = options.kernelVersion().orElseGet(VirtualLab::newestKernel);
    Path kernel = Path.of("/boot", "vmlinuz-" + kernelVersion);
    if (!Files.isReadable(kernel)) {
      throw new LabException("kernel " + kernel + " is missing or unreadable (scripts/setup)");
    }
    options.bluez().ifPresent(VirtualLab::checkStagedBluez);
    Path busybox = Path.of(findOnPath("busybox"));
    Path initrd = InitramfsBuilder.build(kernelVersion, busybox, options.cacheDir());

    Path outputDir = options.outputDir().toAbsolutePath();
    Path runDir;
    try {
      Files.createDirectories(outputDir);
      // A short, private directory: unix socket paths are limited to 107 bytes.
      runDir =
          Files.createTempDirectory(
              "hogrig-lab-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new LabException("cannot create the lab's directories: " + e, e);
    }
    Path consoleLog = outputDir.resolve("console.log");
    Path ctlSocket = runDir.resolve("ctl.sock");
    int busPort = freeLoopbackPort();

    StringBuilder append =
        // no_timer_check: under heavy load TCG once failed the kernel's IO-APIC timer check
        // ("IO-APIC + timer doesn't work!") and panicked; the check proves nothing in a VM.
        new StringBuilder("console=ttyS0 quiet panic=-1 no_timer_check hogrig.controllers=")
            .append(options.controllers());
    if (options.bluetoothdDebug()) {
      append.append(" hogrig.btdebug=1");
    }
    boolean javaRadio =
        options.radio() == LabOptions.Radio.JAVA || options.radio() == LabOptions.Radio.JAVA_LL;
    if (javaRadio) {
      append.append(" hogrig.radio=java");
    }
    options.bluez().ifPresent(dir -> append.append(" hogrig.bluez=").append(dir.toAbsolutePath()));
    List<String> cmd =
        new ArrayList<>(
            List.of(
                qemuBin,
                "-accel",
                "tcg,thread=multi",
                "-cpu",
                "max",
                "-m",
                Integer.toString(options.memoryMb()),
                "-smp",
                Integer.toString(options.cpus()),
                "-display",
                "none",
                "-monitor",
                "none",
                "-chardev",
                "file,id=con,path=" + qemuPath(consoleLog),
                "-serial",
                "chardev:con",
                "-no-reboot",
                "-kernel",
                kernel.toString(),
                "-initrd",
                initrd.toString(),
                "-append",
                append.toString(),
                "-fsdev",
                "local,id=hostroot,path=/,readonly=on,security_model=none,multidevs=remap",
                "-device",
                "virtio-9p-pci,fsdev=hostroot,mount_tag=hostroot",
                "-fsdev",
                "local,id=freshroot,path=/,readonly=on,security_model=none,multidevs=remap",
                "-device",
                "virtio-9p-pci,fsdev=freshroot,mount_tag=freshroot",
                "-fsdev",
                "local,id=labout,path=" + qemuPath(outputDir) + ",security_model=none",
                "-device",
                "virtio-9p-pci,fsdev=labout,mount_tag=labout",
                "-netdev",
                "user,id=n0,restrict=on,hostfwd=tcp:127.0.0.1:" + busPort + "-:" + GUEST_BUS_PORT,
                "-device",
                "virtio-net-pci,netdev=n0,romfile=",
                "-device",
                "virtio-serial-pci",
                "-chardev",
                "socket,id=ctl,path=" + qemuPath(ctlSocket) + ",server=on,wait=off",
                "-device",
                "virtserialport,chardev=ctl,name=hogrig.ctl"));
    if (javaRadio) {
      // ttyS1 and ttyS2 (the console is ttyS0): the Java radio's H4 ports, see JavaRadio.
      List<Path> h4 = JavaRadio.sockets(runDir);
      for (int i = 0; i < h4.size(); i++) {
        cmd.addAll(
            List.of(
                "-chardev",
                "socket,id=h4p" + i + ",path=" + qemuPath(h4.get(i)) + ",server=on,wait=off",
                "-serial",
                "chardev:h4p" + i));
      }
    }
    ProcessBuilder pb = new ProcessBuilder(cmd);
    // The console goes to its own file chardev and qemu's own messages to qemu.log; stdin is
    // /dev/null, so a lab left running by `hogrig lab up` outlives the JVM that started it.
    pb.redirectErrorStream(true);
    pb.redirectOutput(outputDir.resolve("qemu.log").toFile());
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    long t0 = System.nanoTime();
    Process qemu;
    try {
      Files.writeString(outputDir.resolve("qemu.cmdline"), String.join(" ", cmd) + "\n");
      Files.deleteIfExists(consoleLog);
      qemu = pb.start();
    } catch (IOException e) {
      throw new LabException("cannot start " + qemuBin + ": " + e, e);
    }
    Process started = qemu;
    Thread reaper = new Thread(() -> started.destroyForcibly(), "hogrig-lab-reaper");
    Runtime.getRuntime().addShutdownHook(reaper);

    Optional<JavaRadio> radio = Optional.empty();
    String ready;
    try {
      if (javaRadio) {
        radio =
            Optional.of(
                JavaRadio.connect(
                    JavaRadio.sockets(runDir),
                    30_000,
                    options.radio() == LabOptions.Radio.JAVA_LL));
      }
      ready = awaitReadiness(qemu, consoleLog, options.readyTimeout());
    } catch (RuntimeException e) {
      radio.ifPresent(JavaRadio::close);
      kill(qemu.toHandle());
      removeHook(reaper);
      deleteQuietly(runDir);
      throw e;
    }
    Duration bootTime = Duration.ofNanos(System.nanoTime() - t0);
    ImmutableList<Controller> controllers = parseControllers(ready);
    GuestShell shell;
    try {
      shell = GuestShell.connect(ctlSocket);
    } catch (RuntimeException e) {
      radio.ifPresent(JavaRadio::close);
      kill(qemu.toHandle());
      removeHook(reaper);
      deleteQuietly(runDir);
      throw e;
    }
    return new VirtualLab(
        qemu.toHandle(),
        runDir,
        outputDir,
        consoleLog,
        busPort,
        controllers,
        parseFailed(ready),
        parseWord(ready, "bluez=").orElse("unknown"),
        bootTime,
        shell,
        reaper,
        radio);
  }

  /**
   * A staged BlueZ must be complete before we boot (a missing one would only show as "bluetoothd
   * exited" from inside the guest): its {@code MANIFEST} is written last by {@code
   * scripts/stage-bluez}, and its {@code bin/bluetoothd} is what the guest runs.
   */
  private static void checkStagedBluez(Path dir) {
    if (!Files.isRegularFile(dir.resolve("MANIFEST"))
        || !Files.isExecutable(dir.resolve("bin/bluetoothd"))) {
      throw new LabException(
          "no BlueZ is staged in "
              + dir
              + ": run scripts/setup (as root) or scripts/stage-bluez "
              + dir
              + "; or use the machine's BlueZ 5.66 (--bluez system), whose HOGP host drops"
              + " input reports");
    }
  }

  /** The guest's system bus as a D-Bus address, e.g. {@code tcp:host=127.0.0.1,port=40123}. */
  public String busAddress() {
    return "tcp:host=127.0.0.1,port=" + busPort;
  }

  /** The machine-side port forwarded to the guest's bus. */
  public int busPort() {
    return busPort;
  }

  /** The controllers that came up powered, in name order. */
  public ImmutableList<Controller> controllers() {
    return controllers;
  }

  /**
   * Controllers btvirt created that never came up, as the guest kernel logged them (under TCG the
   * first one, hci0, often fails its HCI_Reset with -110).
   */
  public ImmutableList<String> failedControllers() {
    return failedControllers;
  }

  /** The version bluetoothd printed in the guest ({@code bluetoothd --version}), e.g. "5.82". */
  public String bluezVersion() {
    return bluezVersion;
  }

  /**
   * The Java radio's controllers in port order (ttyS1, ttyS2), for counters and, later, the link
   * layer's controls; empty on btvirt ({@link LabOptions.Radio}).
   */
  public List<dev.hogrig.controller.VirtualController> radioControllers() {
    return radio.map(JavaRadio::controllers).orElse(List.of());
  }

  /** Runs commands in the guest. */
  public GuestShell shell() {
    return shell;
  }

  /** The machine directory the guest writes to (seen as {@link #GUEST_OUTPUT_DIR} inside). */
  public Path outputDir() {
    return outputDir;
  }

  /** The guest's serial console (and qemu's own messages). */
  public Path consoleLog() {
    return consoleLog;
  }

  /** From starting qemu to the readiness line. */
  public Duration bootTime() {
    return bootTime;
  }

  /** The qemu process id (for diagnostics). */
  public long pid() {
    return qemu.pid();
  }

  /**
   * Powers the guest off: asks it through the shell (btmon stops first so the capture is complete),
   * waits up to 20 s for qemu to exit, then kills the qemu process this lab started.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (qemu.isAlive()) {
        try {
          shell.fireAndForget("/run/hogrig-lab/shutdown.sh");
        } catch (LabException e) {
          // The guest is not listening: fall through to killing qemu.
        }
        waitForExit(qemu, Duration.ofSeconds(20));
      }
      kill(qemu);
    } finally {
      shell.close();
      radio.ifPresent(JavaRadio::close);
      if (reaper != null) {
        removeHook(reaper);
      }
      deleteQuietly(runDir);
      try {
        Files.deleteIfExists(outputDir.resolve(STATE_FILE));
      } catch (IOException e) {
        // A stale state file is harmless: attach() checks the process it names.
      }
    }
  }

  /** Name of the file {@link #detach()} writes in the output directory. */
  public static final String STATE_FILE = "lab.state";

  /**
   * Lets the guest outlive this JVM, as {@code hogrig lab up} needs: drops the shutdown hook that
   * would kill qemu, closes this JVM's side of the guest shell, and records in the output directory
   * what {@link #attach(Path)} needs to find the lab again. This handle is then spent.
   *
   * @return the state file
   */
  public synchronized Path detach() {
    if (closed) {
      throw new LabException("this lab handle is already closed or detached");
    }
    if (radio.isPresent()) {
      throw new LabException(
          "a lab on the Java radio cannot outlive this JVM: its controllers run here");
    }
    Path state = outputDir.resolve(STATE_FILE);
    java.util.Properties p = new java.util.Properties();
    p.setProperty("pid", Long.toString(qemu.pid()));
    p.setProperty(
        "started", qemu.info().startInstant().map(java.time.Instant::toString).orElse("unknown"));
    p.setProperty("busPort", Integer.toString(busPort));
    p.setProperty("runDir", runDir.toString());
    p.setProperty("outputDir", outputDir.toString());
    p.setProperty("consoleLog", consoleLog.toString());
    p.setProperty(
        "controllers",
        String.join(",", controllers.stream().map(c -> c.name() + "/" + c.address()).toList()));
    p.setProperty("dead", String.join(",", failedControllers));
    p.setProperty("bluez", bluezVersion);
    p.setProperty("bootMillis", Long.toString(bootTime.toMillis()));
    try (java.io.Writer w = Files.newBufferedWriter(state, StandardCharsets.UTF_8)) {
      p.store(w, "hogrig virtual lab left running by 'hogrig lab up'");
    } catch (IOException e) {
      throw new LabException("cannot write the lab state " + state + ": " + e, e);
    }
    closed = true;
    shell.close();
    if (reaper != null) {
      removeHook(reaper);
    }
    return state;
  }

  /**
   * Finds a lab that {@link #detach()} left running. Fails with a clear message when the state file
   * is missing or names a qemu process that is gone (a reused pid is told apart by its start time).
   * Closing the returned handle powers the guest off.
   */
  public static VirtualLab attach(Path stateFile) {
    java.util.Properties p = new java.util.Properties();
    try (java.io.Reader r = Files.newBufferedReader(stateFile, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new LabException("no lab is up (no " + stateFile + "); start one with 'hogrig lab up'");
    } catch (IOException e) {
      throw new LabException("cannot read the lab state " + stateFile + ": " + e, e);
    }
    try {
      long pid = Long.parseLong(p.getProperty("pid", ""));
      ProcessHandle qemu =
          ProcessHandle.of(pid)
              .filter(ProcessHandle::isAlive)
              .filter(
                  h ->
                      h.info()
                          .startInstant()
                          .map(java.time.Instant::toString)
                          .orElse("unknown")
                          .equals(p.getProperty("started")))
              .orElseThrow(
                  () ->
                      new LabException(
                          "the lab recorded in "
                              + stateFile
                              + " is not running (qemu pid "
                              + pid
                              + " is gone); start one with 'hogrig lab up'"));
      Path runDir = Path.of(p.getProperty("runDir"));
      String ready =
          "controllers=" + p.getProperty("controllers") + " dead=" + p.getProperty("dead", "");
      GuestShell shell = GuestShell.connect(runDir.resolve("ctl.sock"));
      return new VirtualLab(
          qemu,
          runDir,
          Path.of(p.getProperty("outputDir")),
          Path.of(p.getProperty("consoleLog")),
          Integer.parseInt(p.getProperty("busPort")),
          parseControllers(ready),
          parseFailed(ready),
          p.getProperty("bluez", "unknown"),
          Duration.ofMillis(Long.parseLong(p.getProperty("bootMillis"))),
          shell,
          null,
          Optional.empty());
    } catch (NumberFormatException | NullPointerException e) {
      throw new LabException("the lab state " + stateFile + " is damaged: " + e.getMessage(), e);
    }
  }

  /** True while the qemu process of this lab runs. */
  public boolean isRunning() {
    return qemu.isAlive();
  }

  private static void waitForExit(ProcessHandle p, Duration timeout) {
    try {
      p.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // Still running: the caller kills it.
    }
  }

  private static String awaitReadiness(Process qemu, Path consoleLog, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long offset = 0;
    StringBuilder partial = new StringBuilder();
    while (true) {
      // qemu creates the console file itself, a moment after it starts.
      try (RandomAccessFile f =
          Files.exists(consoleLog) ? new RandomAccessFile(consoleLog.toFile(), "r") : null) {
        if (f != null && f.length() > offset) {
          f.seek(offset);
          byte[] b = new byte[(int) Math.min(f.length() - offset, 1 << 20)];
          f.readFully(b);
          offset += b.length;
          partial.append(new String(b, StandardCharsets.UTF_8));
          int nl;
          while ((nl = partial.indexOf("\n")) >= 0) {
            String line = partial.substring(0, nl).replace("\r", "").trim();
            partial.delete(0, nl + 1);
            // Not startsWith: the firmware's terminal escapes (ESC c) can share the line.
            int ready = line.indexOf(READY);
            if (ready >= 0) {
              return line.substring(ready);
            }
            int failed = line.indexOf(FAILED);
            if (failed >= 0) {
              throw new LabException(
                  "the lab guest failed: " + line.substring(failed) + "\n" + tail(consoleLog));
            }
          }
        }
      } catch (IOException e) {
        throw new LabException("cannot read the console log " + consoleLog + ": " + e, e);
      }
      if (!qemu.isAlive()) {
        throw new LabException(
            "qemu exited with status "
                + qemu.exitValue()
                + " before the lab was ready; qemu said:\n"
                + tail(consoleLog.resolveSibling("qemu.log"))
                + "\nconsole tail:\n"
                + tail(consoleLog));
      }
      if (System.nanoTime() > deadline) {
        throw new LabException(
            "the lab guest was not ready within "
                + timeout.toSeconds()
                + " s; console tail:\n"
                + tail(consoleLog));
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LabException("interrupted while waiting for the lab guest", e);
      }
    }
  }

  /** Parses {@code HOGRIG-LAB READY controllers=hci1/00:AA:01:01:00:01,hci2/... dead=hci0}. */
  static ImmutableList<Controller> parseControllers(String readyLine) {
    ImmutableList.Builder<Controller> out = ImmutableList.builder();
    for (String word : readyLine.split("\\s+")) {
      if (!word.startsWith("controllers=")) {
        continue;
      }
      for (String c : word.substring("controllers=".length()).split(",")) {
        int slash = c.indexOf('/');
        if (slash > 0) {
          out.add(new Controller(c.substring(0, slash), c.substring(slash + 1)));
        }
      }
    }
    ImmutableList<Controller> list = out.build();
    if (list.isEmpty()) {
      throw new LabException("readiness line names no controller: " + readyLine);
    }
    return ImmutableList.sortedCopyOf(
        Comparator.comparingInt((Controller c) -> index(c.name())), list);
  }

  /** The value of the first {@code key=value} word of the readiness line that has {@code key}. */
  static java.util.Optional<String> parseWord(String readyLine, String key) {
    for (String word : readyLine.split("\\s+")) {
      if (word.startsWith(key) && word.length() > key.length()) {
        return java.util.Optional.of(word.substring(key.length()));
      }
    }
    return java.util.Optional.empty();
  }

  /** The {@code dead=hci0,...} part of the readiness line (empty when all came up). */
  static ImmutableList<String> parseFailed(String readyLine) {
    for (String word : readyLine.split("\\s+")) {
      if (word.startsWith("dead=") && word.length() > "dead=".length()) {
        return ImmutableList.copyOf(word.substring("dead=".length()).split(","));
      }
    }
    return ImmutableList.of();
  }

  private static int index(String hci) {
    try {
      return Integer.parseInt(hci.replaceAll("\\D", ""));
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }

  static String tail(Path log) {
    try {
      List<String> lines =
          Files.readString(log, StandardCharsets.UTF_8).replace("\r", "").lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    } catch (IOException | java.io.UncheckedIOException e) {
      return "(console log unreadable: " + e + ")";
    }
  }

  private static void kill(ProcessHandle p) {
    if (!p.isAlive()) {
      return;
    }
    p.destroy();
    waitForExit(p, Duration.ofSeconds(5));
    if (p.isAlive()) {
      p.destroyForcibly();
      waitForExit(p, Duration.ofSeconds(5));
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down; the hook runs anyway.
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temp directory
    }
  }

  private static int freeLoopbackPort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new LabException("no free port on 127.0.0.1: " + e, e);
    }
  }

  /** qemu option values are comma-separated: a comma in a path must be doubled. */
  private static String qemuPath(Path p) {
    return p.toString().replace(",", ",,");
  }

  static String findOnPath(String program) {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
    for (String dir : (path + ":/usr/sbin:/sbin:/usr/bin:/bin").split(":")) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, program);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    throw new LabException(program + " not found on PATH; run scripts/setup as root");
  }

  /** The newest kernel in /boot that also has its modules in /lib/modules. */
  static String newestKernel() {
    try (Stream<Path> s = Files.list(Path.of("/boot"))) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("vmlinuz-"))
          .map(n -> n.substring("vmlinuz-".length()))
          .filter(v -> Files.isDirectory(Path.of("/lib/modules", v)))
          .max(VirtualLab::compareVersions)
          .orElseThrow(
              () ->
                  new LabException(
                      "no /boot/vmlinuz-* with matching /lib/modules; install linux-image-amd64"
                          + " (scripts/setup)"));
    } catch (IOException e) {
      throw new LabException("cannot list /boot: " + e, e);
    }
  }

  static int compareVersions(String a, String b) {
    String[] x = a.split("[.-]");
    String[] y = b.split("[.-]");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c;
      if (x[i].matches("\\d+") && y[i].matches("\\d+")) {
        c = Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i]));
      } else {
        c = x[i].compareTo(y[i]);
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }
}
