package dev.hogrig.scenarios;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.hogrig.gatt.HidProfile;
import dev.hogrig.hci.LinkEvent;
import dev.hogrig.lab.InputEvent;
import dev.hogrig.lab.InputEventCodes;
import dev.hogrig.scenario.ConnectAttempt;
import dev.hogrig.scenario.Emulator;
import dev.hogrig.scenario.Host;
import dev.hogrig.scenario.Rig;
import dev.hogrig.scenario.Scenario;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The keyboard loses its bond (a factory reset, a wiped flash) while the host keeps its keys, and
 * the host reconnects. The host asks for encryption with the old key, the keyboard has none, and
 * what happens next is the evidence: does the host drop the link, keep a link it cannot use, ask
 * the user to pair again? Then the user's way out (forget on the host, pair again) must give input
 * back. What must never happen: input delivered over the link whose keys do not match.
 */
@Scenario(
    name = "bond-lost-peripheral",
    summary = "the keyboard forgets the bond, the host keeps its keys and reconnects",
    records =
        "the host's connection attempt (link, input device, error), the controllers' link events"
            + " (encryption status, disconnect reason), whether input arrived, and whether pairing"
            + " again restores input",
    requires = "the lab's Linux host")
class BondLostScenario {
  @Test
  void hostWithStaleKeysGetsNoInputAndPairingAgainRestoresIt(Rig rig) {
    Emulator kbd = rig.emulate(HidProfile.keyboard(), "RigAmnesiaKbd");
    Host host = rig.host();
    host.pair(kbd);
    host.eventually().subscribedToAllInputReports();
    kbd.type("a");
    host.eventually().typed("a");

    host.disconnect(kbd);
    host.eventually().disconnected();
    rig.evidence().step("the keyboard forgets its bond with the host", () -> kbd.forgetBond(host));
    ConnectAttempt attempt = host.attemptConnect(kbd, Duration.ofSeconds(20));
    rig.evidence().parameter("reconnect with stale keys", attempt.toString());
    if (attempt.inputDevice()) {
      kbd.type("a");
      Host.sleep(Duration.ofSeconds(3));
      List<InputEvent> keys =
          host.inputEvents(kbd).stream().filter(e -> e.type() == InputEventCodes.EV_KEY).toList();
      assertFalse(
          keys.stream().anyMatch(e -> e.value() == 1),
          "input delivered over a link whose keys do not match: " + keys);
    }
    List<LinkEvent> link = rig.linkEvents();
    rig.evidence()
        .attachText(
            "link events after the keyboard forgot",
            link.stream().map(Object::toString).collect(Collectors.joining("\n")) + "\n");

    // The way out a user has: forget the keyboard on the host, pair again.
    host.forget(kbd);
    host.pair(kbd);
    host.eventually().subscribedToAllInputReports();
    kbd.type("a");
    host.eventually().typed("a");
  }
}
