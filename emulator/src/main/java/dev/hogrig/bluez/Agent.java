package dev.hogrig.bluez;

import dev.hogrig.bluez.dbus.Agent1;
import dev.hogrig.bluez.dbus.AgentManager1;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.UInt32;

/**
 * A registered pairing agent ({@link BluezConnection#registerAgent}). {@link #close()} unregisters
 * it ({@code AgentManager1.UnregisterAgent}) and withdraws the exported object.
 */
public final class Agent implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Agent.class.getName());

  private final BluezConnection owner;
  private final Bus bus;
  private final String path;
  private final AgentCapability capability;
  private volatile boolean registered;

  private Agent(BluezConnection owner, Bus bus, String path, AgentCapability capability) {
    this.owner = owner;
    this.bus = bus;
    this.path = path;
    this.capability = capability;
  }

  static Agent register(
      BluezConnection owner, Bus bus, AgentCapability capability, AgentListener listener) {
    String path = bus.newObjectPath("agent");
    Agent agent = new Agent(owner, bus, path, capability);
    Exported exported = new Exported(path, listener);
    Bus.run("export " + Agent1.NAME, path, () -> bus.connection().exportObject(path, exported));
    AgentManager1 manager = owner.agentManager();
    DBusPath p = BluezConnection.path(path);
    try {
      bus.invoke(manager, AgentManager1.NAME, "RegisterAgent", p, capability.wireName());
      agent.registered = true;
      bus.invoke(manager, AgentManager1.NAME, "RequestDefaultAgent", p);
    } catch (BluezException e) {
      agent.close();
      throw e;
    }
    return agent;
  }

  public String path() {
    return path;
  }

  public AgentCapability capability() {
    return capability;
  }

  @Override
  public void close() {
    owner.untrack(this);
    try {
      if (registered) {
        registered = false;
        AgentManager1 manager = owner.agentManager();
        bus.invoke(manager, AgentManager1.NAME, "UnregisterAgent", BluezConnection.path(path));
      }
    } finally {
      bus.connection().unExportObject(path);
    }
  }

  /** A refusal as D-Bus sees it: bluetoothd treats any error reply from an agent as "rejected". */
  static final class Rejected extends DBusExecutionException {
    private static final long serialVersionUID = 1L;

    Rejected(String what) {
      super(what + " rejected by the application's agent");
    }
  }

  /** The object bluetoothd calls; translates to and from {@link AgentListener}. */
  static final class Exported implements Agent1 {
    private final String path;
    private final AgentListener listener;

    Exported(String path, AgentListener listener) {
      this.path = path;
      this.listener = listener;
    }

    @Override
    public String getObjectPath() {
      return path;
    }

    private static DeviceRef ref(DBusPath device) {
      return DeviceRef.fromPath(device.getPath());
    }

    private static void log(String what, DBusPath device, Object detail) {
      LOG.log(Level.FINE, "Agent1.{0} {1} {2}", new Object[] {what, device, detail});
    }

    @Override
    public void Release() {
      log("Release", null, "");
      listener.release();
    }

    @Override
    public String RequestPinCode(DBusPath device) {
      log("RequestPinCode", device, "");
      return listener.requestPinCode(ref(device)).orElseThrow(() -> new Rejected("PIN request"));
    }

    @Override
    public void DisplayPinCode(DBusPath device, String pincode) {
      listener.displayPinCode(ref(device), pincode);
    }

    @Override
    public UInt32 RequestPasskey(DBusPath device) {
      OptionalLong pk = listener.requestPasskey(ref(device));
      if (pk.isEmpty()) {
        throw new Rejected("passkey request");
      }
      return new UInt32(pk.getAsLong());
    }

    @Override
    public void DisplayPasskey(DBusPath device, UInt32 passkey, UInt16 entered) {
      listener.displayPasskey(ref(device), passkey.longValue(), entered.intValue());
    }

    @Override
    public void RequestConfirmation(DBusPath device, UInt32 passkey) {
      log("RequestConfirmation", device, passkey);
      if (!listener.requestConfirmation(ref(device), passkey.longValue())) {
        throw new Rejected("confirmation of " + passkey);
      }
    }

    @Override
    public void RequestAuthorization(DBusPath device) {
      log("RequestAuthorization", device, "");
      if (!listener.requestAuthorization(ref(device))) {
        throw new Rejected("authorization");
      }
    }

    @Override
    public void AuthorizeService(DBusPath device, String uuid) {
      log("AuthorizeService", device, uuid);
      if (!listener.authorizeService(ref(device), uuid)) {
        throw new Rejected("service " + uuid);
      }
    }

    @Override
    public void Cancel() {
      listener.cancel();
    }
  }
}
