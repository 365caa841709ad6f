package dev.hogrig.lab;

import com.google.common.collect.ImmutableList;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Stops and starts the lab guest's bluetoothd exactly as the guest started it: the command line is
 * read from {@code /proc/<pid>/cmdline} (guest.sh runs {@code /opt/hogrig/bluez-5.82/bin/bluetoothd
 * -n -E -f /run/hogrig-lab/bluetooth-main.conf}, with {@code -d} when the lab was booted with
 * btdebug) and its output goes on to the same file as before ({@code /proc/<pid>/fd/1}, the lab's
 * {@code bluetoothd.log}), appended.
 *
 * <p>{@link #withConfig} starts it with another configuration file instead, for a scenario that
 * needs the host stack configured otherwise (e.g. {@code [GATT] ExchangeMTU = 23}). In the lab one
 * bluetoothd serves both the peripheral's and the host's controllers, so such a setting applies to
 * both sides.
 */
public final class GuestBluetoothd {
  /** How the running bluetoothd was started: its argv and the file its stdout went to. */
  public record Daemon(ImmutableList<String> argv, String log) {}

  private static final Duration SHELL = Duration.ofSeconds(30);

  private GuestBluetoothd() {}

  /** The running bluetoothd's command line and log file. */
  public static Daemon running(VirtualLab lab) {
    GuestShell.Result r =
        lab.shell()
            .run(
                "pid=$(pgrep -xo bluetoothd) || exit 3; tr '\\0' '\\n' </proc/$pid/cmdline;"
                    + " echo; echo \"LOG=$(readlink /proc/$pid/fd/1)\"",
                SHELL);
    if (!r.ok()) {
      throw new IllegalStateException("no bluetoothd in the guest: " + r);
    }
    List<String> argv = new ArrayList<>();
    String log = null;
    for (String line : r.output().split("\n")) {
      if (line.startsWith("LOG=")) {
        log = line.substring(4).trim();
      } else if (!line.isEmpty()) {
        argv.add(line);
      }
    }
    if (argv.isEmpty() || log == null || log.isEmpty()) {
      throw new IllegalStateException("cannot read bluetoothd's command line: " + r.output());
    }
    return new Daemon(ImmutableList.copyOf(argv), log);
  }

  public static boolean isRunning(VirtualLab lab) {
    return lab.shell().run("pgrep -x bluetoothd", SHELL).ok();
  }

  /**
   * SIGTERM, as systemd would stop it, and waits (20 s at most) until it exited. bluetoothd powers
   * its adapters down first and exits when the last one reports off (src/main.c, adapter.c {@code
   * adapter_shutdown}).
   */
  public static void stop(VirtualLab lab) {
    stop(lab, "TERM");
  }

  /** Sends {@code signal} ({@code TERM}, {@code KILL}) and waits (20 s at most) for the exit. */
  public static void stop(VirtualLab lab, String signal) {
    GuestShell.Result r =
        lab.shell()
            .run(
                "pid=$(pgrep -xo bluetoothd) || exit 0; kill -"
                    + signal
                    + " $pid;"
                    + " for i in $(seq 200); do kill -0 $pid 2>/dev/null || exit 0; sleep 0.1;"
                    + " done; exit 1",
                SHELL);
    if (!r.ok()) {
      throw new IllegalStateException(
          "bluetoothd did not exit within 20 s of SIG" + signal + ": " + r);
    }
  }

  /**
   * Starts {@code d} again, detached from the shell's command (its own session; the control
   * channel's descriptors 3 and 4 closed), appending to the same log.
   */
  public static void start(VirtualLab lab, Daemon d) {
    StringBuilder cmd = new StringBuilder("setsid");
    for (String a : d.argv()) {
      cmd.append(" '").append(a.replace("'", "'\\''")).append('\'');
    }
    String log = "'" + d.log().replace("'", "'\\''") + "'";
    cmd.append(" >>").append(log).append(" 2>&1 </dev/null 3>&- 4>&- &");
    cmd.append(" sleep 0.5; pgrep -x bluetoothd");
    GuestShell.Result r = lab.shell().run(cmd.toString(), SHELL);
    if (!r.ok()) {
      throw new IllegalStateException("bluetoothd did not start again: " + r);
    }
  }

  /** Starts {@code d} if no bluetoothd runs (cleanup after a failed test). */
  public static void ensureRunning(VirtualLab lab, Daemon d) {
    if (!isRunning(lab)) {
      start(lab, d);
    }
  }

  /**
   * {@code d} with its {@code -f} configuration replaced by {@code conf}, written into the lab's
   * output folder as {@code NAME.conf} (where the guest reads it, and where it stays as evidence).
   * The text is a whole main.conf; {@link #labConfig()} is the lab's own to start from.
   *
   * @param name letters, digits and '-'
   */
  public static Daemon withConfig(VirtualLab lab, Daemon d, String name, String conf) {
    if (!name.matches("[A-Za-z0-9-]{1,40}")) {
      throw new IllegalArgumentException("name must be letters, digits and '-': " + name);
    }
    java.nio.file.Path file = lab.outputDir().resolve(name + ".conf");
    try {
      java.nio.file.Files.writeString(file, conf, java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new LabException("cannot write " + file + ": " + e, e);
    }
    List<String> argv = new ArrayList<>();
    boolean replaced = false;
    for (int i = 0; i < d.argv().size(); i++) {
      String a = d.argv().get(i);
      if (a.equals("-f") && i + 1 < d.argv().size()) {
        argv.add("-f");
        argv.add(LabFiles.guestPath(lab, file));
        i++;
        replaced = true;
      } else {
        argv.add(a);
      }
    }
    if (!replaced) {
      argv.add("-f");
      argv.add(LabFiles.guestPath(lab, file));
    }
    return new Daemon(ImmutableList.copyOf(argv), d.log());
  }

  /** The lab's own bluetoothd configuration (guest.sh starts bluetoothd with it). */
  public static String labConfig() {
    return LabFiles.resource("bluetooth-main.conf");
  }

  /**
   * Stops the running bluetoothd and starts {@code next}; returns how the stopped one ran, to start
   * it again with {@link #replace} when done.
   */
  public static Daemon replace(VirtualLab lab, Daemon next) {
    Daemon before = running(lab);
    stop(lab);
    start(lab, next);
    return before;
  }

  /**
   * Powers on every controller of the guest that is off ({@code btmgmt --index N power on}). Needed
   * after {@link #start}: bluetoothd 5.82 stopped with SIGTERM powers its adapters off on the way
   * out, and the next one does not power them on again (seen in the lab: AutoEnable = true in its
   * configuration, all three adapters "current settings: le secure-conn" 60 s later).
   */
  public static void powerOnAll(VirtualLab lab) {
    GuestShell.Result r =
        lab.shell()
            .run(
                "for d in /sys/class/bluetooth/hci*; do i=${d##*hci};"
                    + " btmgmt --index $i power on >/dev/null 2>&1; done; exit 0",
                SHELL);
    if (!r.ok()) {
      throw new LabException("cannot power the lab's controllers on: " + r);
    }
  }

  /**
   * Waits until mgmt reports at least {@code controllers} controllers powered and bluetoothd lists
   * as many adapters on D-Bus ({@code bluetoothctl list}: mgmt says powered before bluetoothd has
   * exported the adapter objects, and an emulator started then finds no adapter), polling for up to
   * {@code wait}.
   *
   * @throws LabException when fewer are powered by then, with what btmgmt last said
   */
  public static void awaitPowered(VirtualLab lab, int controllers, Duration wait) {
    long seconds = Math.max(1, wait.toSeconds());
    String cmd =
        "end=$((SECONDS+"
            + seconds
            + ")); while [ $SECONDS -lt $end ]; do"
            + " n=$(btmgmt info 2>/dev/null | grep -c 'current settings:.*powered');"
            + " d=$(timeout 5 bluetoothctl list 2>/dev/null | grep -c '^Controller ');"
            + " [ \"$n\" -ge "
            + controllers
            + " ] && [ \"$d\" -ge "
            + controllers
            + " ] && exit 0; sleep 0.5; done; btmgmt info 2>&1; bluetoothctl list 2>&1; exit 1";
    GuestShell.Result r = lab.shell().run(cmd, wait.plusSeconds(10));
    if (!r.ok()) {
      throw new LabException(
          "bluetoothd powered fewer than "
              + controllers
              + " controllers in "
              + seconds
              + " s: "
              + r.output().strip());
    }
  }
}
