package dev.hogrig.scenarios;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.hogrig.gatt.GattEvent;
import dev.hogrig.gatt.HidProfile;
import dev.hogrig.gatt.SecurityLevel;
import dev.hogrig.scenario.Emulator;
import dev.hogrig.scenario.Host;
import dev.hogrig.scenario.Rig;
import dev.hogrig.scenario.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * First discovery and pairing of a keyboard: what a host does, in order, from the first read to the
 * first key it delivers. The order is recorded, not asserted: hosts differ (some read the Report
 * Map before pairing, some subscribe before reading it) and that difference is the evidence this
 * scenario exists to collect. It fails only when the host never gets to input: no Report Map read,
 * an input report left unsubscribed, or the first key never reaching the host's input stack.
 */
@Scenario(
    name = "first-pairing",
    summary = "a keyboard is discovered, paired and delivers its first key",
    records =
        "order of the host's reads, writes and subscriptions; security level of the link; time"
            + " from Pair() to Report Map read, to subscription and to the first key on the host",
    requires = "a host that pairs (the lab's Linux host, or a real host's operator)")
class FirstPairingScenario {
  @Test
  void keyboardPairsAndTypesItsFirstKey(Rig rig) {
    Emulator kbd = rig.emulate(HidProfile.keyboard(), "RigFirstKbd");
    Host host = rig.host();
    Instant t0 = Instant.now();
    host.pair(kbd);
    host.eventually().readReportMap().subscribedToAllInputReports();
    Instant subscribed = Instant.now();
    rig.evidence()
        .step(
            "the keyboard presses and releases 'a'",
            () -> {
              kbd.type("a");
            });
    host.eventually().typed("a");
    Instant typed = Instant.now();

    List<String> order = accessOrder(kbd.events());
    rig.evidence().attachText("host GATT access order", String.join("\n", order) + "\n");
    SecurityLevel security =
        kbd.events().stream()
            .filter(e -> e instanceof GattEvent.Connected)
            .map(e -> ((GattEvent.Connected) e).security())
            .reduce((a, b) -> b)
            .orElse(null);
    rig.evidence().parameter("security level", String.valueOf(security));
    rig.evidence()
        .attachText(
            "first pairing timings",
            String.format(
                "pair start -> all input reports subscribed  %.3f s%n"
                    + "pair start -> first key on the host       %.3f s%n",
                seconds(t0, subscribed), seconds(t0, typed)));
    assertFalse(order.isEmpty(), "the host read or wrote nothing over GATT");
  }

  /** The characteristics and descriptors the host touched, in the order of first access. */
  static List<String> accessOrder(List<GattEvent> events) {
    Set<String> seen = new LinkedHashSet<>();
    for (GattEvent e : events) {
      if (e instanceof GattEvent.Read r) {
        seen.add("read      " + r.handle().label());
      } else if (e instanceof GattEvent.Write w) {
        seen.add("write     " + w.handle().label());
      } else if (e instanceof GattEvent.SubscriptionChanged s && s.subscribed()) {
        seen.add("subscribe " + s.handle().label());
      }
    }
    return new ArrayList<>(seen);
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e9;
  }
}
