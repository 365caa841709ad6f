package dev.hogrig.scenarios;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogrig.bluez.PeripheralEvent;
import dev.hogrig.gatt.GattEvent;
import dev.hogrig.gatt.HidProfile;
import dev.hogrig.hci.LinkEvent;
import dev.hogrig.lab.GuestBluetoothd;
import dev.hogrig.lab.VirtualLab;
import dev.hogrig.report.FailureKind;
import dev.hogrig.scenario.Emulator;
import dev.hogrig.scenario.Host;
import dev.hogrig.scenario.KnownIssue;
import dev.hogrig.scenario.Rig;
import dev.hogrig.scenario.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * bluetoothd stops and starts again while a bonded keyboard is typing (a distribution update, a
 * crash and systemd's restart). The emulator must notice (its bus name goes), stop sending into the
 * void, register its application, advertisement and agent with the new bluetoothd, and type again
 * once the host is back.
 *
 * <p>In the lab one bluetoothd serves the peripheral's and the host's controllers, so the host's
 * side restarts too: this is "bluetoothd restarted on both sides", and what it records about the
 * host is how a Linux host comes back to a bonded keyboard after its own restart. A restart of the
 * peripheral's side alone needs the peripheral on a stack of its own (two guests joined by the
 * virtual radio of issue 5).
 */
@Scenario(
    name = "bluetoothd-restart",
    summary = "bluetoothd restarts mid-typing; the keyboard re-registers and types again",
    records =
        "the text the host got before and after, what became of the keys typed while bluetoothd"
            + " was away (sent, queued, dropped), time to re-register, time until the host was"
            + " connected and subscribed again, time to the first key after",
    requires = "the lab (restarts its bluetoothd, which both sides share)")
class BluetoothdRestartScenario {
  static final Duration BACK = Duration.ofSeconds(120);

  /** Typed while bluetoothd restarts: long enough (about 4 s at 40 Hz) to span the stop. */
  static final String DURING = "the quick brown fox jumps over the lazy dog";

  @Test
  @KnownIssue(
      host = "lab-linux",
      kind = FailureKind.LINK_DROPPED,
      summary =
          "after bluetoothd restarts, the lab host's own reconnection to the bonded keyboard is"
              + " half-open (its btvirt controller reports a link the peripheral's never does)"
              + " and, once the rig ends it, the host does not connect again within 120 s",
      reference = "docs/scenarios.md#bluetoothd-restart")
  void keyboardTypesAgainAfterBluetoothdRestarts(Rig rig) throws Exception {
    VirtualLab lab =
        rig.lab()
            .orElseThrow(
                () ->
                    new TestAbortedException(
                        "bluetoothd-restart needs the lab: the rig restarts the lab's bluetoothd"));
    Emulator kbd = rig.emulate(HidProfile.keyboard(), "RigRestartKbd");
    Host host = rig.host();
    host.pair(kbd);
    host.eventually().subscribedToAllInputReports();
    kbd.type("before");
    host.eventually().typed("before");

    List<PeripheralEvent> seen = new CopyOnWriteArrayList<>();
    kbd.peripheral().addListener(seen::add);
    int mark = kbd.events().size();
    GuestBluetoothd.Daemon daemon = GuestBluetoothd.running(lab);
    rig.atTeardown("make sure bluetoothd runs", () -> GuestBluetoothd.ensureRunning(lab, daemon));
    // Mid-stream: a key every 100 ms from before the stop until bluetoothd is back.
    AtomicBoolean typingOn = new AtomicBoolean(true);
    AtomicInteger keys = new AtomicInteger();
    CompletableFuture<Void> typing =
        CompletableFuture.runAsync(
            () -> {
              while (typingOn.get()) {
                kbd.type("x");
                keys.incrementAndGet();
                pause(100);
              }
            });
    pause(500);
    Instant stopped = Instant.now();
    try {
      rig.evidence()
          .step(
              "restart bluetoothd (SIGTERM, then its own command line again)",
              () -> {
                GuestBluetoothd.stop(lab);
                GuestBluetoothd.start(lab, daemon);
                GuestBluetoothd.powerOnAll(lab);
                GuestBluetoothd.awaitPowered(lab, 2, Duration.ofSeconds(60));
              });
    } finally {
      typingOn.set(false);
      typing.get(BACK.toSeconds(), TimeUnit.SECONDS);
    }
    Optional<PeripheralEvent.Recovered> recovered =
        rig.evidence()
            .step(
                "emulator registers again",
                () -> {
                  long end = System.nanoTime() + BACK.toNanos();
                  while (System.nanoTime() < end) {
                    Optional<PeripheralEvent.Recovered> r = first(seen);
                    if (r.isPresent() || failed(seen)) {
                      return r;
                    }
                    pause(100);
                  }
                  return Optional.<PeripheralEvent.Recovered>empty();
                });
    rig.evidence()
        .attachText(
            "peripheral events",
            String.join("\n", seen.stream().map(Object::toString).toList()) + "\n");
    assertTrue(
        recovered.isPresent(),
        FailureKind.LINK_DROPPED.message(
            "the emulator did not register again with the new bluetoothd: " + seen));
    rig.evidence()
        .parameter(
            "re-registered after (s)",
            String.format(
                "%.2f", Duration.between(stopped, recovered.get().time()).toMillis() / 1e3));
    // Up to now: the keys typed during the restart (and no flush yet: nobody subscribed again).
    long sent = count(kbd, mark, GattEvent.Notification.class);
    long queued = count(kbd, mark, GattEvent.NotificationQueued.class);
    long dropped = count(kbd, mark, GattEvent.NotificationDropped.class);
    rig.evidence()
        .parameter(
            "reports typed during the restart",
            String.format(
                "%d keys (%d reports): %d sent, %d queued, %d dropped",
                keys.get(), 2 * keys.get(), sent, queued, dropped));
    boolean back;
    try {
      back = rig.evidence().step("host connects again", () -> host.awaitReconnection(kbd, BACK));
    } catch (RuntimeException e) {
      if (!halfOpen(rig)) {
        throw e;
      }
      // A lab artefact, not the host's doing: btvirt has no air, so the host's background
      // connection reached the peripheral's controller before it was powered and advertising;
      // the peripheral's never reported it and, without a supervision timeout, the link never
      // ends. The rig ends it and lets the host connect, then checks input as before.
      rig.evidence()
          .parameter(
              "host's own reconnection",
              "half-open (btvirt: the host's controller reported a link the peripheral's never"
                  + " did); ended and reconnected by the rig");
      // The host keeps the bonded keyboard in its auto-connect list: once the link is gone it
      // connects again by itself (an explicit Connect now answers "Operation already in
      // progress").
      back =
          rig.evidence()
              .step(
                  "rig ends the half-open link; the host connects again by itself",
                  () -> {
                    host.disconnect(kbd);
                    return host.awaitReconnection(kbd, BACK);
                  });
    }
    rig.evidence()
        .parameter(
            "host connected again after (s)",
            back
                ? String.format("%.2f", Duration.between(stopped, Instant.now()).toMillis() / 1e3)
                : "never");
    assertTrue(
        back,
        FailureKind.LINK_DROPPED.message(
            "the host did not connect to the bonded keyboard within "
                + BACK.toSeconds()
                + " s of bluetoothd's restart"));
    host.eventually().subscribedToAllInputReports();
    Instant k0 = Instant.now();
    kbd.type("after");
    host.eventually().typed("after");
    rig.evidence()
        .parameter(
            "first text after the restart took (s)",
            String.format("%.2f", Duration.between(k0, Instant.now()).toMillis() / 1e3));
  }

  /**
   * Whether the last connection in the capture is half-open: the host's controller reported it (LE
   * Connection Complete, role central) and the peripheral's did not.
   */
  private static boolean halfOpen(Rig rig) {
    List<LinkEvent> events = rig.linkEvents();
    LinkEvent.Connected last = null;
    for (LinkEvent e : events) {
      if (e instanceof LinkEvent.Connected c) {
        last = c;
      }
    }
    if (last == null || last.role() != dev.hogrig.hci.Connection.Role.CENTRAL) {
      return false;
    }
    Instant at = last.time();
    return events.stream()
        .noneMatch(
            e ->
                e instanceof LinkEvent.Connected c
                    && c.role() == dev.hogrig.hci.Connection.Role.PERIPHERAL
                    && !c.time().isBefore(at.minusSeconds(1)));
  }

  private static Optional<PeripheralEvent.Recovered> first(List<PeripheralEvent> seen) {
    return seen.stream()
        .filter(e -> e instanceof PeripheralEvent.Recovered)
        .map(e -> (PeripheralEvent.Recovered) e)
        .findFirst();
  }

  private static boolean failed(List<PeripheralEvent> seen) {
    return seen.stream().anyMatch(e -> e instanceof PeripheralEvent.RecoveryFailed);
  }

  /** Events of {@code type} after {@code mark} in the emulator's events. */
  private static long count(Emulator kbd, int mark, Class<? extends GattEvent> type) {
    return kbd.eventsSince(mark).stream().filter(type::isInstance).count();
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
