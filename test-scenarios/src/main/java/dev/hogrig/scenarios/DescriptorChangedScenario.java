package dev.hogrig.scenarios;

import dev.hogrig.gatt.GattEvent;
import dev.hogrig.gatt.HidProfile;
import dev.hogrig.scenario.Emulator;
import dev.hogrig.scenario.Host;
import dev.hogrig.scenario.Rig;
import dev.hogrig.scenario.Scenario;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * A bonded device comes back with a different Report Map (a firmware update turned the keyboard
 * into a mouse): the same address and bond, a new GATT database. A host that caches the bonded
 * device's attributes must notice (Service Changed, or the database hash of GATT caching) and read
 * the new Report Map, or it parses the mouse's reports with the keyboard's descriptor. The BlueZ
 * peripheral indicates Service Changed by itself when the application changes (an application
 * cannot stop it), so this scenario covers the "with Service Changed" half; the "without" half
 * needs a peripheral stack that can be told not to (the virtual controller of a later issue).
 */
@Scenario(
    name = "descriptor-changed",
    summary = "a bonded keyboard comes back as a mouse; the host must use the new Report Map",
    records =
        "whether the host read the Report Map again after the change, the host's input device"
            + " before and after, the events the mouse's movement produced",
    requires = "the lab's Linux host")
class DescriptorChangedScenario {
  @Test
  void hostUsesTheNewReportMapAfterTheDeviceChanged(Rig rig) {
    String name = "RigShifter";
    Emulator kbd = rig.emulate(HidProfile.keyboard(), name);
    Host host = rig.host();
    host.pair(kbd);
    host.eventually().subscribedToAllInputReports();
    kbd.type("a");
    host.eventually().typed("a");

    host.disconnect(kbd);
    host.eventually().disconnected();
    rig.evidence().step("the keyboard's firmware is replaced by a mouse's", kbd::close);
    Emulator mouse = rig.emulate(HidProfile.mouse(), name);
    host.connect(mouse);
    boolean reread =
        mouse.events().stream()
            .anyMatch(
                e ->
                    e instanceof GattEvent.Read r
                        && r.handle().equals(mouse.device().reportMap())
                        && r.result().isOk());
    rig.evidence().parameter("host read the new Report Map", reread);
    rig.evidence()
        .parameter("host driver after the change", host.inputDriver(mouse).orElse("(none)"));
    host.eventually().subscribedToAllInputReports();
    mouse.play(mouse.script(40).move(120, 0, Duration.ofMillis(300)).build());
    host.eventually().produced("REL_X", OptionalInt.empty());
  }
}
