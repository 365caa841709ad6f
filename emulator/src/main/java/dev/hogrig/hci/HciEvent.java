package dev.hogrig.hci;

import com.google.common.collect.ImmutableList;
import dev.hogrig.util.Bytes;
import java.util.Optional;

/**
 * An HCI event packet (Core v5.4 Vol 4 Part E §5.4.4, events in §7.7). The events the rig needs are
 * decoded into their own records; any other event code, and any LE Meta subevent not listed here,
 * is kept as {@link Unknown} or {@link LeUnknown} instead of failing.
 *
 * <pre>
 *  0       1       2
 * +-------+-------+---------------------
 * | code  | plen  | parameters (plen)
 * +-------+-------+---------------------
 * LE Meta (code 0x3E): parameters start with the subevent code.
 * </pre>
 *
 * Multi-byte fields are little-endian. Connection handles are 12 bits (0x000-0xEFF).
 */
public sealed interface HciEvent extends HciPacket {
  int DISCONNECTION_COMPLETE = 0x05;
  int ENCRYPTION_CHANGE = 0x08;
  int READ_REMOTE_VERSION_COMPLETE = 0x0c;
  int COMMAND_COMPLETE = 0x0e;
  int COMMAND_STATUS = 0x0f;
  int NUMBER_OF_COMPLETED_PACKETS = 0x13;
  int LE_META = 0x3e;
  int ENCRYPTION_CHANGE_V2 = 0x59;

  int LE_CONNECTION_COMPLETE = 0x01;
  int LE_CONNECTION_UPDATE_COMPLETE = 0x03;
  int LE_READ_REMOTE_FEATURES_COMPLETE = 0x04;
  int LE_LONG_TERM_KEY_REQUEST = 0x05;
  int LE_DATA_LENGTH_CHANGE = 0x07;
  int LE_ENHANCED_CONNECTION_COMPLETE = 0x0a;
  int LE_ENHANCED_CONNECTION_COMPLETE_V2 = 0x29;

  /** The event code (0x3E for every LE Meta subevent). */
  int code();

  /**
   * Disconnection Complete, Vol 4 Part E §7.7.5: {@code status(1) handle(2) reason(1)}. The reason
   * is a controller error code (Vol 1 Part F), e.g. 0x13 when the peer ended the link, 0x16 when
   * this host did, 0x08 on supervision timeout.
   */
  record DisconnectionComplete(int status, int handle, int reason) implements HciEvent {
    @Override
    public int code() {
      return DISCONNECTION_COMPLETE;
    }

    /** The reason's name, if it is an assigned error code. */
    public Optional<HciErrorCode> reasonName() {
      return HciErrorCode.of(reason);
    }
  }

  /**
   * Encryption Change [v1], Vol 4 Part E §7.7.8: {@code status(1) handle(2) enabled(1)}; on LE,
   * enabled = 0x01 means AES-CCM is on.
   */
  record EncryptionChange(int status, int handle, int encryptionEnabled) implements HciEvent {
    @Override
    public int code() {
      return ENCRYPTION_CHANGE;
    }
  }

  /**
   * Encryption Change [v2], Vol 4 Part E §7.7.8 (code 0x59): v1's fields then {@code key_size(1)}.
   */
  record EncryptionChangeV2(int status, int handle, int encryptionEnabled, int keySize)
      implements HciEvent {
    @Override
    public int code() {
      return ENCRYPTION_CHANGE_V2;
    }
  }

  /**
   * Read Remote Version Information Complete, Vol 4 Part E §7.7.12: {@code status(1) handle(2)
   * version(1) company_identifier(2) subversion(2)}.
   */
  record ReadRemoteVersionComplete(
      int status, int handle, int version, int companyIdentifier, int subversion)
      implements HciEvent {
    @Override
    public int code() {
      return READ_REMOTE_VERSION_COMPLETE;
    }
  }

  /**
   * Command Complete, Vol 4 Part E §7.7.14: {@code num_hci_command_packets(1) opcode(2)
   * return_parameters(...)}; for most commands the first return parameter is the status.
   */
  record CommandComplete(int numHciCommandPackets, int opcode, Bytes returnParameters)
      implements HciEvent {
    @Override
    public int code() {
      return COMMAND_COMPLETE;
    }
  }

  /**
   * Command Status, Vol 4 Part E §7.7.15: {@code status(1) num_hci_command_packets(1) opcode(2)}.
   */
  record CommandStatus(int status, int numHciCommandPackets, int opcode) implements HciEvent {
    @Override
    public int code() {
      return COMMAND_STATUS;
    }
  }

  /** One entry of {@link NumberOfCompletedPackets}. */
  record Completed(int handle, int packets) {}

  /**
   * Number Of Completed Packets, Vol 4 Part E §7.7.19: {@code num_handles(1)} then, per handle,
   * {@code handle(2) num_completed_packets(2)}. The pairs are interleaved, as Linux ({@code struct
   * hci_comp_pkts_info}) and BlueZ's btdev read and write them.
   */
  record NumberOfCompletedPackets(ImmutableList<Completed> entries) implements HciEvent {
    @Override
    public int code() {
      return NUMBER_OF_COMPLETED_PACKETS;
    }
  }

  /** An LE Meta event (code 0x3E, Vol 4 Part E §7.7.65): the first parameter is the subevent. */
  sealed interface LeMeta extends HciEvent {
    int subevent();

    @Override
    default int code() {
      return LE_META;
    }
  }

  /**
   * LE Connection Complete, Vol 4 Part E §7.7.65.1:
   *
   * <pre>
   * status(1) handle(2) role(1) peer_address_type(1) peer_address(6)
   * connection_interval(2) peripheral_latency(2) supervision_timeout(2) central_clock_accuracy(1)
   * </pre>
   *
   * Role 0x00 = this controller is Central, 0x01 = Peripheral. Interval in 1.25 ms, timeout in 10
   * ms units.
   */
  record LeConnectionComplete(
      int status,
      int handle,
      int role,
      int peerAddressType,
      BdAddr peerAddress,
      int interval,
      int latency,
      int supervisionTimeout,
      int centralClockAccuracy)
      implements LeMeta {
    @Override
    public int subevent() {
      return LE_CONNECTION_COMPLETE;
    }
  }

  /**
   * LE Enhanced Connection Complete [v1], Vol 4 Part E §7.7.65.10 (subevent 0x0A): as {@link
   * LeConnectionComplete} with {@code local_resolvable_private_address(6)
   * peer_resolvable_private_address(6)} after the peer address.
   */
  record LeEnhancedConnectionComplete(
      int status,
      int handle,
      int role,
      int peerAddressType,
      BdAddr peerAddress,
      BdAddr localRpa,
      BdAddr peerRpa,
      int interval,
      int latency,
      int supervisionTimeout,
      int centralClockAccuracy)
      implements LeMeta {
    @Override
    public int subevent() {
      return LE_ENHANCED_CONNECTION_COMPLETE;
    }
  }

  /**
   * LE Enhanced Connection Complete [v2], Vol 4 Part E §7.7.65.10 (subevent 0x29): v1's fields then
   * {@code advertising_handle(1) sync_handle(2)}.
   */
  record LeEnhancedConnectionCompleteV2(
      int status,
      int handle,
      int role,
      int peerAddressType,
      BdAddr peerAddress,
      BdAddr localRpa,
      BdAddr peerRpa,
      int interval,
      int latency,
      int supervisionTimeout,
      int centralClockAccuracy,
      int advertisingHandle,
      int syncHandle)
      implements LeMeta {
    @Override
    public int subevent() {
      return LE_ENHANCED_CONNECTION_COMPLETE_V2;
    }
  }

  /**
   * LE Connection Update Complete, Vol 4 Part E §7.7.65.3: {@code status(1) handle(2) interval(2)
   * latency(2) supervision_timeout(2)}.
   */
  record LeConnectionUpdateComplete(
      int status, int handle, int interval, int latency, int supervisionTimeout) implements LeMeta {
    @Override
    public int subevent() {
      return LE_CONNECTION_UPDATE_COMPLETE;
    }
  }

  /**
   * LE Read Remote Features Complete, Vol 4 Part E §7.7.65.4: {@code status(1) handle(2)
   * le_features(8)}.
   */
  record LeReadRemoteFeaturesComplete(int status, int handle, Bytes features) implements LeMeta {
    public LeReadRemoteFeaturesComplete {
      if (features.size() != 8) {
        throw new IllegalArgumentException("LE features are 8 bytes");
      }
    }

    @Override
    public int subevent() {
      return LE_READ_REMOTE_FEATURES_COMPLETE;
    }
  }

  /**
   * LE Long Term Key Request, Vol 4 Part E §7.7.65.5: {@code handle(2) random_number(8)
   * encrypted_diversifier(2)}. The controller asks the host for the LTK when the peer (as Central)
   * starts encryption.
   */
  record LeLongTermKeyRequest(int handle, Bytes randomNumber, int encryptedDiversifier)
      implements LeMeta {
    public LeLongTermKeyRequest {
      if (randomNumber.size() != 8) {
        throw new IllegalArgumentException("random number is 8 bytes");
      }
    }

    @Override
    public int subevent() {
      return LE_LONG_TERM_KEY_REQUEST;
    }
  }

  /**
   * LE Data Length Change, Vol 4 Part E §7.7.65.7: {@code handle(2) max_tx_octets(2) max_tx_time(2)
   * max_rx_octets(2) max_rx_time(2)}.
   */
  record LeDataLengthChange(
      int handle, int maxTxOctets, int maxTxTime, int maxRxOctets, int maxRxTime)
      implements LeMeta {
    @Override
    public int subevent() {
      return LE_DATA_LENGTH_CHANGE;
    }
  }

  /** An LE Meta subevent this model does not decode. */
  record LeUnknown(int subevent, Bytes parameters) implements LeMeta {
    public LeUnknown {
      if (HciCodec.DECODED_SUBEVENTS.contains(subevent) || subevent < 0 || subevent > 0xff) {
        throw new IllegalArgumentException("subevent " + subevent + " has its own record");
      }
    }
  }

  /** An event this model does not decode (never an LE Meta event: see {@link LeUnknown}). */
  record Unknown(int code, Bytes parameters) implements HciEvent {
    public Unknown {
      if (HciCodec.DECODED_EVENTS.contains(code) || code < 0 || code > 0xff) {
        throw new IllegalArgumentException("event code " + code + " has its own record");
      }
    }
  }
}
