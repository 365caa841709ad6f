package dev.hogrig.bluez.dbus;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;

/**
 * {@code org.bluez.LEAdvertisement1}, exported by the application. Its data are properties that
 * bluetoothd reads with {@code org.freedesktop.DBus.Properties.GetAll}.
 */
@DBusInterfaceName("org.bluez.LEAdvertisement1")
public interface LEAdvertisement1 extends DBusInterface {
  String NAME = "org.bluez.LEAdvertisement1";

  /** bluetoothd dropped the advertisement (adapter gone, bluetoothd stopping). */
  void Release();
}
