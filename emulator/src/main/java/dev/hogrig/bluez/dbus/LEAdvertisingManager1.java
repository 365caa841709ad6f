package dev.hogrig.bluez.dbus;

import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.Variant;

/** {@code org.bluez.LEAdvertisingManager1} (bluez doc/advertising-api.txt), on the adapter. */
@DBusInterfaceName("org.bluez.LEAdvertisingManager1")
public interface LEAdvertisingManager1 extends DBusInterface {
  String NAME = "org.bluez.LEAdvertisingManager1";

  void RegisterAdvertisement(DBusPath advertisement, Map<String, Variant<?>> options);

  void UnregisterAdvertisement(DBusPath advertisement);
}
