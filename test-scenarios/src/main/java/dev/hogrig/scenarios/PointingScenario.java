package dev.hogrig.scenarios;

import dev.hogrig.gatt.HidProfile;
import dev.hogrig.replay.TimedReport;
import dev.hogrig.scenario.Emulator;
import dev.hogrig.scenario.Host;
import dev.hogrig.scenario.Rig;
import dev.hogrig.scenario.Scenario;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * A mouse moves along a path, clicks both buttons and turns the wheel both ways; the host's input
 * stack must show exactly that much movement. Linux passes relative reports to evdev unscaled
 * (hid-input; acceleration is the desktop's business, above evdev), so the sums of REL_X, REL_Y and
 * REL_WHEEL must equal what the script asked for: a report lost, doubled or clipped on the way
 * shows up as a different sum.
 */
@Scenario(
    name = "pointing",
    summary = "a mouse moves, clicks and scrolls; the host sees exactly that movement",
    records = "the movement, buttons and wheel asked for and what the host's evdev summed to",
    requires = "the lab's Linux host (evdev)")
class PointingScenario {
  static final int DX = 300;
  static final int DY = -120;

  @Test
  void hostSeesExactlyTheMovementClicksAndWheel(Rig rig) {
    Emulator mouse = rig.emulate(HidProfile.mouse(), "RigPointer");
    Host host = rig.host();
    host.pair(mouse);
    host.eventually().subscribedToAllInputReports();
    List<TimedReport> script =
        mouse
            .script(40)
            .move(DX, DY, Duration.ofMillis(600))
            .click(1)
            .click(2)
            .wheel(3)
            .wheel(-2)
            .build();
    rig.evidence().parameter("asked", "move (" + DX + ", " + DY + "), click 1 and 2, wheel +3 -2");
    rig.evidence().step("the mouse plays " + script.size() + " reports", () -> mouse.play(script));
    // HID Y and wheel signs are evdev's: Y positive down, wheel positive away from the user.
    host.eventually()
        .summed("REL_X", DX)
        .summed("REL_Y", DY)
        .summed("REL_WHEEL", 1)
        .produced("BTN_LEFT", OptionalInt.of(1))
        .produced("BTN_LEFT", OptionalInt.of(0))
        .produced("BTN_RIGHT", OptionalInt.of(1))
        .produced("BTN_RIGHT", OptionalInt.of(0));
  }
}
