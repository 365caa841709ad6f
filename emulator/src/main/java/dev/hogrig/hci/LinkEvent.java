package dev.hogrig.hci;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Something that happened to an LE link, as one controller's HCI traffic shows it: what BlueZ's
 * D-Bus API does not tell (5.66 has no {@code Device1.Disconnected(reason)}; no property carries
 * the ATT_MTU of a server-side link or the connection interval). {@link LinkEvents} derives them
 * from a whole {@link HciTrace}, {@link LinkEventFollower} from a capture as it grows.
 *
 * <p>Every event names the controller ({@code index}, as in {@code hciN}) whose traffic showed it,
 * and carries the kernel's timestamp of the packet that completed it. When both ends of a link are
 * controllers of the same machine (the virtual lab), each end has its own events.
 */
public sealed interface LinkEvent
    permits LinkEvent.Connected,
        LinkEvent.ConnectionFailed,
        LinkEvent.Disconnected,
        LinkEvent.MtuExchanged,
        LinkEvent.EncryptionChanged,
        LinkEvent.ConnectionUpdated {

  /** Timestamp of the record that completed the event. */
  Instant time();

  /** The controller. */
  int index();

  /** One connection-interval unit: 1.25 ms (Core 5.3 Vol 4 Part E §7.7.65.1). */
  Duration INTERVAL_UNIT = Duration.ofNanos(1_250_000);

  /** One supervision-timeout unit: 10 ms (Core 5.3 Vol 4 Part E §7.7.65.1). */
  Duration TIMEOUT_UNIT = Duration.ofMillis(10);

  /**
   * A connection complete event with status 0x00: LE Connection Complete (§7.7.65.1), LE Enhanced
   * Connection Complete v1 or v2 (§7.7.65.10) of Core 5.3 Vol 4 Part E.
   *
   * @param peer the peer's address as the controller reported it
   * @param peerAddressType 0x00 public, 0x01 random, 0x02/0x03 resolved identity
   * @param role this controller's role on the link
   * @param interval the connection interval (a multiple of 1.25 ms)
   * @param latency the peripheral latency, in connection events
   * @param supervisionTimeout the supervision timeout (a multiple of 10 ms)
   */
  record Connected(
      Instant time,
      int index,
      int handle,
      BdAddr peer,
      int peerAddressType,
      Connection.Role role,
      Duration interval,
      int latency,
      Duration supervisionTimeout)
      implements LinkEvent {}

  /**
   * A connection complete event with a non-zero status: no connection was made (e.g. 0x02 Unknown
   * Connection Identifier after LE Create Connection Cancel, Core 5.3 Vol 4 Part E §7.8.13).
   */
  record ConnectionFailed(Instant time, int index, int status) implements LinkEvent {
    /** The status's spec name, e.g. "Unknown Connection Identifier (0x02)". */
    public String statusText() {
      return HciErrorCode.describe(status);
    }
  }

  /**
   * Disconnection Complete with status 0x00 (Core 5.3 Vol 4 Part E §7.7.5): the link is gone.
   * {@code reason} is a controller error code of Core 5.3 Vol 1 Part F §1.3. What a HID peripheral
   * meets: 0x13 Remote User Terminated Connection (the peer hung up), 0x16 Connection Terminated By
   * Local Host (this host did: §7.1.6 has the controller report 0x16 to the side that sent
   * HCI_Disconnect, whatever reason it sent), 0x08 Connection Timeout (supervision timeout: the
   * link was lost), 0x22 LL Response Timeout (an LL procedure went unanswered), 0x3E Connection
   * Failed to be Established (the link never got going after CONNECT_IND, Vol 6 Part B §4.5.2),
   * 0x3D MIC Failure. The virtual lab's btvirt (BlueZ 5.66 btdev) breaks §7.1.6: it reports the
   * command's reason, 0x13, to both sides.
   */
  record Disconnected(Instant time, int index, int handle, int reason) implements LinkEvent {
    /** The reason as an assigned code; empty for reserved or newer codes. */
    public Optional<HciErrorCode> reasonCode() {
      return HciErrorCode.of(reason);
    }

    /** The reason's spec name, e.g. "Remote User Terminated Connection (0x13)". */
    public String reasonText() {
      return HciErrorCode.describe(reason);
    }
  }

  /**
   * An ATT Exchange MTU Request and its Response on one link (Core 5.3 Vol 3 Part F §3.4.2). The
   * ATT_MTU is then the smaller of the two values (§3.4.2.2); it stays 23 when the server answers
   * with an Error Response (no event then).
   *
   * @param clientMtu the client's Client Rx MTU
   * @param serverMtu the server's Server Rx MTU
   * @param localClient true when this controller's host sent the request (it is the GATT client)
   */
  record MtuExchanged(
      Instant time, int index, int handle, int clientMtu, int serverMtu, boolean localClient)
      implements LinkEvent {
    /** min(client, server): the ATT_MTU both sides use from now on. */
    public int attMtu() {
      return Math.min(clientMtu, serverMtu);
    }
  }

  /**
   * Encryption Change v1 or v2 (Core 5.3 Vol 4 Part E §7.7.8): encryption started (or stopped, or
   * failed to start: then {@code status} names why, e.g. 0x06 PIN or Key Missing when the peer lost
   * the bond).
   *
   * @param enabled the Encryption_Enabled parameter is non-zero (on LE: AES-CCM) and status is 0
   * @param keySize the encryption key size in octets, from v2; v1 does not say
   */
  record EncryptionChanged(
      Instant time, int index, int handle, int status, boolean enabled, Optional<Integer> keySize)
      implements LinkEvent {
    /** The status's spec name. */
    public String statusText() {
      return HciErrorCode.describe(status);
    }
  }

  /**
   * LE Connection Update Complete with status 0x00 (Core 5.3 Vol 4 Part E §7.7.65.3): new
   * connection parameters are in use (HOGP hosts often ask for a shorter interval after discovery).
   */
  record ConnectionUpdated(
      Instant time,
      int index,
      int handle,
      Duration interval,
      int latency,
      Duration supervisionTimeout)
      implements LinkEvent {}
}
