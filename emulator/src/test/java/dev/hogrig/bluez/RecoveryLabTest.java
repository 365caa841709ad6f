package dev.hogrig.bluez;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogrig.bluez.PeripheralEvent.Recovered;
import dev.hogrig.bluez.PeripheralEvent.RecoveryFailed;
import dev.hogrig.bluez.PeripheralEvent.RecoveryStarted;
import dev.hogrig.bluez.PeripheralEvent.Registration;
import dev.hogrig.bluez.PeripheralEvent.Reregistered;
import dev.hogrig.bluez.PeripheralEvent.StillRegistered;
import dev.hogrig.gatt.HidProfile;
import dev.hogrig.gatt.HogpDevice;
import dev.hogrig.hci.Connection;
import dev.hogrig.hci.HciCommand;
import dev.hogrig.hci.HciTrace;
import dev.hogrig.hci.TraceRecord;
import dev.hogrig.lab.Controller;
import dev.hogrig.lab.GuestBluetoothd;
import dev.hogrig.lab.VirtualLab;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A {@link BluezPeripheral} survives what happens to bluetoothd under it, in the run's shared lab:
 * bluetoothd stopped (SIGTERM) and started again with its own command line, the peripheral's
 * adapter powered off and on over D-Bus, and a host that connects and disconnects. The peripheral
 * is asserted to be registered again by itself (its events; ActiveInstances; the host finds it by
 * name) with the same {@link HogpDevice} and state. Every test leaves bluetoothd running with the
 * command line it had and every controller powered, also when it fails ({@code finally}, {@link
 * #restore}).
 */
@dev.hogrig.lab.WithLab
@org.junit.jupiter.api.Tag(LabPeers.REPEAT_PAIRING)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecoveryLabTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static VirtualLab lab;
  private static BluezConnection bluez;
  private static Controller peripheralCtl;
  private static Controller hostCtl;
  private static GuestBluetoothd.Daemon daemon;

  @BeforeAll
  static void connect(VirtualLab shared) {
    lab = shared;
    assertTrue(lab.controllers().size() >= 2, "two usable controllers: " + lab.controllers());
    peripheralCtl = lab.controllers().get(0);
    hostCtl = lab.controllers().get(1);
    daemon = GuestBluetoothd.running(lab);
    System.out.println("recovery: guest bluetoothd " + daemon);
    bluez = BluezConnection.open(lab.busAddress());
  }

  @AfterAll
  static void restore() {
    try {
      if (daemon != null) {
        GuestBluetoothd.ensureRunning(lab, daemon);
      }
      if (bluez != null) {
        for (Controller c : lab.controllers()) {
          await()
              .atMost(WAIT)
              .pollInSameThread()
              .ignoreExceptionsInstanceOf(BluezException.class)
              .until(() -> bluez.adapters().stream().anyMatch(a -> a.name().equals(c.name())));
          Adapter a = bluez.adapter(c.name());
          if (!a.powered()) {
            a.setPowered(true);
          }
          await().atMost(WAIT).pollInSameThread().until(a::powered);
        }
      }
    } finally {
      if (bluez != null) {
        bluez.close();
      }
    }
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e9;
  }

  private static <T extends PeripheralEvent> Optional<T> first(
      List<PeripheralEvent> events, Class<T> type, Instant after) {
    return events.stream()
        .filter(type::isInstance)
        .map(type::cast)
        .filter(e -> !e.time().isBefore(after))
        .findFirst();
  }

  /** The registration steps of the attempt that ended with {@code done}, in reported order. */
  private static List<Registration> stepsOf(List<PeripheralEvent> events, Recovered done) {
    List<Registration> out = new ArrayList<>();
    for (PeripheralEvent e : events) {
      if (e == done) {
        return out;
      }
      if (e instanceof RecoveryStarted) {
        out.clear();
      } else if (e instanceof Reregistered r) {
        out.add(r.what());
      } else if (e instanceof StillRegistered s) {
        out.add(s.what());
      }
    }
    return out;
  }

  private static Recovered awaitRecovered(List<PeripheralEvent> events, Instant after) {
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInSameThread()
        .pollInterval(20, MILLISECONDS)
        .until(
            () ->
                first(events, Recovered.class, after).isPresent()
                    || first(events, RecoveryFailed.class, after).isPresent());
    Optional<RecoveryFailed> failed = first(events, RecoveryFailed.class, after);
    assertTrue(failed.isEmpty(), "recovery failed: " + failed + "; events " + events);
    return first(events, Recovered.class, after).orElseThrow();
  }

  /**
   * The host (another controller, same bluetoothd) finds the peripheral by its advertised name. The
   * host adapter is power-cycled first, as {@link LabPeers#forget} does: in the first run the
   * host's controller reported the peripheral's advertisement within 2 ms of each of three 10 s
   * scan windows (capture), yet bluetoothd made the device object only in the third (32.9 s), after
   * the same address had been removed from the host a few seconds before.
   */
  private static double discoverByName(String name) {
    Adapter host = bluez.adapter(hostCtl.name());
    host.setPowered(false);
    await().atMost(WAIT).pollInSameThread().until(() -> !host.powered());
    host.setPowered(true);
    await().atMost(WAIT).pollInSameThread().until(host::powered);
    long t0 = System.nanoTime();
    host.startLeDiscovery();
    try {
      Device d = host.awaitDeviceNamed(name, WAIT);
      assertEquals(peripheralCtl.address(), d.address());
    } finally {
      host.stopDiscovery();
    }
    double s = (System.nanoTime() - t0) / 1e9;
    host.device(peripheralCtl.address()).ifPresent(host::removeDevice);
    return s;
  }

  @Test
  @Order(1)
  void reregistersByItselfWhenBluetoothdRestarts() {
    restartAndRecover("TERM", "RigRestart");
  }

  /**
   * A crash (SIGKILL): bluetoothd neither powers the adapters down nor releases anything; the new
   * one finds the adapter powered.
   */
  @Test
  @Order(4)
  void reregistersByItselfAfterBluetoothdCrashes() {
    restartAndRecover("KILL", "RigCrash");
  }

  private void restartAndRecover(String signal, String name) {
    Adapter adapter = bluez.adapter(peripheralCtl.name());
    List<PeripheralEvent> events = new CopyOnWriteArrayList<>();
    BluezPeripheral p = null;
    try {
      p =
          BluezPeripheral.start(
              bluez,
              adapter,
              HidProfile.keyboard(),
              name,
              new AcceptingAgentListener(),
              Clock.systemUTC());
      p.addListener(events::add);
      HogpDevice device = p.device();
      device.setBatteryLevel(42);
      assertTrue(adapter.activeAdvertisements() >= 1, "advertising before the restart");

      Instant stop = Instant.now();
      GuestBluetoothd.stop(lab, signal);
      Instant stopped = Instant.now();
      await()
          .atMost(WAIT)
          .pollInSameThread()
          .until(() -> first(events, PeripheralEvent.BluezLost.class, stop).isPresent());
      if (signal.equals("TERM")) {
        assertFalse(p.advertisement().isRegistered(), "bluetoothd released the advertisement");
      }

      Instant start = Instant.now();
      GuestBluetoothd.start(lab, daemon);
      Recovered done = awaitRecovered(events, start);
      // ActiveInstances of the new bluetoothd: ours is the only advertisement it has.
      await()
          .atMost(WAIT)
          .pollInSameThread()
          .pollInterval(10, MILLISECONDS)
          .until(() -> adapter.activeAdvertisements() == 1);
      Instant activeSeen = Instant.now();

      List<Registration> pass = stepsOf(events, done);
      assertEquals(List.of(Registration.values()), pass, "steps in start order: " + events);
      for (Registration r :
          List.of(
              Registration.AGENT,
              Registration.DEFAULT_AGENT,
              Registration.GATT_APPLICATION,
              Registration.ADVERTISEMENT)) {
        assertTrue(
            events.stream().anyMatch(e -> e instanceof Reregistered rr && rr.what() == r),
            r + " registered anew with the new bluetoothd: " + events);
      }
      assertTrue(p.advertisement().isRegistered());
      assertSame(device, p.device(), "same model");
      assertEquals(42, p.device().currentBatteryLevel(), "model state kept");
      assertEquals(name, adapter.alias());

      double foundS = discoverByName(name);
      Instant back = first(events, PeripheralEvent.BluezBack.class, start).orElseThrow().time();
      Instant poweredOn =
          first(events, PeripheralEvent.AdapterPoweredOn.class, start)
              .map(PeripheralEvent::time)
              .orElse(back);
      Instant adDone =
          events.stream()
              .filter(e -> e instanceof Reregistered r && r.what() == Registration.ADVERTISEMENT)
              .reduce((a, b) -> b)
              .orElseThrow()
              .time();
      System.out.printf(
          "recovery: restart after SIG%s: signal→exited %.2f s; start→BluezBack %.2f s, →Powered %.2f s,"
              + " →Recovered %.2f s (attempt %d, %.2f s after its trigger),"
              + " →advertisement registered %.2f s, →ActiveInstances=1 seen %.2f s;"
              + " BluezBack→advertisement registered %.2f s; rediscovered by name in %.2f s%n"
              + "recovery: events %s%n",
          signal,
          seconds(stop, stopped),
          seconds(start, back),
          seconds(start, poweredOn),
          seconds(start, done.time()),
          done.attempt(),
          done.sinceTrigger().toNanos() / 1e9,
          seconds(start, adDone),
          seconds(start, activeSeen),
          seconds(back, adDone),
          foundS,
          events);
    } finally {
      try {
        GuestBluetoothd.ensureRunning(lab, daemon);
      } finally {
        if (p != null) {
          p.close();
        }
      }
    }
  }

  @Test
  @Order(2)
  void staysRegisteredOrReregistersWhenTheAdapterPowerCycles() {
    Adapter adapter = bluez.adapter(peripheralCtl.name());
    List<PeripheralEvent> events = new CopyOnWriteArrayList<>();
    BluezPeripheral p = null;
    try {
      int before = adapter.activeAdvertisements();
      p = BluezPeripheral.start(bluez, adapter, HidProfile.mouse(), "RigCycle");
      p.addListener(events::add);
      HogpDevice device = p.device();
      device.setBatteryLevel(17);
      assertEquals(before + 1, adapter.activeAdvertisements());

      Instant off = Instant.now();
      adapter.setPowered(false);
      await()
          .atMost(WAIT)
          .pollInSameThread()
          .until(() -> first(events, PeripheralEvent.AdapterPoweredOff.class, off).isPresent());
      Instant on = Instant.now();
      adapter.setPowered(true);
      Recovered done = awaitRecovered(events, on);
      assertEquals(List.of(Registration.values()), stepsOf(events, done), "events " + events);
      assertEquals(before + 1, adapter.activeAdvertisements(), "ActiveInstances");
      assertTrue(p.advertisement().isRegistered());
      assertSame(device, p.device());
      assertEquals(17, p.device().currentBatteryLevel());
      Instant recovered = Instant.now();
      double foundS = discoverByName("RigCycle");
      System.out.printf(
          "recovery: power cycle: Powered=true→Recovered %.2f s (attempt %d); rediscovered by"
              + " name in %.2f s%nrecovery: events %s%n",
          seconds(on, done.time()), done.attempt(), foundS, events);
      assertTrue(recovered.isAfter(on));
    } finally {
      if (!adapter.powered()) {
        adapter.setPowered(true);
      }
      if (p != null) {
        p.close();
      }
    }
  }

  /**
   * After a host connected (Connect() only; BlueZ's HOGP host then raises security itself, HOGP
   * §6.1 / profiles/input/hog.c {@code hog_accept}, so the link gets paired anyway) and
   * disconnected, the peripheral advertises again without the emulator doing anything: the
   * peripheral's controller gets an advertising enable after the Disconnection Complete, and the
   * host finds it by name again.
   */
  @Test
  @Order(3)
  void advertisesAgainAfterAHostDisconnects() {
    Adapter adapter = bluez.adapter(peripheralCtl.name());
    Adapter host = bluez.adapter(hostCtl.name());
    BluezPeripheral p = null;
    boolean forgotten = false;
    try {
      p = BluezPeripheral.start(bluez, adapter, HidProfile.mouse(), "RigAgain");
      host.startLeDiscovery();
      Device d = host.awaitDeviceNamed("RigAgain", WAIT);
      host.stopDiscovery();
      d.connect(WAIT);
      await().atMost(WAIT).pollInSameThread().until(d::connected);
      Instant connected = Instant.now();
      d.disconnect(WAIT);
      await()
          .atMost(WAIT)
          .pollInSameThread()
          .ignoreExceptionsInstanceOf(BluezException.class)
          .until(
              () ->
                  !d.connected()
                      && adapter.device(hostCtl.address()).map(x -> !x.connected()).orElse(true));
      Instant disconnected = Instant.now();
      assertTrue(p.advertisement().isRegistered());

      int index = Integer.parseInt(peripheralCtl.name().substring(3));
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInSameThread()
          .pollInterval(200, MILLISECONDS)
          .until(() -> advertisingEnabledAfterDisconnect(index).isPresent());
      Duration reenable = advertisingEnabledAfterDisconnect(index).orElseThrow();

      LabPeers.forget(adapter, peripheralCtl.address(), host, hostCtl.address());
      forgotten = true;
      double foundS = discoverByName("RigAgain");
      System.out.printf(
          "recovery: disconnect: connected→disconnected %.2f s; Disconnection Complete→advertising"
              + " enabled %.3f s (guest clock); rediscovered by name in %.2f s%n",
          seconds(connected, disconnected), reenable.toNanos() / 1e9, foundS);
    } finally {
      try {
        if (!forgotten) {
          LabPeers.forget(adapter, peripheralCtl.address(), host, hostCtl.address());
        }
      } finally {
        if (p != null) {
          p.close();
        }
      }
    }
  }

  /**
   * From the capture: time from the peripheral controller's last Disconnection Complete to the next
   * LE Set Advertising Enable (0x200A, Core 5.3 Vol 4 Part E §7.8.9) or LE Set Extended Advertising
   * Enable (0x2039, §7.8.56) with Enable = 1 sent to it.
   */
  private static Optional<Duration> advertisingEnabledAfterDisconnect(int index) {
    HciTrace trace = HciTrace.read(lab.outputDir().resolve("hci.btsnoop"));
    Optional<Instant> down =
        trace.connections().stream()
            .filter(c -> c.index() == index)
            .map(Connection::disconnected)
            .flatMap(Optional::stream)
            .max(Instant::compareTo);
    if (down.isEmpty()) {
      return Optional.empty();
    }
    for (TraceRecord r : trace.records()) {
      if (r.index() == index
          && r.packet() instanceof HciCommand c
          && !r.time().isBefore(down.get())
          && (c.opcode() == 0x200A || c.opcode() == 0x2039)
          && c.parameters().size() > 0
          && c.parameters().get(0) == 1) {
        return Optional.of(Duration.between(down.get(), r.time()));
      }
    }
    return Optional.empty();
  }
}
