package dev.hogrig.scenarios;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogrig.gatt.HidProfile;
import dev.hogrig.hci.LinkEvent;
import dev.hogrig.hid.ReportData;
import dev.hogrig.hid.ReportType;
import dev.hogrig.hid.Usage;
import dev.hogrig.hid.Usages;
import dev.hogrig.scenario.Emulator;
import dev.hogrig.scenario.FailureKind;
import dev.hogrig.scenario.Host;
import dev.hogrig.scenario.Rig;
import dev.hogrig.scenario.Scenario;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A bonded keyboard drops the link itself (as one does when it sleeps or walks out of range) and
 * advertises again; the host must reconnect on its own and take the keyboard's input. This is the
 * reconnection a user sees every morning, and the one behind field case 3 ("connected" after a
 * reconnect, and nothing typed).
 */
@Scenario(
    name = "peripheral-reconnect",
    summary = "the keyboard drops the link and advertises; the host reconnects by itself",
    records =
        "time from the drop to the host's reconnection and to the first key; how many"
            + " advertising restarts it took; the disconnect reasons the controllers reported",
    requires = "a host that reconnects to bonded HID devices (BlueZ: input-hog auto-connect)")
class PeripheralReconnectScenario {
  private static final Duration RECONNECT = Duration.ofSeconds(60);
  private static final Duration ADVERTISING_ROUND = Duration.ofSeconds(5);

  @Test
  void hostReconnectsToAKeyboardThatDroppedTheLink(Rig rig) {
    Emulator kbd = rig.emulate(HidProfile.keyboard(), "RigWakeKbd");
    Host host = rig.host();
    host.pair(kbd);
    host.eventually().subscribedToAllInputReports();
    tapA(kbd);
    host.eventually().typed("a");

    long t0 = System.nanoTime();
    rig.evidence().step("the keyboard drops the link", () -> assertTrue(kbd.dropLink(host)));
    host.eventually().disconnected();
    // Advertising again is what a real keyboard does on its next key press. In the lab each
    // advertising enable gives the host's scanner one report (btvirt), so restart it every few
    // seconds until the host's passive scan has picked it up.
    int rounds = 0;
    boolean back = false;
    long deadline = System.nanoTime() + RECONNECT.toNanos();
    while (!back && System.nanoTime() < deadline) {
      rounds++;
      kbd.peripheral().restartAdvertising();
      back = host.awaitReconnection(kbd, ADVERTISING_ROUND);
    }
    double reconnectS = (System.nanoTime() - t0) / 1e9;
    rig.evidence().parameter("advertising rounds", rounds);
    if (!back) {
      throw new AssertionError(
          FailureKind.LINK_DROPPED.prefix()
              + "the host did not reconnect within "
              + RECONNECT.toSeconds()
              + " s of the keyboard advertising again ("
              + rounds
              + " advertising rounds)");
    }
    long t1 = System.nanoTime();
    tapA(kbd);
    host.eventually().receivedInput();
    double firstKeyS = (System.nanoTime() - t1) / 1e9;
    List<LinkEvent> link = rig.linkEvents();
    rig.evidence()
        .attachText(
            "peripheral reconnect timings",
            String.format(
                "drop -> host reconnected   %.3f s (%d advertising rounds)%n"
                    + "reconnected -> first key   %.3f s%n"
                    + "link events: %d%n",
                reconnectS, rounds, firstKeyS, link.size()));
  }

  private static void tapA(Emulator kbd) {
    kbd.device()
        .sendInput(
            ReportType.INPUT, 0, new ReportData().press(new Usage(Usages.PAGE_KEYBOARD, 0x04)));
    kbd.device().sendInput(ReportType.INPUT, 0, new ReportData());
  }
}
