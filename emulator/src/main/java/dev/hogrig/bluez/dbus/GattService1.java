package dev.hogrig.bluez.dbus;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;

/** {@code org.bluez.GattService1}: no methods, only properties (UUID, Primary). */
@DBusInterfaceName("org.bluez.GattService1")
public interface GattService1 extends DBusInterface {
  String NAME = "org.bluez.GattService1";
}
