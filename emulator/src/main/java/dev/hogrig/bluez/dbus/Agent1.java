package dev.hogrig.bluez.dbus;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.UInt32;

/**
 * {@code org.bluez.Agent1}, exported by the application (bluez doc/agent-api.txt). A method that
 * throws makes dbus-java send an error reply, which bluetoothd takes as "rejected".
 */
@DBusInterfaceName("org.bluez.Agent1")
public interface Agent1 extends DBusInterface {
  String NAME = "org.bluez.Agent1";

  void Release();

  String RequestPinCode(DBusPath device);

  void DisplayPinCode(DBusPath device, String pincode);

  UInt32 RequestPasskey(DBusPath device);

  void DisplayPasskey(DBusPath device, UInt32 passkey, UInt16 entered);

  void RequestConfirmation(DBusPath device, UInt32 passkey);

  void RequestAuthorization(DBusPath device);

  void AuthorizeService(DBusPath device, String uuid);

  void Cancel();
}
