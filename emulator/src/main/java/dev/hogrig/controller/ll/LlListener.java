package dev.hogrig.controller.ll;

import dev.hogrig.util.Bytes;

/**
 * What a {@link LinkConnection} tells the layer above (the HCI side turns these into HCI events).
 * Status and reason values are HCI error codes (Core 5.4 Vol 1 Part F): 0x00 success, 0x08
 * Connection Timeout, 0x13 Remote User Terminated, 0x16 Terminated By Local Host, 0x1A Unsupported
 * Remote Feature, 0x22 LL Response Timeout, 0x3D MIC Failure, 0x3E Failed to be Established. Called
 * on the scheduler's thread, inside the link layer: do not block.
 */
public interface LlListener {
  /** An L2CAP fragment: {@code start} for LLID 0b10 (start or complete), false for 0b01. */
  default void dataReceived(boolean start, Bytes fragment) {}

  /** {@code count} data PDUs queued with {@link LinkConnection#sendData} were acknowledged. */
  default void dataAcknowledged(int count) {}

  default void remoteFeatures(int status, long features) {}

  default void remoteVersion(int status, int versNr, int companyId, int subVersNr) {}

  /** At the instant (status 0), or when the peer refused a parameter request. */
  default void connectionUpdateComplete(int status, int interval, int latency, int timeout) {}

  /**
   * Central only: the peripheral asked for new connection parameters (LL_CONNECTION_PARAM_REQ, Core
   * 5.4 Vol 6 Part B §5.1.7; HCI's LE Remote Connection Parameter Request event). Return true to
   * answer later with {@link LinkConnection#connectionParameterReply} or {@link
   * LinkConnection#connectionParameterNegativeReply}; false (the default) accepts at once with
   * Interval_Min.
   */
  default boolean remoteConnectionParameterRequest(
      int intervalMin, int intervalMax, int latency, int timeout) {
    return false;
  }

  default void dataLengthChanged(int maxTxOctets, int maxTxTime, int maxRxOctets, int maxRxTime) {}

  /** At the instant; PHY 1 = LE 1M, 2 = LE 2M, 3 = LE Coded. */
  default void phyUpdateComplete(int status, int txPhy, int rxPhy) {}

  /** Peripheral only: answer with {@link LinkConnection#ltkReply}. */
  default void ltkRequested(long rand, int ediv) {}

  default void encryptionChange(int status, boolean enabled) {}

  default void encryptionKeyRefreshComplete(int status) {}

  /** The peer sent LL_CHANNEL_STATUS_IND (10 octets, 2 bits per channel). */
  default void channelStatus(Bytes classification) {}

  /** The link is gone; no other call follows. */
  default void disconnected(int reason) {}

  /** Every control PDU sent or received, for traces. */
  default void controlPdu(boolean received, LlControlPdu pdu) {}
}
