package dev.hogrig.bluez;

import dev.hogrig.bluez.dbus.LEAdvertisement1;
import dev.hogrig.bluez.dbus.LEAdvertisingManager1;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.Variant;

/**
 * A registered LE advertisement. {@link #close()} unregisters it ({@code UnregisterAdvertisement})
 * and withdraws the exported object; if bluetoothd released it first ({@code Release()}: adapter
 * gone, bluetoothd stopping), close only withdraws the object.
 */
public final class Advertisement implements AutoCloseable {
  private final BluezConnection owner;
  private final Bus bus;
  private final String adapterPath;
  private final String path;
  private final AdvertisementData data;
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile boolean registered;

  private Advertisement(
      BluezConnection owner, Bus bus, String adapterPath, String path, AdvertisementData data) {
    this.owner = owner;
    this.bus = bus;
    this.adapterPath = adapterPath;
    this.path = path;
    this.data = data;
  }

  static Advertisement register(
      BluezConnection owner, Bus bus, String adapterPath, AdvertisementData data) {
    String path = bus.newObjectPath("advertisement");
    Advertisement ad = new Advertisement(owner, bus, adapterPath, path, data);
    Exported exported = new Exported(ad);
    Bus.run(
        "export " + LEAdvertisement1.NAME,
        path,
        () -> bus.connection().exportObject(path, exported));
    LEAdvertisingManager1 manager = bus.proxy(adapterPath, LEAdvertisingManager1.class);
    try {
      // bluetoothd answers only after it has read our properties (GetAll): that callback is
      // served by dbus-java's method-call pool, not by this thread, so blocking here is safe.
      bus.invoke(
          manager,
          LEAdvertisingManager1.NAME,
          "RegisterAdvertisement",
          BluezConnection.path(path),
          new LinkedHashMap<String, Variant<?>>());
    } catch (BluezException e) {
      bus.connection().unExportObject(path);
      throw e;
    }
    ad.registered = true;
    return ad;
  }

  /**
   * Registers the still exported object again with the adapter's {@code LEAdvertisingManager1}
   * (after bluetoothd restarted). Returns false when bluetoothd already had it ({@code
   * org.bluez.Error.AlreadyExists}: BlueZ src/advertising.c keeps its clients across an adapter
   * power cycle); either way it counts as registered afterwards.
   *
   * @throws BluezException for any other error
   */
  boolean reregister() {
    LEAdvertisingManager1 manager = bus.proxy(adapterPath, LEAdvertisingManager1.class);
    try {
      bus.invoke(
          manager,
          LEAdvertisingManager1.NAME,
          "RegisterAdvertisement",
          BluezConnection.path(path),
          new LinkedHashMap<String, Variant<?>>());
      registered = true;
      return true;
    } catch (BluezException e) {
      if (BluezPeripheral.ALREADY_EXISTS.equals(e.errorName())) {
        registered = true;
        return false;
      }
      throw e;
    }
  }

  /**
   * Unregisters and registers the same advertisement again, so that the controller enables
   * advertising anew. In the lab this is how a scanner that is already discovering gets a report:
   * btvirt's controllers report an advertiser only when scanning or advertising is enabled, never
   * again, and the kernel drops the report it gets at its own scan enable when that report arrives
   * before the discovery state is "finding" (mgmt_device_found: no device found event while
   * discovery is not active), a race a real radio's timing does not run.
   */
  void restart() {
    LEAdvertisingManager1 manager = bus.proxy(adapterPath, LEAdvertisingManager1.class);
    if (registered) {
      registered = false;
      bus.invoke(
          manager,
          LEAdvertisingManager1.NAME,
          "UnregisterAdvertisement",
          BluezConnection.path(path));
    }
    reregister();
  }

  /** The exported object's path. */
  public String path() {
    return path;
  }

  public AdvertisementData data() {
    return data;
  }

  /**
   * True from registration until close or bluetoothd's Release; true again after a {@link
   * BluezPeripheral} registered it anew.
   */
  public boolean isRegistered() {
    return registered;
  }

  /**
   * Whether bluetoothd ever called {@code Release()} (it does when it exits or the adapter goes
   * away: src/advertising.c {@code client_destroy}), waiting up to {@code millis}.
   */
  public boolean awaitReleased(long millis) {
    try {
      return released.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    owner.untrack(this);
    try {
      if (registered) {
        registered = false;
        LEAdvertisingManager1 manager = bus.proxy(adapterPath, LEAdvertisingManager1.class);
        bus.invoke(
            manager,
            LEAdvertisingManager1.NAME,
            "UnregisterAdvertisement",
            BluezConnection.path(path));
      }
    } finally {
      bus.connection().unExportObject(path);
    }
  }

  Map<String, Variant<?>> wireProperties() {
    Map<String, Variant<?>> m = new LinkedHashMap<>();
    m.put("Type", new Variant<>(data.type().wireName()));
    if (!data.serviceUuids().isEmpty()) {
      List<String> uuids = new ArrayList<>(data.serviceUuids());
      m.put("ServiceUUIDs", new Variant<>(uuids, "as"));
    }
    data.appearance().ifPresent(a -> m.put("Appearance", new Variant<>(new UInt16(a))));
    data.localName().ifPresent(n -> m.put("LocalName", new Variant<>(n)));
    m.put("Discoverable", new Variant<>(data.discoverable()));
    return m;
  }

  @Override
  public String toString() {
    return "Advertisement[" + path + " on " + adapterPath + ", " + data + "]";
  }

  /** The object bluetoothd talks to; kept apart so its D-Bus methods are not public API. */
  static final class Exported extends ReadOnlyObject implements LEAdvertisement1 {
    private final Advertisement ad;

    Exported(Advertisement ad) {
      super(ad.path);
      this.ad = ad;
    }

    @Override
    public void Release() {
      ad.registered = false;
      ad.released.countDown();
    }

    @Override
    String iface() {
      return LEAdvertisement1.NAME;
    }

    @Override
    Map<String, Variant<?>> properties() {
      return ad.wireProperties();
    }
  }
}
