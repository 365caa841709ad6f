package dev.hogrig.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hogrig.gatt.HidProfile;
import dev.hogrig.gatt.HogpSecurity;
import dev.hogrig.gatt.SecurityLevel;
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
 * A keyboard that will not bond (its adapter is not pairable, its HID service asks for no
 * encryption) tries to deliver keys to a host that connects to it. HOGP §6.1 requires a HID device
 * and its report host to be bonded; a host that accepts keys over such a link lets any device in
 * radio range type into it. The host must refuse: no key may reach its input stack.
 */
@Scenario(
    name = "unbonded-input",
    summary = "a keyboard that will not bond tries to type; the host must refuse its input",
    records =
        "the host's connection attempt (link, input device, error), what it read over the"
            + " unencrypted link (GATT timeline), the controllers' link events, any key it took",
    requires = "the lab's Linux host (it connects on the rig's command)")
class UnbondedInputScenario {
  @Test
  void hostTakesNoKeysFromAKeyboardThatWillNotBond(Rig rig) {
    Emulator kbd =
        rig.emulate(
            HidProfile.keyboard().withSecurity(HogpSecurity.all(SecurityLevel.NONE)), "RigOpenKbd");
    boolean pairable = kbd.peripheral().adapter().pairable();
    kbd.peripheral().adapter().setPairable(false);
    try {
      Host host = rig.host();
      ConnectAttempt attempt = host.connectWithoutPairing(kbd, Duration.ofSeconds(20));
      rig.evidence().parameter("connection without pairing", attempt.toString());
      if (attempt.inputDevice()) {
        rig.evidence()
            .step(
                "the keyboard presses 'a' ten times",
                () -> {
                  for (int i = 0; i < 10; i++) {
                    kbd.type("a");
                    Host.sleep(Duration.ofMillis(300));
                  }
                });
        Host.sleep(Duration.ofSeconds(2));
        List<InputEvent> keys =
            host.inputEvents(kbd).stream()
                .filter(e -> e.type() == InputEventCodes.EV_KEY && e.value() == 1)
                .toList();
        assertEquals(List.of(), keys, "keys the host took from a keyboard that is not bonded");
      }
      rig.evidence()
          .attachText(
              "link events",
              rig.linkEvents().stream().map(Object::toString).collect(Collectors.joining("\n"))
                  + "\n");
    } finally {
      kbd.peripheral().adapter().setPairable(pairable);
    }
  }
}
