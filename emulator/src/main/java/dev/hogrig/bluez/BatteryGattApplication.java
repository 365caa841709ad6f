package dev.hogrig.bluez;

import dev.hogrig.bluez.dbus.GattCharacteristic1;
import dev.hogrig.bluez.dbus.GattManager1;
import dev.hogrig.bluez.dbus.GattService1;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.types.Variant;

/**
 * A minimal GATT application: one primary Battery service (0x180F) with a readable Battery Level
 * characteristic (0x2A19, one byte, percent; Battery Service 1.0 §3.1), registered with {@code
 * GattManager1.RegisterApplication}. It is the first, fixed-shape export of a GATT application
 * (bluez doc/gatt-api.txt "GATT Application"): an {@code ObjectManager} at the application root
 * whose {@code GetManagedObjects} lists the service and characteristic objects below it. It will be
 * generalised once the GATT model exists.
 *
 * <pre>
 * /dev/hogrig/gattN                       org.freedesktop.DBus.ObjectManager
 * /dev/hogrig/gattN/service0              org.bluez.GattService1  UUID=180f Primary=true
 * /dev/hogrig/gattN/service0/char0        org.bluez.GattCharacteristic1
 *                                           UUID=2a19 Service=…/service0 Flags=[read]
 * </pre>
 *
 * No CCC descriptor is exported: BlueZ adds one itself for characteristics that notify.
 */
public final class BatteryGattApplication implements AutoCloseable {
  static final String BATTERY_SERVICE = "0000180f-0000-1000-8000-00805f9b34fb";
  static final String BATTERY_LEVEL = "00002a19-0000-1000-8000-00805f9b34fb";

  private final BluezConnection owner;
  private final Bus bus;
  private final String adapterPath;
  private final String root;
  private final AtomicInteger level;
  private final AtomicInteger reads = new AtomicInteger();
  private volatile boolean registered;

  private BatteryGattApplication(
      BluezConnection owner, Bus bus, String adapterPath, String root, int level) {
    this.owner = owner;
    this.bus = bus;
    this.adapterPath = adapterPath;
    this.root = root;
    this.level = new AtomicInteger(level);
  }

  static BatteryGattApplication register(
      BluezConnection owner, Bus bus, String adapterPath, int level) {
    if (level < 0 || level > 100) {
      throw new IllegalArgumentException("battery level is 0..100 %: " + level);
    }
    String root = bus.newObjectPath("gatt");
    BatteryGattApplication app = new BatteryGattApplication(owner, bus, adapterPath, root, level);
    Service service = new Service(root + "/service0");
    Characteristic chr = new Characteristic(app, root + "/service0/char0", service.path);
    Root manager = new Root(root, service, chr);
    Bus.run(
        "export GATT application",
        root,
        () -> {
          bus.connection().exportObject(root, manager);
          bus.connection().exportObject(service.path, service);
          bus.connection().exportObject(chr.path, chr);
        });
    GattManager1 gm = bus.proxy(adapterPath, GattManager1.class);
    try {
      // bluetoothd calls GetManagedObjects on our root before it answers: dbus-java serves that
      // on its method-call pool while this thread waits, so this does not deadlock.
      bus.invoke(
          gm,
          GattManager1.NAME,
          "RegisterApplication",
          BluezConnection.path(root),
          new LinkedHashMap<String, Variant<?>>());
    } catch (BluezException e) {
      app.unexport();
      throw e;
    }
    app.registered = true;
    return app;
  }

  /** The application root's object path. */
  public String path() {
    return root;
  }

  /** The level a read returns from now on (0..100). */
  public void setLevel(int percent) {
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException("battery level is 0..100 %: " + percent);
    }
    level.set(percent);
  }

  /** How many times a client read the Battery Level. */
  public int reads() {
    return reads.get();
  }

  public boolean isRegistered() {
    return registered;
  }

  @Override
  public void close() {
    owner.untrack(this);
    try {
      if (registered) {
        registered = false;
        GattManager1 gm = bus.proxy(adapterPath, GattManager1.class);
        bus.invoke(gm, GattManager1.NAME, "UnregisterApplication", BluezConnection.path(root));
      }
    } finally {
      unexport();
    }
  }

  private void unexport() {
    bus.connection().unExportObject(root + "/service0/char0");
    bus.connection().unExportObject(root + "/service0");
    bus.connection().unExportObject(root);
  }

  private static final class Service extends ReadOnlyObject implements GattService1 {
    Service(String path) {
      super(path);
    }

    @Override
    String iface() {
      return GattService1.NAME;
    }

    @Override
    Map<String, Variant<?>> properties() {
      Map<String, Variant<?>> m = new LinkedHashMap<>();
      m.put("UUID", new Variant<>(BATTERY_SERVICE));
      m.put("Primary", new Variant<>(true));
      return m;
    }
  }

  private static final class Characteristic extends ReadOnlyObject implements GattCharacteristic1 {
    private final BatteryGattApplication app;
    private final String servicePath;

    Characteristic(BatteryGattApplication app, String path, String servicePath) {
      super(path);
      this.app = app;
      this.servicePath = servicePath;
    }

    @Override
    String iface() {
      return GattCharacteristic1.NAME;
    }

    @Override
    Map<String, Variant<?>> properties() {
      Map<String, Variant<?>> m = new LinkedHashMap<>();
      m.put("UUID", new Variant<>(BATTERY_LEVEL));
      m.put("Service", new Variant<>(new DBusPath(servicePath)));
      m.put("Flags", new Variant<>(List.of("read"), "as"));
      return m;
    }

    @Override
    public byte[] ReadValue(Map<String, Variant<?>> options) {
      app.reads.incrementAndGet();
      return new byte[] {(byte) app.level.get()};
    }

    @Override
    public void WriteValue(byte[] value, Map<String, Variant<?>> options) {
      throw new DBusExecutionException("Battery Level is read-only");
    }

    @Override
    public void StartNotify() {
      throw new DBusExecutionException("Battery Level does not notify here");
    }

    @Override
    public void StopNotify() {}

    @Override
    public dev.hogrig.bluez.dbus.AcquiredFd<
            org.freedesktop.dbus.FileDescriptor, org.freedesktop.dbus.types.UInt16>
        AcquireNotify(Map<String, Variant<?>> options) {
      // No NotifyAcquired property: bluetoothd never asks (read-only Battery Level here).
      throw org.bluez.Error.of("NotSupported", "AcquireNotify is not offered");
    }
  }

  private static final class Root implements ObjectManager {
    private final String path;
    private final Service service;
    private final Characteristic chr;

    Root(String path, Service service, Characteristic chr) {
      this.path = path;
      this.service = service;
      this.chr = chr;
    }

    @Override
    public String getObjectPath() {
      return path;
    }

    @Override
    public Map<DBusPath, Map<String, Map<String, Variant<?>>>> GetManagedObjects() {
      Map<DBusPath, Map<String, Map<String, Variant<?>>>> m = new LinkedHashMap<>();
      m.put(new DBusPath(service.path), Map.of(GattService1.NAME, service.properties()));
      m.put(new DBusPath(chr.path), Map.of(GattCharacteristic1.NAME, chr.properties()));
      return m;
    }
  }
}
