package dev.hogrig.bluez.dbus;

import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.Variant;

/** {@code org.bluez.GattManager1} on the adapter (bluez doc/gatt-api.txt). */
@DBusInterfaceName("org.bluez.GattManager1")
public interface GattManager1 extends DBusInterface {
  String NAME = "org.bluez.GattManager1";

  void RegisterApplication(DBusPath application, Map<String, Variant<?>> options);

  void UnregisterApplication(DBusPath application);
}
