package dev.hogrig.bluez;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

/**
 * Puts the shared lab's two BlueZ sides back as a test found them, so the next test (of this class
 * or another on the same lab) starts clean: {@link Peers#forgetEachOther}, and for tests that
 * paired, a fresh bluetoothd.
 */
public final class LabPeers {
  /**
   * Tag of the lab tests kept out of the default run (root pom, surefire {@code excludedGroups})
   * until they have a record of clean runs: those that pair or must discover a peer without {@link
   * #discover} (EmulateLabTest and the bench, whose discovery is in main code; RecoveryLabTest,
   * whose point is that the peripheral advertises again by itself), and those that have not been
   * rerun since the discovery fix. Their failures were mostly btvirt's discovery race (see {@link
   * #discover}); a Pair() that answers "Not paired" (after HogpSecurityLabTest's refused pairing
   * once; in HogpLabTest's third pairing and in BluezLabTest's first pairing once each, in
   * fresh-clone CI runs after the discovery fix) is not explained, so no test that pairs is in the
   * default run. Run them with {@code ./scripts/test-all -Dhogrig.lab.groups=lab-repeat-pairing
   * -Dhogrig.lab.excluded=none}.
   */
  public static final String REPEAT_PAIRING = "lab-repeat-pairing";

  private static final Duration SETTLE = Duration.ofSeconds(30);

  private LabPeers() {}

  /** {@link Peers#forgetEachOther}, each wait bounded by 30 s. */
  static void forget(
      Adapter peripheral, String peripheralAddress, Adapter host, String hostAddress) {
    Peers.forgetEachOther(peripheral, peripheralAddress, host, hostAddress, SETTLE);
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

  /**
   * Discovers {@code p} from {@code host} in the lab without the race that made discovery fail for
   * 60 s at a time: starts discovery, waits until bluetoothd says Discovering (the kernel's
   * discovery state is then "finding"), and only then restarts the peripheral's advertisement,
   * whose enable makes btvirt send the scanner its advertising report (see {@link
   * Advertisement#restart}).
   */
  static Device discover(Adapter host, BluezPeripheral p, Duration wait) {
    return discover(host, p.advertisement(), wait);
  }

  /** {@link #discover(Adapter, BluezPeripheral, Duration)} for a bare advertisement. */
  public static Device discover(Adapter host, Advertisement ad, Duration wait) {
    host.startLeDiscovery();
    try {
      await().atMost(SETTLE).pollInSameThread().until(host::discovering);
      ad.restart();
      return host.awaitDeviceNamed(ad.data().localName().orElseThrow(), wait);
    } finally {
      host.stopDiscovery();
    }
  }
}
