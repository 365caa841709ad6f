package dev.hogrig.bluez.dbus;

import java.util.Map;
import org.freedesktop.dbus.FileDescriptor;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.Variant;

/**
 * {@code org.bluez.GattCharacteristic1}, exported by a GATT application (bluez doc/gatt-api.txt).
 */
@DBusInterfaceName("org.bluez.GattCharacteristic1")
public interface GattCharacteristic1 extends DBusInterface {
  String NAME = "org.bluez.GattCharacteristic1";

  byte[] ReadValue(Map<String, Variant<?>> options);

  void WriteValue(byte[] value, Map<String, Variant<?>> options);

  void StartNotify();

  void StopNotify();

  /**
   * Hands bluetoothd a socket whose packets it sends as notifications to the one host in the {@code
   * device} option. bluetoothd calls it instead of StartNotify only when the characteristic has the
   * {@code NotifyAcquired} property; an implementation that offers none answers {@code
   * org.bluez.Error.NotSupported}, after which bluetoothd uses StartNotify. (Not a default method:
   * dbus-java 5.1.1 exports no default methods, {@code ExportedObject.isExcluded}.)
   */
  AcquiredFd<FileDescriptor, UInt16> AcquireNotify(Map<String, Variant<?>> options);
}
