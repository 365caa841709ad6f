/**
 * BlueZ's D-Bus interfaces (bluez 5.66 {@code doc/*-api.txt}) as dbus-java needs them: Java
 * interfaces whose {@code @DBusInterfaceName} and method names are the wire names. Internal to
 * {@link dev.hogrig.bluez}: nothing outside that package may use these types, so the rest of the
 * project never sees a dbus-java type. (They are public only because dbus-java builds {@link
 * java.lang.reflect.Proxy} instances of them.)
 */
package dev.hogrig.bluez.dbus;
