package dev.hogrig.scenario;

import dev.hogrig.lab.GuestShell;
import dev.hogrig.lab.VirtualLab;
import java.time.Duration;

/**
 * Whether the lab can still run scenarios, checked after each one: is bluetoothd alive, and has the
 * guest kernel logged a BUG, an Oops or list corruption since boot. Scenarios drive the host's
 * stack into its corners, and twice the guest's Linux 6.1 hit {@code kernel BUG at
 * lib/list_debug.c:56} (list_del corruption in hci_chan_del, from l2cap_sock_release) in
 * bluetoothd's context, which kills bluetoothd for both sides of the lab. That is evidence for the
 * scenario that caused it, and the end of this lab for the ones after it.
 *
 * @param bluetoothd a bluetoothd process runs in the guest
 * @param kernelProblems how many BUG/Oops/corruption lines the guest kernel has logged since boot
 * @param kernelLog the last of those lines with some context, for the evidence
 */
record LabHealth(boolean bluetoothd, int kernelProblems, String kernelLog) {
  private static final String PATTERN = "kernel BUG|Oops|list_del corruption|general protection";

  static LabHealth check(VirtualLab lab) {
    GuestShell.Result r =
        lab.shell()
            .run(
                "if pgrep -x bluetoothd >/dev/null; then echo ALIVE; else echo DEAD; fi;"
                    + " echo COUNT=$(dmesg | grep -cE '"
                    + PATTERN
                    + "');"
                    + " dmesg | grep -E -A 12 '"
                    + PATTERN
                    + "' | tail -40",
                Duration.ofSeconds(30));
    String out = r.output();
    boolean alive = out.contains("ALIVE");
    int count = 0;
    int at = out.indexOf("COUNT=");
    if (at >= 0) {
      String n = out.substring(at + 6).lines().findFirst().orElse("0").strip();
      count = n.matches("\\d+") ? Integer.parseInt(n) : 0;
    }
    int logAt = out.indexOf('\n', Math.max(0, at));
    String log = at >= 0 && logAt >= 0 ? out.substring(logAt + 1) : "";
    return new LabHealth(alive, count, log);
  }

  /** Something broke since {@code before}. */
  boolean worseThan(LabHealth before) {
    return !bluetoothd || kernelProblems > before.kernelProblems;
  }
}
