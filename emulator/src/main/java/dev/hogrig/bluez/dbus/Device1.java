package dev.hogrig.bluez.dbus;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;

/** {@code org.bluez.Device1} (bluez doc/device-api.txt). */
@DBusInterfaceName("org.bluez.Device1")
public interface Device1 extends DBusInterface {
  String NAME = "org.bluez.Device1";

  void Connect();

  void Disconnect();

  void Pair();

  void CancelPairing();
}
