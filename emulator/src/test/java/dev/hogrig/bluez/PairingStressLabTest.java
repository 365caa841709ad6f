package dev.hogrig.bluez;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogrig.gatt.HidProfile;
import dev.hogrig.lab.Controller;
import dev.hogrig.lab.VirtualLab;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Pairs the lab's host adapter with a peripheral over and over in one lab, forgetting both sides in
 * between, and counts the Pair() calls that fail: the reproducer of the "Not paired" flake
 * (docs/virtual-lab.md, "Known problems"). {@code -Dhogrig.stress.pairings=N} rounds per case
 * (default 10). Kept out of the default run: it is a measurement, several minutes long.
 */
@dev.hogrig.lab.WithLab
@Tag(LabPeers.REPEAT_PAIRING)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PairingStressLabTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int ROUNDS = Integer.getInteger("hogrig.stress.pairings", 10);

  /** {@code -Dhogrig.stress.asis=true}: bare Pair() ({@link Device#pairAsIs}), the old way. */
  private static final boolean AS_IS = Boolean.getBoolean("hogrig.stress.asis");

  /**
   * {@code -Dhogrig.stress.guestload=N}: N busy loops in the guest meanwhile, so that the guest
   * kernel's work (e.g. reading the remote's LE features after a connection) takes longer, as in a
   * loaded CI run.
   */
  private static final int GUEST_LOAD = Integer.getInteger("hogrig.stress.guestload", 0);

  private static VirtualLab lab;
  private static BluezConnection bluez;
  private static Controller peripheralCtl;
  private static Controller hostCtl;

  @BeforeAll
  static void connect(VirtualLab shared) {
    lab = shared;
    assertTrue(lab.controllers().size() >= 2, "two usable controllers: " + lab.controllers());
    peripheralCtl = lab.controllers().get(0);
    hostCtl = lab.controllers().get(1);
    bluez = BluezConnection.open(lab.busAddress());
    if (GUEST_LOAD > 0) {
      lab.shell()
          .run(
              "for i in $(seq "
                  + GUEST_LOAD
                  + "); do setsid sh -c 'while :; do :; done' </dev/null >/dev/null 2>&1 &"
                  + " echo $! >> /tmp/stress-load.pids; done",
              Duration.ofSeconds(30));
    }
  }

  @AfterAll
  static void disconnect() {
    if (GUEST_LOAD > 0) {
      lab.shell()
          .run(
              "kill $(cat /tmp/stress-load.pids) 2>/dev/null; rm -f /tmp/stress-load.pids",
              Duration.ofSeconds(30));
    }
    if (bluez != null) {
      bluez.close();
    }
  }

  /**
   * A bare advertisement and one NoInputNoOutput agent for both adapters, as BluezLabTest's first
   * pairing test: Just Works, no GATT application of ours.
   */
  @Test
  @Order(1)
  void justWorksPairingsOfABareAdvertisement() {
    Adapter peripheral = bluez.adapter(peripheralCtl.name());
    Adapter host = bluez.adapter(hostCtl.name());
    List<String> failures = new ArrayList<>();
    AcceptingAgentListener listener = new AcceptingAgentListener();
    try (Agent agent = bluez.registerAgent(AgentCapability.NO_INPUT_NO_OUTPUT, listener);
        Advertisement ad =
            peripheral.advertise(
                AdvertisementData.peripheral("RigStress").withServiceUuids("1812"))) {
      for (int i = 1; i <= ROUNDS; i++) {
        round(i, host, peripheral, () -> LabPeers.discover(host, ad, WAIT), failures);
      }
    }
    report("bare advertisement", failures);
  }

  /** A HOGP mouse (encrypted reads, Just Works) exported by a {@link BluezPeripheral}. */
  @Test
  @Order(2)
  void justWorksPairingsOfAHogpMouse() {
    Adapter peripheral = bluez.adapter(peripheralCtl.name());
    Adapter host = bluez.adapter(hostCtl.name());
    List<String> failures = new ArrayList<>();
    try (BluezPeripheral p =
        BluezPeripheral.start(
            bluez,
            peripheral,
            HidProfile.mouse(),
            "RigStressMouse",
            new AcceptingAgentListener(),
            Clock.systemUTC())) {
      for (int i = 1; i <= ROUNDS; i++) {
        round(i, host, peripheral, () -> LabPeers.discover(host, p, WAIT), failures);
      }
    }
    report("HOGP mouse", failures);
  }

  /** How this run pairs, for the printed summary. */
  private static String mode() {
    return (AS_IS ? "bare Pair()" : "Device.pair()") + ", guest load " + GUEST_LOAD;
  }

  private void round(
      int i,
      Adapter host,
      Adapter peripheral,
      java.util.function.Supplier<Device> discover,
      List<String> failures) {
    Instant start = Instant.now();
    try {
      Device d = discover.get();
      long p0 = System.nanoTime();
      try {
        if (AS_IS) {
          d.pairAsIs(WAIT);
        } else {
          d.pair(WAIT);
        }
      } catch (BluezException e) {
        failures.add("round " + i + " at " + start + ": " + e.getMessage());
        System.out.println("stress: round " + i + " Pair() failed: " + e.getMessage());
        return;
      }
      double pairS = (System.nanoTime() - p0) / 1e9;
      d.connect(WAIT);
      await().atMost(WAIT).pollInSameThread().until(d::servicesResolved);
      System.out.printf("stress: round %d paired in %.3f s, bonded %s%n", i, pairS, d.bonded());
      d.disconnect(WAIT);
    } finally {
      LabPeers.forget(peripheral, peripheralCtl.address(), host, hostCtl.address());
    }
  }

  private static void report(String what, List<String> failures) {
    System.out.printf(
        "stress: %s (%s): %d of %d pairings failed%n  %s%n",
        what, mode(), failures.size(), ROUNDS, String.join("\n  ", failures));
    assertEquals(List.of(), failures, what);
  }
}
