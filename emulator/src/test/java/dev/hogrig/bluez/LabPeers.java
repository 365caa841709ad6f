package dev.hogrig.bluez;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

/**
 * Puts the shared lab's two BlueZ sides back as a test found them, so the next test (of this class
 * or another on the same lab) starts clean: host discovery stopped, the link really down on both
 * sides, and each side's device object (and bond) for the other removed. Seen without the waits:
 * the next test's advertisement was never discovered (the peripheral controller was still in the
 * old connection) and its StartDiscovery failed with InProgress, failing three tests in a row.
 */
final class LabPeers {
  /**
   * Tag of the lab tests that pair again with a peer an earlier test paired with and removed.
   * Excluded from the default run (root pom, surefire {@code excludedGroups}) while this flake is
   * open: in 3 of 6 fresh-clone runs one such test never saw the peer's advertisement (the host
   * controller reported it, bluetoothd made no device object for 60 s), even with the cleanup
   * below. Run them with {@code ./scripts/test-all -Dhogrig.lab.groups=lab-repeat-pairing
   * -Dhogrig.lab.excluded=none}.
   */
  static final String REPEAT_PAIRING = "lab-repeat-pairing";

  private static final Duration SETTLE = Duration.ofSeconds(30);

  private LabPeers() {}

  static void forget(
      Adapter peripheral, String peripheralAddress, Adapter host, String hostAddress) {
    try {
      if (host.discovering()) {
        host.stopDiscovery();
      }
    } catch (BluezException e) {
      // Not discovering after all (bluetoothd answers NotReady/Failed): nothing to stop.
    }
    disconnect(host, peripheralAddress);
    disconnect(peripheral, hostAddress);
    await()
        .atMost(SETTLE)
        .pollInSameThread()
        .ignoreExceptionsInstanceOf(BluezException.class)
        .until(
            () ->
                host.device(peripheralAddress).map(d -> !d.connected()).orElse(true)
                    && peripheral.device(hostAddress).map(d -> !d.connected()).orElse(true));
    try {
      host.device(peripheralAddress).ifPresent(host::removeDevice);
    } finally {
      peripheral.device(hostAddress).ifPresent(peripheral::removeDevice);
    }
    await()
        .atMost(SETTLE)
        .pollInSameThread()
        .ignoreExceptionsInstanceOf(BluezException.class)
        .until(
            () ->
                host.device(peripheralAddress).isEmpty()
                    && peripheral.device(hostAddress).isEmpty()
                    && !host.discovering());
    // Seen in 2 of 5 full runs: after a test that paired, connected and removed the peer, the
    // host's controller kept reporting the next test's advertisement (in the capture) while
    // bluetoothd made no device object for 60 s. Cause not found; power-cycling the host adapter
    // gives the next test fresh discovery state in bluetoothd and the kernel.
    host.setPowered(false);
    await().atMost(SETTLE).pollInSameThread().until(() -> !host.powered());
    host.setPowered(true);
    await().atMost(SETTLE).pollInSameThread().until(host::powered);
  }

  private static void disconnect(Adapter side, String otherAddress) {
    side.device(otherAddress)
        .filter(Device::connected)
        .ifPresent(
            d -> {
              try {
                d.disconnect(SETTLE);
              } catch (BluezException e) {
                // Already going down; the wait below tells.
              }
            });
  }
}
