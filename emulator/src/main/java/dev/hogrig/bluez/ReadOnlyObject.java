package dev.hogrig.bluez;

import java.util.LinkedHashMap;
import java.util.Map;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/**
 * An object this application exports to bluetoothd whose properties bluetoothd only reads (a GATT
 * service, characteristic or descriptor, an advertisement): one interface, its properties computed
 * on request, {@code Set} refused. Package-private: dbus-java types stay in this package.
 */
abstract class ReadOnlyObject implements Properties {
  final String path;

  ReadOnlyObject(String path) {
    this.path = path;
  }

  /** The one interface whose properties this object serves, e.g. {@code org.bluez.GattService1}. */
  abstract String iface();

  /** The properties of {@link #iface()}, as they are now. */
  abstract Map<String, Variant<?>> properties();

  @Override
  public String getObjectPath() {
    return path;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <A> A Get(String iface, String name) {
    Variant<?> v = GetAll(iface).get(name);
    if (v == null) {
      throw new DBusExecutionException("No such property " + iface + "." + name);
    }
    return (A) v.getValue();
  }

  @Override
  public <A> void Set(String iface, String name, A value) {
    throw new DBusExecutionException(iface + "." + name + " is read-only");
  }

  @Override
  public Map<String, Variant<?>> GetAll(String iface) {
    return iface().equals(iface) ? properties() : new LinkedHashMap<>();
  }
}
