package dev.hogrig.bluez;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * What an agent decides, in plain Java. bluetoothd calls the exported {@code org.bluez.Agent1}
 * (bluez doc/agent-api.txt); each call lands here on one of dbus-java's method-call threads.
 * Returning {@code false} (or an empty value) rejects the request ({@code org.bluez.Error.Rejected}
 * in effect). A method must answer in well under bluetoothd's agent timeout (about 30 s for
 * requests) and must not block on another BlueZ call that needs a callback.
 *
 * <p>Defaults reject every request and ignore every notice, so an implementation states what it
 * accepts.
 */
public interface AgentListener {
  /** Numeric Comparison / Just Works confirmation: is this passkey the one the peer shows? */
  default boolean requestConfirmation(DeviceRef device, long passkey) {
    return false;
  }

  /** Incoming Just Works pairing where BlueZ wants the user's consent. */
  default boolean requestAuthorization(DeviceRef device) {
    return false;
  }

  /** May {@code device} use the service {@code uuid}? */
  default boolean authorizeService(DeviceRef device, String uuid) {
    return false;
  }

  /** Passkey Entry, displaying side: show {@code passkey}; {@code entered} keys typed so far. */
  default void displayPasskey(DeviceRef device, long passkey, int entered) {}

  /** Legacy PIN, displaying side. */
  default void displayPinCode(DeviceRef device, String pinCode) {}

  /** Passkey Entry, input side: the passkey (0..999999), or empty to reject. */
  default OptionalLong requestPasskey(DeviceRef device) {
    return OptionalLong.empty();
  }

  /** Legacy PIN, input side: the PIN, or empty to reject. */
  default Optional<String> requestPinCode(DeviceRef device) {
    return Optional.empty();
  }

  /** bluetoothd cancelled the pending request (timeout, pairing failed). */
  default void cancel() {}

  /** bluetoothd no longer uses this agent (unregistered, bluetoothd stopping). */
  default void release() {}
}
