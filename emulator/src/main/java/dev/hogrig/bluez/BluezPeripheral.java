package dev.hogrig.bluez;

import dev.hogrig.bluez.PeripheralEvent.Registration;
import dev.hogrig.bluez.dbus.AgentManager1;
import dev.hogrig.bluez.dbus.GattManager1;
import dev.hogrig.gatt.HidProfile;
import dev.hogrig.gatt.HogpDevice;
import dev.hogrig.gatt.IoCapability;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.freedesktop.dbus.types.Variant;

/**
 * A HID-over-GATT peripheral on one BlueZ adapter: the emulator's façade over the BlueZ backend.
 * {@link #start} does, in this order:
 *
 * <ol>
 *   <li>registers a pairing agent with the profile's IO capability (HOGP's security: a keyboard
 *       with KeyboardDisplay can get an authenticated key, NoInputNoOutput only Just Works) and
 *       makes it bluetoothd's default agent;
 *   <li>sets the adapter's Alias to the local name, because that is what BlueZ serves as the GAP
 *       Device Name (0x2A00) and what a host names the HID device after;
 *   <li>builds the {@link HogpDevice} for the profile and exports it as a {@link GattApplication}
 *       (the device's notifications go to that application);
 *   <li>advertises: connectable, discoverable, ServiceUUIDs {@code 1812} (HOGP §5.1.2), Appearance
 *       from the profile, LocalName.
 * </ol>
 *
 * {@link #close()} undoes it in reverse order (advertisement, application, Alias, agent). It does
 * not disconnect or remove hosts: bonds belong to the caller.
 *
 * <h2>Recovery</h2>
 *
 * The peripheral watches {@code NameOwnerChanged} of {@code org.bluez}, its adapter's {@code
 * Powered} and the adapter object's InterfacesAdded/Removed ({@link BluezWatch}). When bluetoothd
 * is back (a new unique name: it knows nothing of the old one's registrations) or the adapter
 * reports {@code Powered = true}, it registers the four steps again, in the order above, with the
 * objects it still exports: the {@link HogpDevice} and its state (protocol mode, feature reports,
 * battery level) are untouched. Each step tolerates {@code org.bluez.Error.AlreadyExists} (BlueZ
 * keeps agents, applications and advertisements across a power cycle). Attempts are bounded by a
 * {@link RecoveryPolicy}; what happens is reported to {@link #addListener} listeners as {@link
 * PeripheralEvent}s, nothing is printed. When bluetoothd leaves the bus, every subscription ends
 * ({@link GattApplication#endAllSubscriptions}): reports sent until a host subscribes again follow
 * the device's unsubscribed policy instead of going out to nobody. Not handled: an adapter that
 * comes back under another path (another hciN).
 */
public final class BluezPeripheral implements AutoCloseable {
  private final Adapter adapter;
  private final String localName;
  private final Deque<AutoCloseable> undo = new ArrayDeque<>();
  private HogpDevice device;
  private GattApplication application;
  private Advertisement advertisement;
  private Agent agent;
  private BluezWatch watch;
  private PeripheralRecovery recovery;
  private boolean closed;

  /** bluetoothd's answer to a second registration of the same object from the same sender. */
  static final String ALREADY_EXISTS = "org.bluez.Error.AlreadyExists";

  private BluezPeripheral(Adapter adapter, String localName) {
    this.adapter = adapter;
    this.localName = localName;
  }

  /**
   * Starts a peripheral for {@code profile} on {@code adapter}; {@code listener} answers pairing
   * requests, {@code clock} stamps the device's events.
   *
   * @throws BluezException when a step fails (the steps before it are undone)
   */
  public static BluezPeripheral start(
      BluezConnection bluez,
      Adapter adapter,
      HidProfile profile,
      String localName,
      AgentListener listener,
      Clock clock) {
    return start(bluez, adapter, profile, localName, listener, clock, RecoveryPolicy.DEFAULT);
  }

  /**
   * {@link #start(BluezConnection, Adapter, HidProfile, String, AgentListener, Clock)} with a
   * recovery policy ({@link RecoveryPolicy#OFF}: only report, never re-register).
   */
  public static BluezPeripheral start(
      BluezConnection bluez,
      Adapter adapter,
      HidProfile profile,
      String localName,
      AgentListener listener,
      Clock clock,
      RecoveryPolicy policy) {
    BluezPeripheral p = new BluezPeripheral(adapter, localName);
    try {
      p.agent = bluez.registerAgent(capability(profile.ioCapability()), listener);
      p.undo.push(p.agent);
      String oldAlias = adapter.alias();
      adapter.setAlias(localName);
      p.undo.push(() -> adapter.setAlias(oldAlias));
      AtomicReference<GattApplication> app = new AtomicReference<>();
      p.device =
          HogpDevice.create(
              profile,
              clock,
              (c, v) -> {
                GattApplication a = app.get();
                if (a != null) {
                  a.notify(c, v);
                }
              });
      p.application = adapter.registerGattApplication(p.device, clock);
      app.set(p.application);
      p.undo.push(p.application);
      p.advertisement =
          adapter.advertise(
              AdvertisementData.peripheral(localName)
                  .withServiceUuids("1812")
                  .withAppearance(profile.appearance()));
      p.undo.push(p.advertisement);
      p.recovery =
          new PeripheralRecovery(adapter.name(), policy, clock, p.steps(bluez), adapter::powered);
      GattApplication exported = p.application;
      p.recovery.addListener(
          e -> {
            if (e instanceof PeripheralEvent.BluezLost) {
              exported.endAllSubscriptions();
            }
          });
      p.watch = BluezWatch.start(bluez.bus(), adapter.path(), p.recovery);
      return p;
    } catch (RuntimeException e) {
      try {
        p.close();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** {@link #start} with an agent that accepts every request and the system clock. */
  public static BluezPeripheral start(
      BluezConnection bluez, Adapter adapter, HidProfile profile, String localName) {
    return start(
        bluez, adapter, profile, localName, new AcceptingAgentListener(), Clock.systemUTC());
  }

  /** The registrations of {@link #start}, again, in the same order, for recovery. */
  private List<PeripheralRecovery.Step> steps(BluezConnection bluez) {
    Bus bus = bluez.bus();
    return List.of(
        new PeripheralRecovery.Step(
            Registration.AGENT,
            () ->
                anew(
                    () ->
                        bus.invoke(
                            bluez.agentManager(),
                            AgentManager1.NAME,
                            "RegisterAgent",
                            BluezConnection.path(agent.path()),
                            agent.capability().wireName()))),
        new PeripheralRecovery.Step(
            Registration.DEFAULT_AGENT,
            () -> {
              bus.invoke(
                  bluez.agentManager(),
                  AgentManager1.NAME,
                  "RequestDefaultAgent",
                  BluezConnection.path(agent.path()));
              return true;
            }),
        new PeripheralRecovery.Step(
            Registration.ALIAS,
            () -> {
              if (localName.equals(adapter.alias())) {
                return false;
              }
              adapter.setAlias(localName);
              return true;
            }),
        new PeripheralRecovery.Step(
            Registration.GATT_APPLICATION,
            () ->
                anew(
                    () ->
                        bus.invoke(
                            bus.proxy(adapter.path(), GattManager1.class),
                            GattManager1.NAME,
                            "RegisterApplication",
                            BluezConnection.path(application.path()),
                            new LinkedHashMap<String, Variant<?>>()))),
        new PeripheralRecovery.Step(Registration.ADVERTISEMENT, advertisement::reregister));
  }

  /** Runs a registration call: true if bluetoothd took it, false if it answered AlreadyExists. */
  private static boolean anew(Runnable registration) {
    try {
      registration.run();
      return true;
    } catch (BluezException e) {
      if (ALREADY_EXISTS.equals(e.errorName())) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Calls {@code listener} with every {@link PeripheralEvent} from now on: on dbus-java's signal
   * thread (what was seen) or the peripheral's recovery thread (what was done). It must return
   * quickly and must not make blocking BlueZ calls.
   */
  public void addListener(Consumer<? super PeripheralEvent> listener) {
    recovery.addListener(listener);
  }

  public void removeListener(Consumer<? super PeripheralEvent> listener) {
    recovery.removeListener(listener);
  }

  /** The BlueZ agent capability with the same name as the SMP IO capability. */
  static AgentCapability capability(IoCapability io) {
    for (AgentCapability c : AgentCapability.values()) {
      if (c.wireName().equals(io.bluezName())) {
        return c;
      }
    }
    throw new IllegalArgumentException("no BlueZ agent capability for " + io);
  }

  /** The HOGP model: send input with {@link HogpDevice#sendInput}, listen to its events. */
  public HogpDevice device() {
    return device;
  }

  public GattApplication application() {
    return application;
  }

  public Advertisement advertisement() {
    return advertisement;
  }

  /**
   * Withdraws and registers the advertisement again, so the controller enables advertising anew. A
   * host that is already scanning then gets a fresh advertising report; in the virtual lab that is
   * the only reliable way to be discovered (see {@link Advertisement#restart}).
   *
   * @throws BluezException when bluetoothd refuses
   */
  public void restartAdvertising() {
    advertisement.restart();
  }

  public Agent agent() {
    return agent;
  }

  public Adapter adapter() {
    return adapter;
  }

  public String localName() {
    return localName;
  }

  /**
   * Stops watching and recovering, then stops advertising, unregisters the application, restores
   * the Alias, unregisters the agent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (watch != null) {
      watch.close();
    }
    if (recovery != null) {
      recovery.close();
    }
    RuntimeException first = null;
    while (!undo.isEmpty()) {
      try {
        undo.pop().close();
      } catch (Exception e) {
        if (first == null) {
          first = e instanceof RuntimeException re ? re : new RuntimeException(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  @Override
  public String toString() {
    return "BluezPeripheral[" + localName + " on " + adapter.name() + "]";
  }
}
