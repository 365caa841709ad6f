package dev.hogrig.controller;

import com.google.common.collect.ImmutableSet;
import dev.hogrig.hci.BdAddr;
import dev.hogrig.util.Bytes;
import java.util.Optional;

/**
 * Everything that crosses the air between {@link VirtualController}s, and nothing that stays in
 * one: the controller is the HCI half (Core v5.4 Vol 4 Part E: commands, events, buffers, masks),
 * an {@code Air} is the link-layer half (Vol 6 Part B: advertising, connection establishment,
 * control procedures, data PDUs). The split is where a real controller's firmware would split its
 * HCI task from its LL task, so that the link layer ({@code dev.hogrig.controller.ll}: personas,
 * connection events on a clock, LL control PDUs, air capture) can replace {@link DirectAir} without
 * the HCI half changing.
 *
 * <p>Calls go two ways. A controller calls its {@link Port} (obtained from {@link #attach}) and the
 * {@link Link}s it was handed; the air calls back the controller's {@link Station}. Rules an
 * implementation must keep:
 *
 * <ul>
 *   <li>Station callbacks may come on any thread and may come while a Port/Link call is still
 *       running on the caller's thread (DirectAir calls back synchronously). The controller hands
 *       each callback to its own single thread, so the air must not wait for a callback to be
 *       processed, and must not call back while holding a lock a controller could need.
 *   <li>Every procedure a controller starts ends in exactly one callback to it, success or not:
 *       {@link Port#connect} in {@link Station#connected} or {@link Station#connectFailed}; {@link
 *       Link#startEncryption} in {@link Station#encryptionChanged} or {@link Station#disconnected};
 *       {@link Link#updateParameters} in {@link Station#parametersUpdated}; {@link
 *       Link#readRemoteFeatures} in {@link Station#remoteFeatures}; {@link Link#readRemoteVersion}
 *       in {@link Station#remoteVersion}; {@link Link#disconnect} in {@link Station#disconnected}.
 *       The controller turns them into the HCI events Vol 4 Part E §7.7 names.
 *   <li>A link ends once: after {@link Station#disconnected} the air calls nothing more about that
 *       link, and Link calls on it are ignored.
 * </ul>
 */
public interface Air {

  /**
   * Puts a controller on this air.
   *
   * @param station the controller's callbacks and identity
   * @return the controller's port: what it asks the air to do
   */
  Port attach(Station station);

  /** Own address type on the air (Vol 4 Part E §7.8.5): public 0x00, random 0x01. */
  int PUBLIC = 0x00;

  int RANDOM = 0x01;

  /** An address with its type, as advertising and connection PDUs carry it. */
  record Address(int type, BdAddr address) {}

  /**
   * What a controller advertises (Vol 4 Part E §7.8.5, §7.8.7, §7.8.8).
   *
   * @param type Advertising_Type: 0x00 ADV_IND, 0x01 ADV_DIRECT_IND (high duty), 0x02 ADV_SCAN_IND,
   *     0x03 ADV_NONCONN_IND, 0x04 ADV_DIRECT_IND (low duty)
   * @param own the advertiser's address on the air
   * @param direct the target of a directed advertisement, else empty
   * @param intervalMs advertising interval (DirectAir repeats reports at this period)
   * @param data AdvData, up to 31 bytes
   * @param scanResponse ScanRspData, up to 31 bytes
   */
  record Advertisement(
      int type,
      Address own,
      Optional<Address> direct,
      int intervalMs,
      Bytes data,
      Bytes scanResponse) {
    public boolean connectable() {
      return type == 0x00 || type == 0x01 || type == 0x04;
    }

    public boolean scannable() {
      return type == 0x00 || type == 0x02;
    }
  }

  /**
   * What a scanner asked for (Vol 4 Part E §7.8.10, §7.8.11).
   *
   * @param active active scanning: scan requests, so scan responses are reported too
   * @param own the scanner's address on the air
   * @param filterDuplicates report each advertiser once per scan enable
   */
  record Scan(boolean active, Address own, boolean filterDuplicates) {}

  /**
   * Connection parameters (Vol 6 Part B §4.5.1; HCI units).
   *
   * @param interval connection interval in 1.25 ms units (6..3200)
   * @param latency peripheral latency in connection events
   * @param supervisionTimeout supervision timeout in 10 ms units
   */
  record ConnectionParameters(int interval, int latency, int supervisionTimeout) {}

  /**
   * A connection request (Vol 4 Part E §7.8.12, LE Create Connection).
   *
   * @param own the initiator's address on the air
   * @param peer the advertiser to connect to; ignored when {@code useAcceptList}
   * @param useAcceptList Initiator_Filter_Policy 0x01: connect to any advertiser in the list
   * @param acceptList the initiator's Filter Accept List at the time of the request
   * @param parameters the parameters the central will use
   */
  record Initiation(
      Address own,
      Address peer,
      boolean useAcceptList,
      ImmutableSet<Address> acceptList,
      ConnectionParameters parameters) {}

  /** A report of one advertising or scan response PDU (Vol 4 Part E §7.7.65.2). */
  record Report(int eventType, Address advertiser, Bytes data, int rssi) {}

  /** Role on a link (Vol 4 Part E §7.7.65.1): 0x00 Central, 0x01 Peripheral. */
  enum Role {
    CENTRAL,
    PERIPHERAL;

    public int code() {
      return ordinal();
    }
  }

  /** A controller as the air sees it: identity, and the callbacks it takes. */
  interface Station {
    /** The LE features this controller's link layer supports (Vol 6 Part B §4.6), 8 bytes. */
    Bytes leFeatures();

    /** LL version (Assigned Numbers, e.g. 0x0c = 5.3), company identifier, subversion. */
    int llVersion();

    int companyIdentifier();

    int subversion();

    /** An advertising or scan response PDU the scanner heard. */
    void advertisingReport(Report report);

    /** A connection is up; {@code link} is this side's end of it. */
    void connected(Link link, Role role, Address peer, ConnectionParameters parameters);

    /** A {@link Port#connect} ended without a connection (e.g. cancelled: 0x02). */
    void connectFailed(int status);

    /** The advertising this station had enabled stopped because a connection was made from it. */
    void advertisingEnded();

    /**
     * Data from the peer: one L2CAP fragment.
     *
     * @param start true when the fragment starts an L2CAP PDU
     */
    void data(Link link, boolean start, Bytes fragment);

    /** Packets this station sent on {@code link} were acknowledged by the peer. */
    void dataAcknowledged(Link link, int packets);

    /** The peer (as central) starts or refreshes encryption: this side's host must give the LTK. */
    void longTermKeyRequest(Link link, Bytes random, int diversifier);

    /**
     * Encryption started, refreshed or failed on {@code link} (Vol 6 Part B §5.1.3).
     *
     * @param status 0x00, or the error (0x06 PIN or Key Missing when the peripheral had no key)
     * @param refresh true when the link was already encrypted (Encryption Key Refresh Complete)
     */
    void encryptionChanged(Link link, int status, boolean enabled, boolean refresh);

    /**
     * The peer asks to change connection parameters (LL_CONNECTION_PARAM_REQ, Vol 6 Part B §5.1.7):
     * answer with {@link Link#answerParameterRequest}.
     */
    void parameterRequest(Link link, int intervalMin, int intervalMax, ConnectionParameters p);

    /** A connection update ended (status 0x00 with the new parameters, or an error). */
    void parametersUpdated(Link link, int status, ConnectionParameters parameters);

    void remoteFeatures(Link link, int status, Bytes features);

    void remoteVersion(Link link, int status, int version, int company, int subversion);

    /** The data length changed (Vol 6 Part B §5.1.9); values in octets and microseconds. */
    void dataLengthChanged(
        Link link, int maxTxOctets, int maxTxTime, int maxRxOctets, int maxRxTime);

    /** A PHY update ended (Vol 6 Part B §5.1.10): PHYs 0x01 1M, 0x02 2M, 0x03 Coded. */
    void phyUpdated(Link link, int status, int txPhy, int rxPhy);

    /** The link is gone; {@code reason} is the HCI error code this side's host is told. */
    void disconnected(Link link, int reason);
  }

  /** What a controller asks of the air, outside any connection. */
  interface Port {
    /** Starts advertising, or replaces what is advertised; empty stops it. */
    void advertise(Optional<Advertisement> advertisement);

    /** Starts scanning, or changes how; empty stops it. */
    void scan(Optional<Scan> scan);

    /** Starts initiating; ends in {@link Station#connected} or {@link Station#connectFailed}. */
    void connect(Initiation initiation);

    /** Stops initiating: {@link Station#connectFailed} with 0x02 if nothing was connected yet. */
    void cancelConnect();

    /** Leaves the air: ends every link (the peer sees {@code reason}) without callbacks here. */
    void detach(int reason);
  }

  /** One side's end of a connection. */
  interface Link {
    Role role();

    /**
     * Sends one L2CAP fragment as an LL data PDU (LLID 0b10 start, 0b01 continuation); ends in
     * {@link Station#dataAcknowledged} once the peer has it.
     */
    void send(boolean start, Bytes fragment);

    /** Central only: LL_ENC_REQ with the host's Rand, EDIV and LTK (Vol 6 Part B §5.1.3.1). */
    void startEncryption(Bytes random, int diversifier, Bytes ltk);

    /** Peripheral only: the host's LTK, or empty for LE LTK Request Negative Reply. */
    void answerLongTermKey(Optional<Bytes> ltk);

    /**
     * Starts a connection update (central: LL_CONNECTION_UPDATE_IND or LL_CONNECTION_PARAM_REQ;
     * peripheral: LL_CONNECTION_PARAM_REQ).
     */
    void updateParameters(int intervalMin, int intervalMax, ConnectionParameters parameters);

    /** Answers {@link Station#parameterRequest}: the parameters, or empty and a reason. */
    void answerParameterRequest(Optional<ConnectionParameters> accepted, int reason);

    void readRemoteFeatures();

    void readRemoteVersion();

    /** LL_LENGTH_REQ with this side's new maximum transmit octets and time. */
    void updateDataLength(int txOctets, int txTime);

    /** LL_PHY_REQ with the preferred PHY bit fields. */
    void updatePhy(int txPhys, int rxPhys);

    /** LL_TERMINATE_IND: the peer's host is told {@code reason}, this side's 0x16. */
    void disconnect(int reason);
  }
}
