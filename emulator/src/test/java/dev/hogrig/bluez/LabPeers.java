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
public final class LabPeers {
  /**
   * Tag of the lab tests that pair again with a peer an earlier test paired with and removed.
   * Excluded from the default run (root pom, surefire {@code excludedGroups}) while this flake is
   * open: in 3 of 6 fresh-clone runs one such test never saw the peer's advertisement (the host
   * controller reported it, bluetoothd made no device object for 60 s), even with the cleanup
   * below. Run them with {@code ./scripts/test-all -Dhogrig.lab.groups=lab-repeat-pairing
   * -Dhogrig.lab.excluded=none}.
   */
  public static final String REPEAT_PAIRING = "lab-repeat-pairing";

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

  /**
   * {@link #forget} and then a fresh bluetoothd (SIGTERM, started again with the same command line,
   * both adapters powered again): whatever in-memory state about the removed peer made a later
   * pairing stall is gone with the process. The storage under /var/lib/bluetooth (a tmpfs in the
   * lab) holds nothing for the peer after RemoveDevice.
   */
  public static void forget(
      dev.hogrig.lab.VirtualLab lab,
      Adapter peripheral,
      String peripheralAddress,
      Adapter host,
      String hostAddress) {
    try {
      forget(peripheral, peripheralAddress, host, hostAddress);
    } finally {
      LabBluetoothd.Daemon d = LabBluetoothd.running(lab);
      LabBluetoothd.stop(lab);
      LabBluetoothd.start(lab, d);
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInSameThread()
          .pollInterval(Duration.ofMillis(250))
          .ignoreExceptionsInstanceOf(BluezException.class)
          .until(() -> peripheral.powered() && host.powered());
    }
  }
}
