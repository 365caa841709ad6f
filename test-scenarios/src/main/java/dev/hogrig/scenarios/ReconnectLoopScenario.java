package dev.hogrig.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hogrig.gatt.HidProfile;
import dev.hogrig.report.MetricsTable;
import dev.hogrig.scenario.Emulator;
import dev.hogrig.scenario.Host;
import dev.hogrig.scenario.Rig;
import dev.hogrig.scenario.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bonded keyboard's link goes down and comes back, N times (default 100; {@code --cycles} or
 * {@code hogrig.scenario.cycles}). Each cycle the host disconnects, reconnects (host-initiated, as
 * a HOGP host reconnects to a bonded keyboard) and the keyboard presses 'a' until the host's input
 * stack shows it: the "connected but no input" detector of field case 3. Per-cycle metrics go to a
 * CSV; the first failing cycle is named in the failure.
 */
@Scenario(
    name = "reconnect-loop",
    summary = "a bonded keyboard reconnects N times and must type after every reconnection",
    records =
        "per cycle: disconnect time, reconnect time, time from reconnection to the first key on"
            + " the host, outcome; the first failing cycle",
    requires = "the lab's Linux host (drives the host side's Connect/Disconnect)")
class ReconnectLoopScenario {
  private static final Duration PER_CYCLE_INPUT = Duration.ofSeconds(30);

  /** One cycle's figures, a row of the CSV. */
  /** One cycle's figures, a row of the metrics table. */
  record Cycle(int n, double disconnectS, double reconnectS, double firstKeyS, String outcome) {}

  @Test
  void keyboardTypesAfterEveryReconnection(Rig rig) {
    int cycles = rig.cycles(100);
    rig.evidence().parameter("cycles", cycles);
    Emulator kbd = rig.emulate(HidProfile.keyboard(), "RigLoopKbd");
    Host host = rig.host();
    host.pair(kbd);
    host.eventually().subscribedToAllInputReports();
    List<Cycle> done = new ArrayList<>();
    String firstFailure = null;
    try {
      for (int n = 1; n <= cycles && firstFailure == null; n++) {
        long t0 = System.nanoTime();
        host.disconnect(kbd);
        host.eventually().disconnected();
        long t1 = System.nanoTime();
        host.connect(kbd);
        host.eventually().connected();
        long t2 = System.nanoTime();
        String outcome = "ok";
        double firstKey = Double.NaN;
        try {
          typeAUntilSeen(kbd, host);
          firstKey = (System.nanoTime() - t2) / 1e9;
        } catch (AssertionError e) {
          outcome = "no input";
          firstFailure = "cycle " + n + ": " + e.getMessage();
        }
        Cycle c = new Cycle(n, (t1 - t0) / 1e9, (t2 - t1) / 1e9, firstKey, outcome);
        done.add(c);
        rig.evidence()
            .progress(
                n,
                cycles,
                String.format(
                    "down %.2f s, up %.2f s, first key %.2f s, %s",
                    c.disconnectS(), c.reconnectS(), c.firstKeyS(), outcome));
      }
    } finally {
      // One row per cycle; a cycle without input has NaN as its first-key time (a gap in the
      // chart) and 0 in the "input" column.
      MetricsTable.Builder table =
          MetricsTable.builder("disconnect s", "reconnect s", "first key s", "input");
      done.forEach(
          c ->
              table.cycle(
                  c.disconnectS(),
                  c.reconnectS(),
                  c.firstKeyS(),
                  c.outcome().equals("ok") ? 1 : 0));
      rig.evidence().report().metrics(table.build());
    }
    assertEquals(null, firstFailure, "first failing cycle");
    assertEquals(cycles, done.size());
  }

  /**
   * Presses and releases 'a' every 500 ms until the host shows it. Reports sent before the host
   * subscribed again wait in the emulator's queue and are flushed on subscription (the device's
   * unsubscribed policy), so one press is enough when all is well; the repeats make the detector
   * robust to a host that re-subscribes late.
   */
  private static void typeAUntilSeen(Emulator kbd, Host host) {
    long deadline = System.nanoTime() + PER_CYCLE_INPUT.toNanos();
    AssertionError last = null;
    while (System.nanoTime() < deadline) {
      kbd.type("a");
      try {
        host.eventually(Duration.ofMillis(500)).receivedInput();
        return;
      } catch (AssertionError e) {
        last = e;
      }
    }
    throw last != null ? last : new AssertionError("no time left to type");
  }
}
