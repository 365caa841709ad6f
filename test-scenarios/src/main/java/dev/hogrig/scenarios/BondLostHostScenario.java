package dev.hogrig.scenarios;

import dev.hogrig.bluez.BluezException;
import dev.hogrig.gatt.HidProfile;
import dev.hogrig.scenario.Emulator;
import dev.hogrig.scenario.Host;
import dev.hogrig.scenario.Rig;
import dev.hogrig.scenario.Scenario;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The reverse of bond-lost-peripheral: the host's user removes the device, the device keeps its
 * keys, and the user pairs again from the host. Whether the device accepts a second pairing while
 * it still holds a bond for that host depends on its stack (BlueZ as a peripheral refuses a new
 * Just Works pairing over an existing bond unless {@code JustWorksRepairing} allows it; a device
 * with a display confirms a passkey instead), so the scenario runs a keyboard (KeyboardDisplay,
 * numeric comparison) and a mouse (NoInputNoOutput, Just Works). It records whether the second
 * pairing was accepted; when it was refused, the user's way out (the device forgets too, as in
 * pairing mode, then pair again) must work. It passes when input works in the end.
 *
 * <p>First lab run (emulator on BlueZ 5.82 with the default {@code JustWorksRepairing = never}):
 * the keyboard's second pairing was accepted; the mouse's was refused with AuthenticationFailed.
 */
@Scenario(
    name = "bond-lost-host",
    summary = "the host forgets the device, the device keeps its keys, the user pairs again",
    records = "whether pairing again succeeds for each IO capability, and whether input follows",
    requires = "the lab's Linux host")
class BondLostHostScenario {
  enum Device {
    KEYBOARD(HidProfile::keyboard),
    MOUSE(HidProfile::mouse);

    final Supplier<HidProfile> profile;

    Device(Supplier<HidProfile> profile) {
      this.profile = profile;
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Device.class)
  void userPairsAgainAfterTheHostForgot(Device d, Rig rig) {
    Emulator dev = rig.emulate(d.profile.get(), "RigForgotten" + d.ordinal());
    Host host = rig.host();
    host.pair(dev);
    host.eventually().subscribedToAllInputReports();
    host.forgetOwnBond(dev);
    String outcome;
    try {
      rig.evidence().step("the user pairs again from the host", () -> host.pair(dev));
      outcome = "accepted";
    } catch (BluezException refused) {
      // The device's stack refused a new pairing over the bond it still holds. The user's way
      // out: put the device in pairing mode (it forgets), then pair again.
      outcome = "refused: " + refused.getMessage();
      rig.evidence()
          .step("the device forgets its bond too (pairing mode)", () -> dev.forgetBond(host));
      rig.evidence().step("the user pairs a third time", () -> host.pair(dev));
    }
    rig.evidence().parameter("second pairing while the device kept its keys", outcome);
    host.eventually().subscribedToAllInputReports();
    if (d == Device.KEYBOARD) {
      dev.type("a");
      host.eventually().typed("a");
    } else {
      dev.play(dev.script(40).move(100, 0, java.time.Duration.ofMillis(300)).build());
      host.eventually().produced("REL_X", java.util.OptionalInt.empty());
    }
  }
}
