package dev.hogrig.bluez;

import com.google.common.collect.ImmutableMap;
import dev.hogrig.bluez.dbus.Device1;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.logging.Logger;

/**
 * A live view of a remote device as one adapter sees it ({@code org.bluez.Device1} at {@code
 * /org/bluez/hciN/dev_XX_XX_XX_XX_XX_XX}). Getters ask bluetoothd each time.
 */
public final class Device {
  private static final Logger LOG = Logger.getLogger(Device.class.getName());
  static final String IN_PROGRESS = "org.bluez.Error.InProgress";
  static final String ALREADY_EXISTS = "org.bluez.Error.AlreadyExists";

  private final Bus bus;
  private final String path;

  Device(Bus bus, String path) {
    this.bus = bus;
    this.path = path;
  }

  public String path() {
    return path;
  }

  /** The adapter this view belongs to, e.g. {@code hci2}. */
  public String adapterName() {
    return DeviceRef.fromPath(path).adapterName();
  }

  /** The remote address, upper case, from the object path (no bus call). */
  public String address() {
    return DeviceRef.fromPath(path).address();
  }

  /** The remote's name (from its advertisement or GAP), if it gave one. */
  public Optional<String> name() {
    return Optional.ofNullable((String) properties().get("Name"));
  }

  public boolean connected() {
    return flag("Connected");
  }

  public boolean paired() {
    return flag("Paired");
  }

  /** Keys were stored (BlueZ 5.66 has {@code Bonded}; an older BlueZ makes this throw). */
  public boolean bonded() {
    return flag("Bonded");
  }

  public boolean servicesResolved() {
    return flag("ServicesResolved");
  }

  public boolean trusted() {
    return flag("Trusted");
  }

  public void setTrusted(boolean on) {
    bus.set(path, Device1.NAME, "Trusted", on);
  }

  /**
   * The peer's battery level as BlueZ's battery plugin read it from the peer's Battery service
   * ({@code org.bluez.Battery1.Percentage} on this device object), if BlueZ has one.
   */
  public OptionalInt batteryPercentage() {
    var ifaces = bus.managedObjects().get(path);
    if (ifaces == null || !ifaces.containsKey("org.bluez.Battery1")) {
      return OptionalInt.empty();
    }
    Object p = ifaces.get("org.bluez.Battery1").get("Percentage");
    return p instanceof Number n ? OptionalInt.of(n.intValue()) : OptionalInt.empty();
  }

  /** All of {@code org.bluez.Device1}'s properties as plain Java values. */
  public ImmutableMap<String, Object> properties() {
    return bus.getAll(path, Device1.NAME);
  }

  private boolean flag(String name) {
    return (Boolean) bus.get(path, Device1.NAME, name);
  }

  /**
   * Pairs over an established link: unless the device is already connected with its services
   * resolved, {@code Device1.Connect()} and a wait for {@code ServicesResolved}; then {@code
   * Device1.Pair()}; returns when bluetoothd reports the outcome. With a NoInputNoOutput agent on
   * both sides this is Just Works. Each of the three steps may take up to {@code timeout}.
   *
   * <p>Why not {@code Pair()} alone on an unconnected LE device: for a device with an auto-connect
   * profile (HOGP, service 0x1812) bluetoothd's {@code pair_device} (BlueZ 5.82 src/device.c) first
   * enables auto-connect (mgmt Add Device, action 2) and then sends mgmt Pair Device. When the
   * kernel's connection from the auto-connect completes before Pair Device arrives but is still in
   * {@code BT_CONFIG} (reading the remote's LE features, L2CAP not yet set up), the kernel's {@code
   * pair_device} (net/bluetooth/mgmt.c) asks {@code hci_conn_security}, whose {@code
   * smp_conn_security} returns "secure enough" because the connection has no L2CAP data yet, and
   * Pair Device completes with success without any pairing. bluetoothd marks the device Paired (not
   * Bonded); the SMP pairing the link then starts by itself reaches bluetoothd's Just Works
   * confirmation, which {@code JustWorksRepairing = never} refuses for a device already paired
   * ({@code device_confirm_passkey}); the pairing fails (0x0c), the link drops, the
   * paired-but-not-bonded device becomes unpaired, and Pair() answers {@code
   * org.bluez.Error.Failed: Not paired} ({@code browse_request_complete}); with Numeric Comparison
   * it never answered. Seen in the virtual lab, whose btvirt links come up within milliseconds
   * (docs/bluez.md, "Host bugs found"). On an established link bluetoothd pairs by raising the ATT
   * bearer's security instead ({@code bt_att_set_security}), with no Pair Device command at all.
   *
   * <p>Why the wait for {@code ServicesResolved}: an LE {@code Connect()} that makes the link
   * answers as soon as the ATT bearer is up, and its {@code att_connect_cb} starts a service browse
   * that holds no D-Bus call. A pairing that completes while that browse runs hands the Pair() call
   * to {@code device_browse_gatt()}, which answers -EBUSY; {@code device_bonding_complete()}
   * ignores that and frees the bonding request, so Pair() is never answered (seen: 60 s timeouts in
   * the lab with BlueZ 5.82). Once services are resolved the browse is gone and bluetoothd answers
   * Pair() when the keys arrive.
   *
   * <p>The host may pair by itself once connected (BlueZ's HOGP host raises security when it is not
   * bonded, input.conf {@code LEAutoSecurity}); if that bond is complete before {@code Pair()}
   * arrives, bluetoothd answers {@code AlreadyExists}, which counts as paired.
   *
   * @throws BluezException when Connect() or Pair() fails or does not answer within {@code timeout}
   */
  public void pair(Duration timeout) {
    if (!(connected() && servicesResolved())) {
      try {
        connect(timeout);
      } catch (BluezException e) {
        if (!IN_PROGRESS.equals(e.errorName())) {
          throw e;
        }
        // A connection or service discovery of bluetoothd's own is under way: wait for it.
      }
      awaitConnectedAndResolved(timeout);
    }
    try {
      pairAsIs(timeout);
    } catch (BluezException e) {
      if (!(ALREADY_EXISTS.equals(e.errorName()) && paired())) {
        throw e;
      }
      LOG.fine(() -> this + ": already paired when Pair() arrived (the host raised security)");
    }
  }

  /**
   * {@code Device1.Pair()} in whatever state the device is in, without {@link #pair}'s connection
   * first: for tests that show the difference.
   */
  void pairAsIs(Duration timeout) {
    bus.invoke(bus.proxy(path, Device1.class), Device1.NAME, "Pair", timeout);
  }

  private void awaitConnectedAndResolved(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        if (connected() && servicesResolved()) {
          return;
        }
      } catch (BluezException e) {
        // Properties change while the link comes up: ask again.
      }
      if (System.nanoTime() > deadline) {
        throw new BluezException(
            "org.bluez.Device1.Connect",
            path,
            BluezException.TIMEOUT,
            "not connected with services resolved within " + timeout.toSeconds() + " s",
            null);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BluezException(
            "org.bluez.Device1.Connect", path, BluezException.TIMEOUT, "interrupted", e);
      }
    }
  }

  /** {@code Device1.Connect()}: connects and resolves services. */
  public void connect(Duration timeout) {
    bus.invoke(bus.proxy(path, Device1.class), Device1.NAME, "Connect", timeout);
  }

  /** {@code Device1.Disconnect()}. */
  public void disconnect(Duration timeout) {
    bus.invoke(bus.proxy(path, Device1.class), Device1.NAME, "Disconnect", timeout);
  }

  public DeviceRef ref() {
    return DeviceRef.fromPath(path);
  }

  @Override
  public String toString() {
    return "Device[" + adapterName() + " -> " + address() + "]";
  }
}
