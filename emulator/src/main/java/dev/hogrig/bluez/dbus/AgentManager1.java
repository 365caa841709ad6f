package dev.hogrig.bluez.dbus;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;

/** {@code org.bluez.AgentManager1} at {@code /org/bluez} (bluez doc/agent-api.txt). */
@DBusInterfaceName("org.bluez.AgentManager1")
public interface AgentManager1 extends DBusInterface {
  String NAME = "org.bluez.AgentManager1";

  void RegisterAgent(DBusPath agent, String capability);

  void UnregisterAgent(DBusPath agent);

  void RequestDefaultAgent(DBusPath agent);
}
