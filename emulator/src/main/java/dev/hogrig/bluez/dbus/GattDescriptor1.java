package dev.hogrig.bluez.dbus;

import java.util.Map;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.Variant;

/** {@code org.bluez.GattDescriptor1}, exported by a GATT application (bluez doc/gatt-api.txt). */
@DBusInterfaceName("org.bluez.GattDescriptor1")
public interface GattDescriptor1 extends DBusInterface {
  String NAME = "org.bluez.GattDescriptor1";

  byte[] ReadValue(Map<String, Variant<?>> options);

  void WriteValue(byte[] value, Map<String, Variant<?>> options);
}
