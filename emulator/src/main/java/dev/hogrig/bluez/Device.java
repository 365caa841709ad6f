package dev.hogrig.bluez;

import com.google.common.collect.ImmutableMap;
import dev.hogrig.bluez.dbus.Device1;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A live view of a remote device as one adapter sees it ({@code org.bluez.Device1} at {@code
 * /org/bluez/hciN/dev_XX_XX_XX_XX_XX_XX}). Getters ask bluetoothd each time.
 */
public final class Device {
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
   * {@code Device1.Pair()}: connects if needed and pairs; returns when bluetoothd reports the
   * outcome. With a NoInputNoOutput agent on both sides this is Just Works.
   */
  public void pair(Duration timeout) {
    bus.invoke(bus.proxy(path, Device1.class), Device1.NAME, "Pair", timeout);
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
