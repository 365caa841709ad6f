package dev.hogrig.bluez;

/**
 * What to do about a failed call, by its D-Bus error name: the second half of a {@link
 * BluezException}'s sentence. The names are BlueZ's ({@code org.bluez.Error.*}, bluez {@code
 * src/error.c} and {@code doc/org.bluez.*.rst} "Possible errors"), the bus daemon's ({@code
 * org.freedesktop.DBus.Error.*}, D-Bus specification "Message Bus Messages"), and the dbus-java
 * 5.1.1 exception classes that stand for a connection that is gone.
 */
final class BluezErrors {
  /** The error text dbus-daemon puts in a NoReply when the callee left the bus mid-call. */
  static final String RECIPIENT_LEFT = "disconnected from message bus without replying";

  private BluezErrors() {}

  /**
   * Advice for {@code errorName} (with BlueZ's {@code text}, which may be null) on the bus at
   * {@code busAddress} (null when unknown), or null when there is nothing better to say than the
   * error itself.
   */
  static String advice(String errorName, String text, String busAddress) {
    String bus = busAddress == null ? "its bus" : "the bus at " + busAddress;
    String t = text == null ? "" : text;
    if (errorName == null) {
      return null;
    }
    switch (errorName) {
      case "org.freedesktop.DBus.Error.ServiceUnknown":
      case "org.freedesktop.DBus.Error.NameHasNoOwner":
        return "bluetoothd is not running on "
            + bus
            + " (nobody owns org.bluez): start it (systemctl start bluetooth; in the lab see"
            + " bluetoothd.log in the lab's output folder) and try again";
      case "org.freedesktop.DBus.Error.NoReply":
        if (t.contains(RECIPIENT_LEFT)) {
          return "bluetoothd exited during the call: start it again (a BluezPeripheral"
              + " re-registers by itself when it is back) and try again";
        }
        return "bluetoothd did not answer in time (busy, hung, or restarted meanwhile): check"
            + " that it runs and what its log says, then try again";
      case BluezException.TIMEOUT:
        return "bluetoothd did not answer in time (busy, hung, or restarted meanwhile): check"
            + " that it runs and what its log says, then try again";
      case "org.freedesktop.DBus.Error.Disconnected":
      case "org.freedesktop.DBus.Local.Disconnected":
      case "org.freedesktop.dbus.exceptions.NotConnected":
      case "org.freedesktop.dbus.exceptions.SocketClosedException":
        return "the D-Bus connection to "
            + bus
            + " is closed (the BluezConnection was closed, or the bus or the lab went away):"
            + " open a new BluezConnection";
      case "org.freedesktop.dbus.exceptions.DBusException":
        // dbus-java 5.1.1 says "Failed to connect to bus: Connection refused" (seen) when
        // nothing listens at the address.
        if (!t.startsWith("Failed to connect")) {
          return null;
        }
        return "cannot connect to "
            + bus
            + ": check the address and that the bus runs (for the lab: hogrig lab status)";
      case "org.freedesktop.dbus.exceptions.DBusConnectionException":
        return "cannot connect to "
            + bus
            + ": check the address and that the bus runs (for the lab: hogrig lab status)";
      case "org.freedesktop.DBus.Error.AccessDenied":
        return "the bus's policy does not let this process talk to org.bluez: run it as a user"
            + " the policy allows (root, or a group named in /etc/dbus-1/system.d/bluetooth.conf)";
      case "org.freedesktop.DBus.Error.UnknownObject":
      case "org.freedesktop.dbus.errors.UnknownObject":
      case "org.freedesktop.DBus.Error.UnknownMethod":
      case "org.freedesktop.DBus.Error.UnknownInterface":
        return "bluetoothd has no such object or interface (the adapter or device went away,"
            + " bluetoothd was restarted, or the feature needs bluetoothd -E): look the adapter"
            + " or device up again";
      case "org.bluez.Error.NotReady":
        return "the adapter is not ready (powered off): power it on (Adapter.setPowered(true))"
            + " and try again";
      case "org.bluez.Error.DoesNotExist":
        return "bluetoothd does not know that object (already removed, or never seen by this"
            + " adapter): look it up again";
      case "org.bluez.Error.AlreadyExists":
        return "bluetoothd already has it from this connection: close the earlier registration"
            + " first";
      case "org.bluez.Error.InProgress":
        return "the same operation is already running: wait for it to finish";
      case "org.bluez.Error.NotPermitted":
        return "bluetoothd does not allow it in the adapter's or device's present state";
      case "org.bluez.Error.NotSupported":
        return "this controller or bluetoothd does not support it: check the controller's"
            + " features and bluetoothd's version and options (-E for experimental interfaces)";
      case "org.bluez.Error.InvalidArguments":
        return "bluetoothd rejected the arguments: a value is out of range or the call is wrong";
      case "org.bluez.Error.AuthenticationFailed":
      case "org.bluez.Error.AuthenticationCanceled":
      case "org.bluez.Error.AuthenticationRejected":
      case "org.bluez.Error.AuthenticationTimeout":
        return "pairing failed: check that the agent answered, remove the old bond on both sides"
            + " (Adapter.removeDevice) and pair again";
      case "org.bluez.Error.ConnectionAttemptFailed":
        return "the peer did not answer the connection: check that it advertises (connectable)"
            + " and is in range, then try again";
      case "org.bluez.Error.AlreadyConnected":
        return "the device is already connected: nothing to do";
      case "org.bluez.Error.NotConnected":
        return "the device is not connected: connect it first";
      case "org.bluez.Error.NotAvailable":
        return "the service is not available on this device or adapter";
      case "org.bluez.Error.Rejected":
        return "the application's agent or the peer refused";
      case "org.bluez.Error.Failed":
        if (t.contains("Maximum advertisements reached")) {
          return "every advertising instance of the adapter is in use: close another"
              + " advertisement first";
        }
        return "bluetoothd's log says why";
      default:
        return null;
    }
  }
}
