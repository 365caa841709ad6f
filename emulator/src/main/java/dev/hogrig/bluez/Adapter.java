package dev.hogrig.bluez;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.hogrig.bluez.dbus.Adapter1;
import dev.hogrig.bluez.dbus.Device1;
import dev.hogrig.bluez.dbus.LEAdvertisingManager1;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A live view of one BlueZ adapter ({@code org.bluez.Adapter1} at {@code /org/bluez/hciN}): every
 * getter asks bluetoothd, nothing is cached.
 */
public final class Adapter {
  private final BluezConnection owner;
  private final Bus bus;
  private final String path;

  Adapter(BluezConnection owner, Bus bus, String path) {
    this.owner = owner;
    this.bus = bus;
    this.path = path;
  }

  /** Kernel name, e.g. {@code hci1}. */
  public String name() {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** D-Bus object path, e.g. {@code /org/bluez/hci1}. */
  public String path() {
    return path;
  }

  /** Public address, upper case, e.g. {@code 00:AA:01:01:00:01}. */
  public String address() {
    return (String) prop("Address");
  }

  public String alias() {
    return (String) prop("Alias");
  }

  public void setAlias(String alias) {
    bus.set(path, Adapter1.NAME, "Alias", alias);
  }

  public boolean powered() {
    return (Boolean) prop("Powered");
  }

  public void setPowered(boolean on) {
    bus.set(path, Adapter1.NAME, "Powered", on);
  }

  public boolean discoverable() {
    return (Boolean) prop("Discoverable");
  }

  public void setDiscoverable(boolean on) {
    bus.set(path, Adapter1.NAME, "Discoverable", on);
  }

  public boolean pairable() {
    return (Boolean) prop("Pairable");
  }

  public void setPairable(boolean on) {
    bus.set(path, Adapter1.NAME, "Pairable", on);
  }

  public boolean discovering() {
    return (Boolean) prop("Discovering");
  }

  /** All of {@code org.bluez.Adapter1}'s properties as plain Java values. */
  public ImmutableMap<String, Object> properties() {
    return bus.getAll(path, Adapter1.NAME);
  }

  private Object prop(String name) {
    return bus.get(path, Adapter1.NAME, name);
  }

  /**
   * Starts discovery of LE devices only ({@code SetDiscoveryFilter} with {@code Transport=le}, then
   * {@code StartDiscovery}). The filter belongs to this connection: bluetoothd drops it and stops
   * this client's discovery when the connection goes away.
   */
  public void startLeDiscovery() {
    Adapter1 a = bus.adapter1(path);
    bus.invoke(a, Adapter1.NAME, "SetDiscoveryFilter", Bus.discoveryFilterLe());
    bus.invoke(a, Adapter1.NAME, "StartDiscovery");
  }

  public void stopDiscovery() {
    Adapter1 a = bus.adapter1(path);
    bus.invoke(a, Adapter1.NAME, "StopDiscovery");
  }

  /** The devices bluetoothd knows on this adapter (discovered, connected or bonded). */
  public ImmutableList<Device> devices() {
    ImmutableList.Builder<Device> b = ImmutableList.builder();
    bus.managedObjects()
        .forEach(
            (p, ifaces) -> {
              if (p.startsWith(path + "/") && ifaces.containsKey(Device1.NAME)) {
                b.add(new Device(bus, p));
              }
            });
    return b.build();
  }

  /** The device with this address, if bluetoothd knows it. */
  public Optional<Device> device(String address) {
    String p = path + "/dev_" + address.toUpperCase(java.util.Locale.ROOT).replace(':', '_');
    return devices().stream().filter(d -> d.path().equals(p)).findFirst();
  }

  /**
   * Waits until a device matching {@code which} shows up (polling GetManagedObjects every 100 ms).
   *
   * @throws BluezException with {@link BluezException#TIMEOUT} if none did within {@code timeout};
   *     the message lists the devices that were there
   */
  public Device awaitDevice(Predicate<Device> which, String description, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Device> seen;
    do {
      seen = devices();
      for (Device d : seen) {
        if (which.test(d)) {
          return d;
        }
      }
      sleep(100);
    } while (System.nanoTime() < deadline);
    throw new BluezException(
        "await device " + description,
        path,
        BluezException.TIMEOUT,
        "not seen within " + timeout + "; devices: " + seen,
        null);
  }

  /**
   * Waits until a device whose {@code Name} (from its advertisement or scan response) is {@code
   * name} shows up. Reads names from the same GetManagedObjects answer, so one round trip per poll.
   */
  public Device awaitDeviceNamed(String name, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> seen = List.of();
    do {
      List<String> names = new java.util.ArrayList<>();
      for (Map.Entry<String, ImmutableMap<String, ImmutableMap<String, Object>>> e :
          bus.managedObjects().entrySet()) {
        ImmutableMap<String, Object> dev = e.getValue().get(Device1.NAME);
        if (dev != null && e.getKey().startsWith(path + "/")) {
          Object n = dev.get("Name");
          if (name.equals(n)) {
            return new Device(bus, e.getKey());
          }
          names.add(e.getKey() + "=" + n);
        }
      }
      seen = names;
      sleep(100);
    } while (System.nanoTime() < deadline);
    throw new BluezException(
        "await device named " + name,
        path,
        BluezException.TIMEOUT,
        "not seen within " + timeout + "; devices: " + seen,
        null);
  }

  /**
   * Discovers the device that sends {@code ad} (an advertisement of ours, on another adapter of a
   * bluetoothd this JVM also drives) and returns this adapter's object for it.
   *
   * <p>Why not just StartDiscovery and wait: btvirt (the lab's controllers) hands a scanner one
   * advertising report per advertising enable, not one per interval as a radio would; when that
   * report reaches the kernel before its discovery state is "finding", mgmt sends no Device Found
   * and bluetoothd never makes the device object. So: discovery first, wait until bluetoothd says
   * Discovering, then enable the advertisement anew ({@link Advertisement#restart}). On a real
   * radio the restart is harmless (one more advertising event).
   *
   * @throws BluezException with {@link BluezException#TIMEOUT} when discovery did not start or the
   *     device was not seen within {@code timeout}
   */
  public Device discover(Advertisement ad, Duration timeout) {
    String name =
        ad.data()
            .localName()
            .orElseThrow(() -> new IllegalArgumentException("advertisement without a name"));
    startLeDiscovery();
    try {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!discovering()) {
        if (System.nanoTime() > deadline) {
          throw new BluezException(
              "discover " + name, path, BluezException.TIMEOUT, "not discovering", null);
        }
        sleep(50);
      }
      ad.restart();
      return awaitDeviceNamed(name, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    } finally {
      try {
        stopDiscovery();
      } catch (BluezException e) {
        // Discovery already stopped by bluetoothd (e.g. the device connected): nothing to undo.
      }
    }
  }

  /** Waits for the device with this address. */
  public Device awaitDevice(String address, Duration timeout) {
    return awaitDevice(d -> d.address().equalsIgnoreCase(address), address, timeout);
  }

  /**
   * Removes the device and its bond ({@code Adapter1.RemoveDevice}); disconnects it first if
   * needed.
   */
  public void removeDevice(Device device) {
    Adapter1 a = bus.adapter1(path);
    bus.invoke(a, Adapter1.NAME, "RemoveDevice", BluezConnection.path(device.path()));
  }

  /**
   * Exports {@code data} as an {@code org.bluez.LEAdvertisement1} and registers it with this
   * adapter's {@code LEAdvertisingManager1}. Close the returned handle to unregister it.
   */
  public Advertisement advertise(AdvertisementData data) {
    Advertisement ad = Advertisement.register(owner, bus, path, data);
    owner.track(ad);
    return ad;
  }

  /**
   * Registers a minimal GATT application with one Battery service reporting {@code level} percent
   * ({@link BatteryGattApplication}). Close the handle to unregister it.
   */
  public BatteryGattApplication registerBatteryService(int level) {
    BatteryGattApplication app = BatteryGattApplication.register(owner, bus, path, level);
    owner.track(app);
    return app;
  }

  /**
   * Exports {@code logic}'s GATT database as a GATT application and registers it with this adapter
   * ({@link GattApplication}); events it makes are stamped with {@code clock}. Close the handle to
   * unregister it. Must not be called from a D-Bus callback (see {@link GattApplication}).
   */
  public GattApplication registerGattApplication(
      dev.hogrig.gatt.GattServerLogic logic, java.time.Clock clock) {
    GattApplication app = GattApplication.register(owner, bus, path, logic, clock);
    owner.track(app);
    return app;
  }

  /** How many advertisements are registered on this adapter ({@code ActiveInstances}). */
  public int activeAdvertisements() {
    return ((Number) bus.get(path, LEAdvertisingManager1.NAME, "ActiveInstances")).intValue();
  }

  /** {@code LEAdvertisingManager1}'s properties (ActiveInstances, SupportedInstances, ...). */
  public Map<String, Object> advertisingProperties() {
    return bus.getAll(path, LEAdvertisingManager1.NAME);
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BluezException("wait", "-", "java.lang.InterruptedException", null, e);
    }
  }

  @Override
  public String toString() {
    return "Adapter[" + name() + "]";
  }
}
