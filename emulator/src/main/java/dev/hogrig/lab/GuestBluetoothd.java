package dev.hogrig.bluez;

import com.google.common.collect.ImmutableList;
import dev.hogrig.lab.GuestShell;
import dev.hogrig.lab.VirtualLab;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Stops and starts the lab guest's bluetoothd exactly as the guest started it: the command line is
 * read from {@code /proc/<pid>/cmdline} (guest.sh runs {@code /opt/hogrig/bluez-5.82/bin/bluetoothd
 * -n -E -f /run/hogrig-lab/bluetooth-main.conf}, with {@code -d} when the lab was booted with
 * btdebug) and its output goes on to the same file as before ({@code /proc/<pid>/fd/1}, the lab's
 * {@code bluetoothd.log}), appended.
 */
final class LabBluetoothd {
  /** How the running bluetoothd was started: its argv and the file its stdout went to. */
  record Daemon(ImmutableList<String> argv, String log) {}

  private static final Duration SHELL = Duration.ofSeconds(30);

  private LabBluetoothd() {}

  /** The running bluetoothd's command line and log file. */
  static Daemon running(VirtualLab lab) {
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

  static boolean isRunning(VirtualLab lab) {
    return lab.shell().run("pgrep -x bluetoothd", SHELL).ok();
  }

  /**
   * SIGTERM, as systemd would stop it, and waits (20 s at most) until it exited. bluetoothd powers
   * its adapters down first and exits when the last one reports off (src/main.c, adapter.c {@code
   * adapter_shutdown}).
   */
  static void stop(VirtualLab lab) {
    stop(lab, "TERM");
  }

  /** Sends {@code signal} ({@code TERM}, {@code KILL}) and waits (20 s at most) for the exit. */
  static void stop(VirtualLab lab, String signal) {
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
  static void start(VirtualLab lab, Daemon d) {
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
  static void ensureRunning(VirtualLab lab, Daemon d) {
    if (!isRunning(lab)) {
      start(lab, d);
    }
  }
}
