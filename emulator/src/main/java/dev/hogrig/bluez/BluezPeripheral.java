package dev.hogrig.bluez;

import dev.hogrig.gatt.HidProfile;
import dev.hogrig.gatt.HogpDevice;
import dev.hogrig.gatt.IoCapability;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicReference;

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
 */
public final class BluezPeripheral implements AutoCloseable {
  private final Adapter adapter;
  private final String localName;
  private final Deque<AutoCloseable> undo = new ArrayDeque<>();
  private HogpDevice device;
  private GattApplication application;
  private Advertisement advertisement;
  private Agent agent;
  private boolean closed;

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

  public Agent agent() {
    return agent;
  }

  public Adapter adapter() {
    return adapter;
  }

  public String localName() {
    return localName;
  }

  /** Stops advertising, unregisters the application, restores the Alias, unregisters the agent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
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
