package dev.hogrig.bluez;

import com.google.common.collect.ImmutableList;
import dev.hogrig.bluez.dbus.Adapter1;
import dev.hogrig.bluez.dbus.AgentManager1;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.connections.transports.TransportBuilder.SaslAuthMode;

/**
 * A connection to the D-Bus bus where bluetoothd ({@code org.bluez}) lives, and the entry point of
 * the BlueZ backend.
 *
 * <ul>
 *   <li>{@link #open(String)} with a {@code tcp:host=…,port=…} address (the virtual lab's guest
 *       bus, forwarded to the machine's loopback) authenticates with SASL {@code ANONYMOUS}: the
 *       lab's dbus-daemon allows it, and dbus-java's default for TCP, {@code DBUS_COOKIE_SHA1},
 *       needs a cookie file shared with the daemon, which a VM cannot have.
 *   <li>{@link #open(String)} with a {@code unix:path=…} address and {@link #system()} use the
 *       junixsocket transport with {@code EXTERNAL} (the peer's uid), the only dbus-java transport
 *       that can pass file descriptors (AcquireNotify/AcquireWrite).
 * </ul>
 *
 * <p>{@link #close()} first closes what was registered through this connection (advertisements,
 * agents, GATT applications; last first), then disconnects.
 */
public final class BluezConnection implements AutoCloseable {
  private final Bus bus;
  private final Deque<AutoCloseable> registrations = new ArrayDeque<>();
  private boolean closed;
  private volatile boolean acquireNotifyDisabled;

  private BluezConnection(Bus bus) {
    this.bus = bus;
  }

  /**
   * Connects to the bus at a D-Bus address ({@code tcp:host=127.0.0.1,port=N} or {@code
   * unix:path=…}).
   */
  public static BluezConnection open(String busAddress) {
    DBusConnection c =
        Bus.call(
            "connect",
            busAddress,
            busAddress,
            () -> {
              DBusConnectionBuilder b =
                  DBusConnectionBuilder.forAddress(busAddress).withShared(false);
              if (busAddress.startsWith("tcp:")) {
                b.transportConfig().configureSasl().withAuthMode(SaslAuthMode.AUTH_ANONYMOUS);
              }
              return b.build();
            });
    return new BluezConnection(new Bus(c, busAddress));
  }

  /** Connects to the local system bus ({@code DBUS_SYSTEM_BUS_ADDRESS} or the standard socket). */
  public static BluezConnection system() {
    String env = System.getenv("DBUS_SYSTEM_BUS_ADDRESS");
    return open(env != null && !env.isBlank() ? env : "unix:path=/var/run/dbus/system_bus_socket");
  }

  /** The address this connection was opened with. */
  public String busAddress() {
    return bus.address();
  }

  /**
   * Whether bluetoothd can be handed a socket over this connection (AcquireNotify): true only on a
   * {@code unix:} bus where dbus-java negotiated descriptor passing; never over TCP (the lab's
   * machine side).
   */
  public boolean canPassFileDescriptors() {
    return bus.canPassFileDescriptors();
  }

  /**
   * Whether GATT applications exported from now on offer AcquireNotify ({@code NotifyAcquired} on
   * every characteristic that notifies or indicates): {@link #canPassFileDescriptors()} unless
   * {@link #disableAcquireNotify()} was called.
   */
  public boolean acquireNotifyOffered() {
    return !acquireNotifyDisabled && canPassFileDescriptors();
  }

  /**
   * Makes GATT applications exported from now on offer only the PropertiesChanged path, even where
   * descriptors could pass (to compare both paths on one bus, e.g. {@code hogrig bench notify}).
   */
  public void disableAcquireNotify() {
    acquireNotifyDisabled = true;
  }

  /** This connection's unique bus name ({@code :1.N}). */
  public String uniqueName() {
    return bus.connection().getUniqueName();
  }

  /** Every adapter bluetoothd has, in path order ({@code hci0} before {@code hci1}). */
  public ImmutableList<Adapter> adapters() {
    return bus.pathsWith(Adapter1.NAME).stream()
        .map(p -> new Adapter(this, bus, p))
        .collect(ImmutableList.toImmutableList());
  }

  /**
   * The adapter whose name ({@code hci1}) or address ({@code 00:AA:01:01:00:01}, any case) is
   * given.
   *
   * @throws BluezException when there is none (the message lists those there are)
   */
  public Adapter adapter(String nameOrAddress) {
    List<Adapter> all = adapters();
    for (Adapter a : all) {
      if (a.name().equals(nameOrAddress) || a.address().equalsIgnoreCase(nameOrAddress)) {
        return a;
      }
    }
    throw new BluezException(
        "find adapter " + nameOrAddress,
        "/org/bluez",
        "dev.hogrig.bluez.NoSuchAdapter",
        "adapters: " + all,
        null);
  }

  /**
   * Exports an {@code org.bluez.Agent1} whose callbacks go to {@code listener}, registers it with
   * {@code capability} and makes it bluetoothd's default agent. bluetoothd has one default agent
   * for all its adapters: in the lab, where peripheral and host are two adapters of one bluetoothd,
   * this agent answers for both sides ({@link AgentListener} callbacks say which adapter a request
   * is for).
   */
  public Agent registerAgent(AgentCapability capability, AgentListener listener) {
    Agent agent = Agent.register(this, bus, capability, listener);
    track(agent);
    return agent;
  }

  synchronized void track(AutoCloseable registration) {
    registrations.push(registration);
  }

  synchronized void untrack(AutoCloseable registration) {
    registrations.remove(registration);
  }

  /** The one dbus-java connection (package use only: tests, exported objects). */
  Bus bus() {
    return bus;
  }

  AgentManager1 agentManager() {
    return bus.proxy("/org/bluez", AgentManager1.class);
  }

  static DBusPath path(String p) {
    return new DBusPath(p);
  }

  /** Unregisters what is still registered, then disconnects. Idempotent. */
  @Override
  public void close() {
    List<AutoCloseable> toClose;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = List.copyOf(registrations);
      registrations.clear();
    }
    RuntimeException first = null;
    for (AutoCloseable r : toClose) {
      try {
        r.close();
      } catch (Exception e) {
        if (first == null) {
          first = e instanceof RuntimeException re ? re : new RuntimeException(e);
        }
      }
    }
    bus.connection().disconnect();
    if (first != null) {
      throw first;
    }
  }

  @Override
  public String toString() {
    return "BluezConnection[" + bus.address() + "]";
  }
}
