package dev.hogrig.bluez;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Puts two adapters of one bluetoothd that were peers (a peripheral and the host that paired with
 * it) back as they were before they met, so that the next pairing starts clean: the host's
 * discovery stopped, the link down on both sides, each side's device object (and with it the bond)
 * for the other removed, and the host adapter power-cycled.
 *
 * <p>Why each step: without the waits, the next advertisement was never discovered (the
 * peripheral's controller was still in the old connection) and StartDiscovery failed with
 * InProgress; without the power cycle, in 2 of 5 runs with BlueZ 5.66 the host's controller kept
 * reporting the next advertisement while bluetoothd made no device object for 60 s.
 */
public final class Peers {
  private Peers() {}

  /**
   * Forgets the peers; each wait is bounded by {@code settle}.
   *
   * @throws BluezException when a step fails or does not finish within {@code settle} (error name
   *     {@link BluezException#TIMEOUT})
   */
  public static void forgetEachOther(
      Adapter peripheral,
      String peripheralAddress,
      Adapter host,
      String hostAddress,
      Duration settle) {
    try {
      if (host.discovering()) {
        host.stopDiscovery();
      }
    } catch (BluezException e) {
      // Not discovering after all (bluetoothd answers NotReady/Failed): nothing to stop.
    }
    disconnect(host, peripheralAddress, settle);
    disconnect(peripheral, hostAddress, settle);
    until(
        () ->
            host.device(peripheralAddress).map(d -> !d.connected()).orElse(true)
                && peripheral.device(hostAddress).map(d -> !d.connected()).orElse(true),
        settle,
        host,
        "both sides disconnected");
    try {
      host.device(peripheralAddress).ifPresent(host::removeDevice);
    } finally {
      peripheral.device(hostAddress).ifPresent(peripheral::removeDevice);
    }
    until(
        () ->
            host.device(peripheralAddress).isEmpty()
                && peripheral.device(hostAddress).isEmpty()
                && !host.discovering(),
        settle,
        host,
        "both device objects removed");
    host.setPowered(false);
    until(() -> !host.powered(), settle, host, "host adapter powered off");
    host.setPowered(true);
    until(host::powered, settle, host, "host adapter powered on");
  }

  private static void disconnect(Adapter side, String otherAddress, Duration settle) {
    try {
      side.device(otherAddress).filter(Device::connected).ifPresent(d -> d.disconnect(settle));
    } catch (BluezException e) {
      // Already going down; the wait after tells.
    }
  }

  /** Polls {@code done} every 20 ms; BlueZ errors while it changes state count as "not yet". */
  private static void until(BooleanSupplier done, Duration timeout, Adapter host, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        if (done.getAsBoolean()) {
          return;
        }
      } catch (BluezException e) {
        // bluetoothd busy or the object going away: ask again.
      }
      if (System.nanoTime() > deadline) {
        throw new BluezException(
            "forget peers",
            host.path(),
            BluezException.TIMEOUT,
            "no " + what + " within " + timeout.toSeconds() + " s",
            null);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BluezException(
            "forget peers", host.path(), BluezException.TIMEOUT, "interrupted", e);
      }
    }
  }
}
