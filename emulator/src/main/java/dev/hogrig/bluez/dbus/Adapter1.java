package dev.hogrig.bluez.dbus;

import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.Variant;

/** {@code org.bluez.Adapter1} (bluez doc/adapter-api.txt). Properties go through Properties. */
@DBusInterfaceName("org.bluez.Adapter1")
public interface Adapter1 extends DBusInterface {
  String NAME = "org.bluez.Adapter1";

  void StartDiscovery();

  void StopDiscovery();

  void RemoveDevice(DBusPath device);

  void SetDiscoveryFilter(Map<String, Variant<?>> filter);
}
