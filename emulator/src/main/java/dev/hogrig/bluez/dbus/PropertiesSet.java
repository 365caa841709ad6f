package dev.hogrig.bluez.dbus;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.Variant;

/**
 * {@code org.freedesktop.DBus.Properties.Set} with a concrete {@link Variant} parameter.
 * dbus-java's own {@code Properties.Set(String, String, A)} is generic, and {@code callMethodAsync}
 * (which finds the method from the arguments' classes) cannot match it.
 */
@DBusInterfaceName("org.freedesktop.DBus.Properties")
public interface PropertiesSet extends DBusInterface {
  void Set(String iface, String property, Variant<?> value);
}
