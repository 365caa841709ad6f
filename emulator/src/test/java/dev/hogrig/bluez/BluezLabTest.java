package dev.hogrig.bluez;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogrig.lab.Controller;
import dev.hogrig.lab.VirtualLab;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The BlueZ backend against the real bluetoothd of the run's shared virtual lab ({@link
 * dev.hogrig.lab.WithLab}): the TCP/ANONYMOUS connection, the adapter view, errors, and the slice's
 * end-to-end proof: advertise on one controller, discover it from another, pair with Just Works,
 * connect, disconnect, remove, and unregister the advertisement. Each test leaves BlueZ as it found
 * it (bonds removed, adapters powered).
 */
@dev.hogrig.lab.WithLab
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BluezLabTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static VirtualLab lab;
  private static BluezConnection bluez;
  private static Controller peripheralCtl;
  private static Controller hostCtl;

  @BeforeAll
  static void connect(VirtualLab shared) {
    lab = shared;
    org.junit.jupiter.api.Assertions.assertTrue(
        lab.controllers().size() >= 2, "two usable controllers: " + lab.controllers());
    peripheralCtl = lab.controllers().get(0);
    hostCtl = lab.controllers().get(1);
    // -Dhogrig.dbus.log=true: every D-Bus message in and out, to <lab output>/dbus-java.log
    // (off by default: formatting each message at FINE slows every call measurably).
    if (Boolean.getBoolean("hogrig.dbus.log")) {
      traceDbus();
    }
    bluez = BluezConnection.open(lab.busAddress());
  }

  private static void traceDbus() {
    try {
      dbusLog = new FileHandler(lab.outputDir().resolve("dbus-java.log").toString());
      dbusLog.setFormatter(new SimpleFormatter());
      dbusLog.setLevel(Level.ALL);
      for (String name : List.of("org.freedesktop.dbus", "dev.hogrig.bluez")) {
        Logger l = Logger.getLogger(name);
        l.setLevel(Level.FINE);
        l.addHandler(dbusLog);
        LOGGERS.add(l);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final List<Logger> LOGGERS = new ArrayList<>();
  private static FileHandler dbusLog;

  @AfterAll
  static void disconnect() {
    if (bluez != null) {
      bluez.close();
    }
  }

  @Test
  @Order(1)
  void connectsToTheGuestBusOverTcpWithAnonymousAuth() {
    assertTrue(bluez.uniqueName().matches(":1\\.\\d+"), bluez.uniqueName());
    assertEquals(lab.busAddress(), bluez.busAddress());
  }

  @Test
  @Order(2)
  void listsTheLabControllersAsAdapters() {
    List<String> got =
        bluez.adapters().stream()
            .map(a -> a.name() + "/" + a.address())
            .collect(Collectors.toList());
    for (Controller c : lab.controllers()) {
      assertTrue(got.contains(c.name() + "/" + c.address()), c + " in " + got);
    }
    Adapter byName = bluez.adapter(peripheralCtl.name());
    Adapter byAddress = bluez.adapter(peripheralCtl.address().toLowerCase());
    assertEquals(peripheralCtl.objectPath(), byName.path());
    assertEquals(byName.path(), byAddress.path());
    assertTrue(byName.powered(), "AutoEnable powers the controllers");
    long t0 = System.nanoTime();
    for (int i = 0; i < 20; i++) {
      byName.powered();
    }
    System.out.printf(
        "bluez: one property read (Properties.Get over TCP into the guest) %.1f ms on average%n",
        (System.nanoTime() - t0) / 20 / 1e6);
  }

  @Test
  @Order(3)
  void readsAndWritesAdapterProperties() {
    Adapter a = bluez.adapter(peripheralCtl.name());
    a.setAlias("hogrig-peripheral");
    assertEquals("hogrig-peripheral", a.alias());
    a.setPairable(true);
    assertTrue(a.pairable());
    a.setPowered(false);
    await().atMost(Duration.ofSeconds(20)).pollInSameThread().until(() -> !a.powered());
    a.setPowered(true);
    await().atMost(Duration.ofSeconds(20)).pollInSameThread().until(a::powered);
  }

  @Test
  @Order(4)
  void bluezErrorsNameTheCallTheObjectAndBluezsError() {
    Adapter host = bluez.adapter(hostCtl.name());
    Device ghost = new Device(null, host.path() + "/dev_00_11_22_33_44_55");
    BluezException e = assertThrows(BluezException.class, () -> host.removeDevice(ghost));
    assertEquals("org.bluez.Adapter1.RemoveDevice", e.call());
    assertEquals(host.path(), e.object());
    assertEquals("org.bluez.Error.DoesNotExist", e.errorName());
    assertTrue(
        e.getMessage()
            .startsWith(
                "org.bluez.Adapter1.RemoveDevice on "
                    + host.path()
                    + " failed: org.bluez.Error.DoesNotExist"),
        e.getMessage());
    BluezException none = assertThrows(BluezException.class, () -> bluez.adapter("hci99"));
    assertTrue(none.getMessage().contains(hostCtl.name()), none.getMessage());
  }

  @Test
  @Order(5)
  void closingTheConnectionUnregistersWhatItRegistered() {
    Adapter peripheral = bluez.adapter(peripheralCtl.name());
    int before = peripheral.activeAdvertisements();
    BluezConnection other = BluezConnection.open(lab.busAddress());
    Advertisement ad =
        other.adapter(peripheralCtl.name()).advertise(AdvertisementData.peripheral("Other"));
    assertEquals(before + 1, peripheral.activeAdvertisements());
    other.close();
    assertFalse(ad.isRegistered(), "closed with its connection");
    assertEquals(before, peripheral.activeAdvertisements());
  }

  @Test
  @Order(10)
  void advertisesDiscoversPairsConnectsAndCleansUp() {
    Adapter peripheral = bluez.adapter(peripheralCtl.name());
    Adapter host = bluez.adapter(hostCtl.name());
    AcceptingAgentListener listener = new AcceptingAgentListener();
    try (Agent agent = bluez.registerAgent(AgentCapability.NO_INPUT_NO_OUTPUT, listener)) {
      int before = peripheral.activeAdvertisements();
      Advertisement ad =
          peripheral.advertise(
              AdvertisementData.peripheral("RigKbd")
                  .withServiceUuids("1812")
                  .withAppearance(0x03C1));
      assertTrue(ad.isRegistered());
      assertEquals(before + 1, peripheral.activeAdvertisements(), "ActiveInstances");

      long t0 = System.nanoTime();
      Device seen = LabPeers.discover(host, ad, WAIT);
      double discoverS = (System.nanoTime() - t0) / 1e9;
      assertEquals(peripheralCtl.address(), seen.address());
      assertEquals("RigKbd", seen.name().orElseThrow(), "LocalName from the advertisement");

      long p0 = System.nanoTime();
      try {
        seen.pair(WAIT);
      } catch (BluezException e) {
        System.out.println("agent calls: " + listener.events());
        throw e;
      }
      double pairCallS = (System.nanoTime() - p0) / 1e9;
      await().atMost(WAIT).pollInSameThread().pollInterval(10, MILLISECONDS).until(seen::paired);
      double pairedS = (System.nanoTime() - p0) / 1e9;

      seen.connect(WAIT);
      await().atMost(WAIT).pollInSameThread().until(seen::connected);
      assertTrue(seen.bonded(), "host side Bonded");

      Device back = peripheral.awaitDevice(hostCtl.address(), WAIT);
      await().atMost(WAIT).pollInSameThread().until(() -> back.paired() && back.connected());
      assertTrue(back.bonded(), "peripheral side Bonded");
      await().atMost(WAIT).pollInSameThread().until(seen::servicesResolved);

      System.out.printf(
          "bluez: discovered in %.2f s; Pair() returned after %.3f s, Paired=true after %.3f s%n"
              + "agent calls: %s%n",
          discoverS, pairCallS, pairedS, listener.events());

      // One default agent serves both adapters of the lab's single bluetoothd: the responder
      // (peripheral) side is asked to authorize the incoming Just Works pairing, the initiator
      // side is not (bluetoothd accepts for the client that called Pair()).
      assertTrue(
          listener.events().stream()
              .anyMatch(
                  ev ->
                      ev.method().equals("RequestAuthorization")
                          && ev.device().adapterName().equals(peripheralCtl.name())
                          && ev.device().address().equals(hostCtl.address())),
          "peripheral side asked to authorize: " + listener.events());

      seen.disconnect(WAIT);
      await().atMost(WAIT).pollInSameThread().until(() -> !seen.connected());
      await().atMost(WAIT).pollInSameThread().until(() -> !back.connected());

      host.removeDevice(seen);
      await()
          .atMost(WAIT)
          .pollInSameThread()
          .until(() -> host.device(peripheralCtl.address()).isEmpty());
      peripheral.removeDevice(back);

      ad.close();
      assertFalse(ad.isRegistered());
      assertEquals(before, peripheral.activeAdvertisements(), "ActiveInstances after close");
      assertSame(AgentCapability.NO_INPUT_NO_OUTPUT, agent.capability());
    } finally {
      forgetEachOther(peripheral, host);
    }
  }

  /**
   * A GATT application exported from the machine over TCP: bluetoothd reads its objects
   * (GetManagedObjects on our root, while RegisterApplication waits), serves them over ATT, and the
   * host's BlueZ battery plugin reads Battery Level (0x2A19) and shows it as Battery1.Percentage.
   */
  @Test
  @Order(20)
  void hostReadsTheBatteryLevelOfAnExportedGattApplication() {
    Adapter peripheral = bluez.adapter(peripheralCtl.name());
    Adapter host = bluez.adapter(hostCtl.name());
    AcceptingAgentListener listener = new AcceptingAgentListener();
    try (Agent agent = bluez.registerAgent(AgentCapability.NO_INPUT_NO_OUTPUT, listener);
        BatteryGattApplication app = peripheral.registerBatteryService(87);
        Advertisement ad =
            peripheral.advertise(AdvertisementData.peripheral("RigBat").withServiceUuids("180F"))) {
      assertTrue(app.isRegistered());
      Device seen = LabPeers.discover(host, ad, WAIT);
      assertEquals(peripheralCtl.address(), seen.address());
      seen.pair(WAIT);
      seen.connect(WAIT);
      await().atMost(WAIT).pollInSameThread().until(seen::servicesResolved);
      await()
          .atMost(WAIT)
          .pollInSameThread()
          .until(() -> seen.batteryPercentage().orElse(-1) == 87);
      assertTrue(app.reads() > 0, "the host read our characteristic");
      seen.disconnect(WAIT);
      assertTrue(ad.isRegistered());
    } finally {
      forgetEachOther(peripheral, host);
    }
  }

  /**
   * LE Secure Connections Numeric Comparison (Core 5.3 Vol 3 Part H §2.3.5.6.2): KeyboardDisplay on
   * both sides, so both controllers raise a User Confirmation Request (confirm hint 0) with the
   * same six-digit value. Measured with BlueZ 5.66: bluetoothd confirms the initiator's side itself
   * (the client asked for it with Pair()), so the one default agent is asked once, for the
   * responder (peripheral) adapter, and gets the six-digit value to compare.
   */
  @Test
  @Order(30)
  void numericComparisonAsksTheResponderSideToConfirmASixDigitValue() {
    Adapter peripheral = bluez.adapter(peripheralCtl.name());
    Adapter host = bluez.adapter(hostCtl.name());
    AcceptingAgentListener listener = new AcceptingAgentListener();
    try (Agent agent = bluez.registerAgent(AgentCapability.KEYBOARD_DISPLAY, listener);
        Advertisement ad = peripheral.advertise(AdvertisementData.peripheral("RigNc"))) {
      Device seen = LabPeers.discover(host, ad, WAIT);
      assertEquals(peripheralCtl.address(), seen.address());
      seen.pair(WAIT);
      await().atMost(WAIT).pollInSameThread().until(seen::paired);
      System.out.println("bluez: numeric comparison agent calls: " + listener.events());
      List<AgentEvent> confirmations =
          listener.events().stream()
              .filter(ev -> ev.method().equals("RequestConfirmation"))
              .collect(Collectors.toList());
      assertEquals(1, confirmations.size(), listener.events().toString());
      AgentEvent asked = confirmations.get(0);
      assertEquals(peripheralCtl.name(), asked.device().adapterName());
      assertEquals(hostCtl.address(), asked.device().address());
      assertTrue(asked.detail().matches("\\d{6}"), asked.detail());
      seen.disconnect(WAIT);
    } finally {
      forgetEachOther(peripheral, host);
    }
  }

  /** An agent that refuses: Pair() fails with BlueZ's own error name in the exception. */
  @Test
  @Order(40)
  void aRefusingAgentMakesPairFailWithBluezsErrorName() {
    Adapter peripheral = bluez.adapter(peripheralCtl.name());
    Adapter host = bluez.adapter(hostCtl.name());
    List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
    AgentListener refuses =
        new AgentListener() {
          @Override
          public boolean requestAuthorization(DeviceRef device) {
            asked.add("RequestAuthorization " + device.adapterName());
            return false;
          }
        };
    try (Agent agent = bluez.registerAgent(AgentCapability.NO_INPUT_NO_OUTPUT, refuses);
        Advertisement ad = peripheral.advertise(AdvertisementData.peripheral("RigNo"))) {
      Device seen = LabPeers.discover(host, ad, WAIT);
      assertEquals(peripheralCtl.address(), seen.address());
      BluezException e = assertThrows(BluezException.class, () -> seen.pair(WAIT));
      System.out.println("bluez: refused pairing: " + e.getMessage() + "; agent: " + asked);
      assertEquals("org.bluez.Device1.Pair", e.call());
      assertTrue(e.errorName().startsWith("org.bluez.Error."), e.errorName());
      assertEquals(List.of("RequestAuthorization " + peripheralCtl.name()), asked);
      assertFalse(seen.paired());
    } finally {
      forgetEachOther(peripheral, host);
    }
  }

  /** Removes each side's device object (and bond) for the other, so the next test pairs afresh. */
  private static void forgetEachOther(Adapter peripheral, Adapter host) {
    LabPeers.forget(peripheral, peripheralCtl.address(), host, hostCtl.address());
  }
}
