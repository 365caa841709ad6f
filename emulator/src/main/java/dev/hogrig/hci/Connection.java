package dev.hogrig.hci;

import java.time.Instant;
import java.util.Optional;

/**
 * One LE connection as a capture shows it, from the LE (Enhanced) Connection Complete event with
 * status 0 to the Disconnection Complete event for the same handle on the same controller.
 *
 * @param index the controller
 * @param handle the connection handle (handles are reused after a disconnection)
 * @param peer the peer's identity or random address as the controller reported it
 * @param peerAddressType 0x00 public, 0x01 random, 0x02/0x03 resolved identity (Vol 4 Part E
 *     §7.7.65.10)
 * @param role this controller's role
 * @param connected time of the connection complete event
 * @param disconnected time of the Disconnection Complete event, if captured
 * @param reason its reason code (Vol 1 Part F), if captured
 */
public record Connection(
    int index,
    int handle,
    BdAddr peer,
    int peerAddressType,
    Role role,
    Instant connected,
    Optional<Instant> disconnected,
    Optional<Integer> reason) {
  /** The role field of the connection complete events: 0x00 Central, 0x01 Peripheral. */
  public enum Role {
    CENTRAL,
    PERIPHERAL,
    UNKNOWN
  }

  /** The reason's spec name, e.g. "Remote User Terminated Connection (0x13)". */
  public Optional<String> reasonText() {
    return reason.map(HciErrorCode::describe);
  }
}
