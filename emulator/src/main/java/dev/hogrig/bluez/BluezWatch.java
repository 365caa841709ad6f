package dev.hogrig.bluez;

import dev.hogrig.bluez.dbus.Adapter1;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/**
 * Signal subscriptions that tell a {@link BluezPeripheral} when bluetoothd or its adapter went away
 * and came back, turned into plain calls on a {@link Sink}:
 *
 * <ul>
 *   <li>{@code org.freedesktop.DBus.NameOwnerChanged} for {@code org.bluez} (sent by the bus
 *       daemon): old owner set and new empty = bluetoothd gone; new owner set = a new bluetoothd (a
 *       new unique name, so every registration of the old one is gone);
 *   <li>{@code PropertiesChanged} of {@code org.bluez.Adapter1} on the adapter's path with {@code
 *       Powered} (bluetoothd emits it from {@code settings_changed}, src/adapter.c);
 *   <li>{@code InterfacesAdded}/{@code InterfacesRemoved} of {@code org.bluez.Adapter1} at the
 *       adapter's path (controller gone or back, and bluetoothd's own start and exit).
 * </ul>
 *
 * Signals are matched by path, not by sender: the sender's unique name changes with every
 * bluetoothd. dbus-java delivers signals on one thread; the sink must return quickly and must not
 * make D-Bus calls itself.
 */
final class BluezWatch implements AutoCloseable {
  interface Sink {
    void bluezOwnerChanged(String oldOwner, String newOwner);

    void powered(boolean on);

    void adapterAdded(boolean powered);

    void adapterRemoved();
  }

  private final List<AutoCloseable> handlers = new ArrayList<>();

  private BluezWatch() {}

  static BluezWatch start(Bus bus, String adapterPath, Sink sink) {
    BluezWatch w = new BluezWatch();
    try {
      Bus.run(
          "subscribe to bluetoothd's and " + adapterPath + "'s signals",
          adapterPath,
          () -> {
            w.handlers.add(
                bus.connection()
                    .addSigHandler(
                        DBus.NameOwnerChanged.class,
                        s -> {
                          if (Bus.BLUEZ.equals(s.name)) {
                            sink.bluezOwnerChanged(s.oldOwner, s.newOwner);
                          }
                        }));
            w.handlers.add(
                bus.connection()
                    .addSigHandler(
                        Properties.PropertiesChanged.class,
                        s -> {
                          if (adapterPath.equals(s.getPath())
                              && Adapter1.NAME.equals(s.getInterfaceName())) {
                            Variant<?> p = s.getPropertiesChanged().get("Powered");
                            if (p != null && p.getValue() instanceof Boolean on) {
                              sink.powered(on);
                            }
                          }
                        }));
            w.handlers.add(
                bus.connection()
                    .addSigHandler(
                        ObjectManager.InterfacesAdded.class,
                        s -> {
                          Map<String, Map<String, Variant<?>>> ifaces = s.getInterfaces();
                          if (adapterPath.equals(s.getSignalSource().getPath())
                              && ifaces.containsKey(Adapter1.NAME)) {
                            Variant<?> p = ifaces.get(Adapter1.NAME).get("Powered");
                            sink.adapterAdded(p != null && Boolean.TRUE.equals(p.getValue()));
                          }
                        }));
            w.handlers.add(
                bus.connection()
                    .addSigHandler(
                        ObjectManager.InterfacesRemoved.class,
                        s -> {
                          if (adapterPath.equals(s.getSignalSource().getPath())
                              && s.getInterfaces().contains(Adapter1.NAME)) {
                            sink.adapterRemoved();
                          }
                        }));
          });
    } catch (RuntimeException e) {
      w.close();
      throw e;
    }
    return w;
  }

  /** Removes the signal handlers (and their match rules). Idempotent. */
  @Override
  public synchronized void close() {
    for (AutoCloseable h : handlers) {
      try {
        h.close();
      } catch (Exception e) {
        // The connection is already closed: its match rules went with it.
      }
    }
    handlers.clear();
  }
}
