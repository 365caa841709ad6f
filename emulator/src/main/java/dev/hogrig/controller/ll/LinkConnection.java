package dev.hogrig.controller.ll;

import dev.hogrig.util.Bytes;
import java.security.GeneralSecurityException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Random;
import java.util.zip.CRC32;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * One end of an LE connection's link layer: a central or a peripheral. Two instances, one per role,
 * joined by an {@link Air} (in memory: {@link LinkPair}) make a connection; each end keeps only its
 * own state, as two real controllers do, and learns about the other only from packets.
 *
 * <p>Pure and deterministic: no threads, no wall clock. Everything runs in tasks of the {@link
 * LlScheduler}; randomness (SKD/IV, lossy air) comes from a {@link Random} seeded by the {@link
 * Persona}. Call the public methods only from the scheduler's thread (or, on virtual time, between
 * {@link VirtualLlScheduler#runUntil} calls).
 *
 * <p>Modelled (Core 5.4 Vol 6 Part B): connection events every connInterval from the anchor
 * (§4.5.1), the central transmitting first and the peripheral answering T_IFS = 150 µs after,
 * several packets per event while either side sets MD (§4.5.6); peripheral latency (§4.5.1, the
 * peripheral skips up to connPeripheralLatency events when it has nothing to send); supervision
 * timeout 0x08 and failure to establish 0x3E after six events (§4.5.2); SN/NESN acknowledgement and
 * retransmission (§4.5.9); Channel Selection Algorithm #1 (§4.5.8.2) or #2 (§4.5.8.3); the control
 * procedures of §5.1 named in {@link #implemented}; the 40 s procedure response timeout 0x22
 * (§5.2); instant passed 0x28 (§5.5.1); LL_UNKNOWN_RSP for any opcode the persona does not support.
 *
 * <p>Encryption: the session key is computed as the spec says (SK = e(LTK, SKDp || SKDc), §5.1.3.1,
 * AES-128), but payloads stay in clear and the MIC is a model (the first four octets of e(SK, LLID,
 * Length, CRC-32 of the payload)), not AES-CCM: it fails exactly when the two ends' keys differ,
 * which is what a MIC failure (0x3D) tests.
 */
public final class LinkConnection {
  /** The role of this end. */
  public enum Role {
    CENTRAL,
    PERIPHERAL
  }

  /** The medium between the two ends. {@link LinkPair} is the in-memory one. */
  public interface Air {
    /** Carries {@code packet} to the other end, arriving at {@code packet.endMicros()}. */
    void transmit(LinkConnection from, AirPacket packet);
  }

  static final long RESPONSE_TIMEOUT_MICROS = 40_000_000L;
  static final long T_IFS = 150;
  static final int MAX_PACKETS_PER_EVENT = 16;

  private final Role role;
  private final Persona persona;
  private final LlScheduler scheduler;
  private final LlListener listener;
  private final Random random;
  private final long accessAddress;
  private final int crcInit;
  private Air air;

  private boolean open;
  private int disconnectReason = -1;
  private int counter;
  private long anchor;
  private int interval;
  private int latency;
  private int timeout;
  private final ChannelSelection csa;
  private final ChannelSelection2 csa2;
  private int channel;
  private LlScheduler.Timer eventTimer;

  private boolean sn;
  private boolean nesn;
  private final Deque<Outgoing> controlQueue = new ArrayDeque<>();
  private final Deque<Outgoing> dataQueue = new ArrayDeque<>();
  private Outgoing inFlight;
  private long lastValidRx;
  private boolean everReceived;
  private boolean listening;
  private int skipped;
  private int packetsThisEvent;
  private int terminateAfterTx = -1;
  private boolean stopData;
  private long silentUntil;

  private int phyTx = 1;
  private int phyRx = 1;
  private int maxTxOctets = 27;
  private int maxTxTime = 328;
  private int maxRxOctets = 27;
  private int maxRxTime = 328;
  private int localTxOctets = 251;
  private int localTxTime = 2120;
  private int peerRxOctets = 27;
  private int peerRxTime = 328;
  private int peerTxOctets = 27;
  private int peerTxTime = 328;

  private int pendingUpdateInstant = -1;
  private LlControlPdu.ConnectionUpdateInd pendingUpdate;
  private int pendingMapInstant = -1;
  private long pendingMap;
  private int pendingPhyInstant = -1;
  private LlControlPdu.PhyUpdateInd pendingPhy;

  private int localProc = -1;
  private LlScheduler.Timer responseTimer;
  private final Deque<Runnable> pendingProcs = new ArrayDeque<>();

  private boolean versionSent;
  private LlControlPdu.VersionInd peerVersion;
  private long peerFeatures = -1;

  private boolean txEncrypted;
  private boolean rxEncrypted;
  private boolean encryptedOnce;
  private boolean encPaused;
  private Bytes ltk;
  private Bytes sessionKey;
  private long skdC;
  private long skdP;
  private long pendingRand;
  private int pendingEdiv;

  private long txPackets;
  private long rxPackets;
  private long eventCount;
  private long timingErrorSumMicros;
  private long timingErrorMaxMicros;

  private record Outgoing(DataPdu pdu, boolean encrypt, LlControlPdu control, boolean isData) {}

  /**
   * @param params the CONNECT_IND LLData both ends start from
   */
  public LinkConnection(
      Role role, LlData params, Persona persona, LlScheduler scheduler, LlListener listener) {
    this(role, params, false, persona, scheduler, listener);
  }

  /**
   * @param channelSelection2 true when both CONNECT_IND and the advertising PDU set ChSel: the
   *     connection uses Channel Selection Algorithm #2 instead of #1 (§4.5.8)
   */
  public LinkConnection(
      Role role,
      LlData params,
      boolean channelSelection2,
      Persona persona,
      LlScheduler scheduler,
      LlListener listener) {
    this.role = role;
    this.persona = persona;
    this.scheduler = scheduler;
    this.listener = listener;
    this.random = new Random(persona.seed() * 31 + role.ordinal());
    this.accessAddress = params.accessAddress();
    this.crcInit = params.crcInit();
    this.interval = params.interval();
    this.latency = params.latency();
    this.timeout = params.timeout();
    this.csa = new ChannelSelection(params.hop(), params.channelMap());
    this.csa2 =
        channelSelection2
            ? new ChannelSelection2(params.accessAddress(), params.channelMap())
            : null;
    if (params.interval() < 6 || params.interval() > 3200) {
      throw new IllegalArgumentException(
          "connInterval must be 6..3200 (7.5 ms..4 s), got " + params.interval());
    }
    if (params.timeout() < 10 || params.timeout() > 3200) {
      throw new IllegalArgumentException(
          "supervision timeout must be 10..3200 (100 ms..32 s), got " + params.timeout());
    }
  }

  /** The opcodes this model implements (the rest get LL_UNKNOWN_RSP by default). */
  public static boolean implemented(int opcode) {
    return (opcode >= 0x00 && opcode <= 0x19)
        || opcode == LlControlPdu.CHANNEL_REPORTING_IND
        || opcode == LlControlPdu.CHANNEL_STATUS_IND;
  }

  // ---------------------------------------------------------------- lifecycle

  /**
   * Starts the connection: the first connection event is at {@code firstAnchorMicros} (after
   * CONNECT_IND, transmitWindowOffset and the transmit window, §4.5.3; the caller decides).
   */
  public void start(Air air, long firstAnchorMicros) {
    if (open || disconnectReason >= 0) {
      throw new IllegalStateException("already started");
    }
    this.air = air;
    this.open = true;
    this.anchor = firstAnchorMicros;
    this.lastValidRx = firstAnchorMicros;
    this.eventTimer = scheduler.schedule(firstAnchorMicros, this::onEvent);
    long now = scheduler.nowMicros();
    for (Injection i : persona.injections()) {
      if (i.trigger().kind() == Injection.Trigger.Kind.CONNECTED) {
        scheduler.schedule(now + i.delayMillis() * 1000, () -> act(i.action()));
      }
    }
  }

  public Role role() {
    return role;
  }

  public Persona persona() {
    return persona;
  }

  public boolean isOpen() {
    return open;
  }

  /** The HCI reason the link ended with, or -1 while open. */
  public int disconnectReason() {
    return disconnectReason;
  }

  /** connInterval, connPeripheralLatency, connSupervisionTimeout now in use. */
  public int interval() {
    return interval;
  }

  public int latency() {
    return latency;
  }

  public int supervisionTimeout() {
    return timeout;
  }

  /** connEventCounter of the current (or last) connection event. */
  public int eventCounter() {
    return counter;
  }

  public boolean encrypted() {
    return txEncrypted && rxEncrypted;
  }

  public int maxTxOctets() {
    return maxTxOctets;
  }

  public int maxRxOctets() {
    return maxRxOctets;
  }

  public int txPhy() {
    return phyTx;
  }

  public int rxPhy() {
    return phyRx;
  }

  public long txPackets() {
    return txPackets;
  }

  public long rxPackets() {
    return rxPackets;
  }

  /** Connection events run, and their mean and worst lateness against the schedule. */
  public long eventCount() {
    return eventCount;
  }

  public double meanEventErrorMicros() {
    return eventCount == 0 ? 0 : (double) timingErrorSumMicros / eventCount;
  }

  public long maxEventErrorMicros() {
    return timingErrorMaxMicros;
  }

  // ---------------------------------------------------------------- host API

  /**
   * Queues an L2CAP fragment ({@code start}: LLID 0b10, else 0b01). Longer than the current maximum
   * TX octets, it is cut into several PDUs; {@link LlListener#dataAcknowledged} counts PDUs.
   */
  public void sendData(boolean start, Bytes fragment) {
    if (!open) {
      return;
    }
    int at = 0;
    boolean first = true;
    do {
      int n = Math.min(maxTxOctets, fragment.size() - at);
      int llid = first && start ? DataPdu.LLID_START : DataPdu.LLID_CONTINUATION;
      dataQueue.add(
          new Outgoing(
              new DataPdu(llid, false, false, false, -1, fragment.slice(at, at + n)),
              false,
              null,
              true));
      at += n;
      first = false;
    } while (at < fragment.size());
  }

  /** Feature exchange (§5.1.4): LL_FEATURE_REQ, or LL_PERIPHERAL_FEATURE_REQ from a peripheral. */
  public void readRemoteFeatures() {
    procedure(
        () ->
            begin(
                LlControlPdu.FEATURE_REQ,
                new LlControlPdu.Features(
                    role == Role.CENTRAL
                        ? LlControlPdu.FEATURE_REQ
                        : LlControlPdu.PERIPHERAL_FEATURE_REQ,
                    persona.features())));
  }

  /** Version exchange (§5.1.5): sent at most once per connection; later calls answer from cache. */
  public void readRemoteVersion() {
    if (peerVersion != null) {
      LlControlPdu.VersionInd v = peerVersion;
      scheduler.schedule(
          scheduler.nowMicros(),
          () -> listener.remoteVersion(0, v.versNr(), v.compId(), v.subVersNr()));
      return;
    }
    procedure(
        () -> {
          versionSent = true;
          begin(LlControlPdu.VERSION_IND, ownVersion());
        });
  }

  /**
   * Connection update (§5.1.1) from the central, or connection parameters request (§5.1.7) from the
   * peripheral. Units as in HCI: interval 1.25 ms, timeout 10 ms.
   */
  public void updateConnection(int intervalMin, int intervalMax, int latency, int timeout) {
    procedure(
        () -> {
          if (role == Role.CENTRAL) {
            sendConnectionUpdate(intervalMin, latency, timeout);
            finishProcedureSoon();
          } else {
            begin(
                LlControlPdu.CONNECTION_PARAM_REQ,
                new LlControlPdu.ConnectionParam(
                    LlControlPdu.CONNECTION_PARAM_REQ,
                    intervalMin,
                    intervalMax,
                    latency,
                    timeout,
                    0,
                    counter,
                    com.google.common.collect.ImmutableList.of(
                        0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff)));
          }
        });
  }

  /** Central: the host accepts a peer's parameter request with these parameters (§5.1.7). */
  public void connectionParameterReply(int intervalMin, int intervalMax, int latency, int timeout) {
    requireCentral("connection parameter reply");
    if (open) {
      sendConnectionUpdate(intervalMin, latency, timeout);
    }
  }

  /**
   * Central: the host refuses a peer's parameter request; the peer gets LL_REJECT_EXT_IND with
   * {@code reason} (0x3B Unacceptable Connection Parameters, typically).
   */
  public void connectionParameterNegativeReply(int reason) {
    requireCentral("connection parameter negative reply");
    if (open) {
      rejectWith(LlControlPdu.CONNECTION_PARAM_REQ, reason);
    }
  }

  /** Channel map update (§5.1.2), central only. */
  public void updateChannelMap(long channelMap) {
    requireCentral("channel map update");
    procedure(
        () -> {
          int instant = instantFromNow();
          pendingMap = channelMap;
          pendingMapInstant = instant;
          enqueueControl(new LlControlPdu.ChannelMapInd(channelMap, instant));
          finishProcedureSoon();
        });
  }

  /** Data length update (§5.1.9). */
  public void setDataLength(int txOctets, int txTime) {
    procedure(
        () -> {
          localTxOctets = txOctets;
          localTxTime = txTime;
          begin(
              LlControlPdu.LENGTH_REQ,
              new LlControlPdu.Length(LlControlPdu.LENGTH_REQ, 251, 2120, txOctets, txTime));
        });
  }

  /** PHY update (§5.1.10); PHYS bit 0 LE 1M, bit 1 LE 2M, bit 2 LE Coded. */
  public void setPhy(int txPhys, int rxPhys) {
    procedure(
        () ->
            begin(
                LlControlPdu.PHY_REQ, new LlControlPdu.Phy(LlControlPdu.PHY_REQ, txPhys, rxPhys)));
  }

  /**
   * Encryption start (§5.1.3.1), or pause and restart (§5.1.3.2) when already encrypted; central
   * only. The result comes as {@link LlListener#encryptionChange} or {@link
   * LlListener#encryptionKeyRefreshComplete}.
   */
  public void startEncryption(long rand, int ediv, Bytes ltk) {
    requireCentral("encryption start");
    if (ltk.size() != 16) {
      throw new IllegalArgumentException("an LTK has 16 octets, got " + ltk.size());
    }
    procedure(
        () -> {
          this.ltk = ltk;
          this.pendingRand = rand;
          this.pendingEdiv = ediv;
          encPaused = true;
          if (txEncrypted) {
            begin(LlControlPdu.PAUSE_ENC_REQ, new LlControlPdu.Bare(LlControlPdu.PAUSE_ENC_REQ));
          } else {
            sendEncReq();
          }
        });
  }

  /** Peripheral: the host's answer to {@link LlListener#ltkRequested}; empty means no key. */
  public void ltkReply(Optional<Bytes> key) {
    if (!open) {
      return;
    }
    if (key.isPresent()) {
      ltk = key.get();
      sessionKey = sessionKey(ltk, skdP, skdC);
      enqueueControl(new LlControlPdu.Bare(LlControlPdu.START_ENC_REQ));
      rxEncrypted = true;
    } else {
      encPaused = false;
      rejectWith(LlControlPdu.ENC_REQ, 0x06);
    }
  }

  /** LE ping (§5.1.6). */
  public void ping() {
    procedure(() -> begin(LlControlPdu.PING_REQ, new LlControlPdu.Bare(LlControlPdu.PING_REQ)));
  }

  /**
   * Termination (§5.1.8): LL_TERMINATE_IND with {@code reason}; this end reports 0x16 once the peer
   * acknowledged it (or when the supervision timeout passes without an acknowledgement).
   */
  public void disconnect(int reason) {
    if (!open) {
      return;
    }
    stopData = true;
    enqueueControl(new LlControlPdu.TerminateInd(reason));
    long deadline = scheduler.nowMicros() + timeout * 10_000L;
    scheduler.schedule(deadline, () -> close(0x16));
  }

  /** Sends any control PDU as it is, with no procedure around it (scripted personas). */
  public void sendControl(LlControlPdu pdu) {
    if (open) {
      enqueueControl(pdu);
    }
  }

  // ---------------------------------------------------------------- procedures

  private void procedure(Runnable start) {
    if (!open) {
      return;
    }
    if (localProc >= 0) {
      pendingProcs.add(start);
    } else {
      start.run();
    }
  }

  private void begin(int opcode, LlControlPdu pdu) {
    localProc = opcode;
    enqueueControl(pdu);
    if (responseTimer != null) {
      responseTimer.cancel();
    }
    responseTimer =
        scheduler.schedule(scheduler.nowMicros() + RESPONSE_TIMEOUT_MICROS, () -> close(0x22));
  }

  /** The response arrived (or the procedure needs none): restart the 40 s timer or stop it. */
  private void progress() {
    if (responseTimer != null) {
      responseTimer.cancel();
    }
    responseTimer =
        scheduler.schedule(scheduler.nowMicros() + RESPONSE_TIMEOUT_MICROS, () -> close(0x22));
  }

  private void finish() {
    localProc = -1;
    if (responseTimer != null) {
      responseTimer.cancel();
      responseTimer = null;
    }
    Runnable next = pendingProcs.poll();
    if (next != null && open) {
      next.run();
    }
  }

  private void finishProcedureSoon() {
    localProc = -2;
    scheduler.schedule(scheduler.nowMicros(), this::finish);
  }

  private void requireCentral(String what) {
    if (role != Role.CENTRAL) {
      throw new IllegalStateException(what + " is started by the central only");
    }
  }

  private int instantFromNow() {
    return (counter + Math.max(6, latency + 6)) & 0xffff;
  }

  private void sendConnectionUpdate(int newInterval, int newLatency, int newTimeout) {
    int instant = instantFromNow();
    LlControlPdu.ConnectionUpdateInd u =
        new LlControlPdu.ConnectionUpdateInd(1, 0, newInterval, newLatency, newTimeout, instant);
    pendingUpdate = u;
    pendingUpdateInstant = instant;
    enqueueControl(u);
  }

  private void sendEncReq() {
    skdC = random.nextLong();
    begin(
        LlControlPdu.ENC_REQ,
        new LlControlPdu.EncReq(pendingRand, pendingEdiv, skdC, random.nextInt() & 0xffffffffL));
  }

  private LlControlPdu.VersionInd ownVersion() {
    return new LlControlPdu.VersionInd(persona.versNr(), persona.companyId(), persona.subVersNr());
  }

  private void rejectWith(int opcode, int error) {
    if ((persona.features() & Personas.FEATURE_EXT_REJECT) != 0) {
      enqueueControl(new LlControlPdu.RejectExtInd(opcode, error));
    } else {
      enqueueControl(new LlControlPdu.RejectInd(error));
    }
  }

  // ---------------------------------------------------------------- connection events

  private long intervalMicros() {
    return interval * 1250L;
  }

  private void onEvent() {
    if (!open) {
      return;
    }
    long now = scheduler.nowMicros();
    long error = now - anchor;
    eventCount++;
    timingErrorSumMicros += Math.abs(error);
    timingErrorMaxMicros = Math.max(timingErrorMaxMicros, Math.abs(error));
    if (!everReceived && counter >= 6) {
      close(0x3E);
      return;
    }
    if (now - lastValidRx >= timeout * 10_000L) {
      close(0x08);
      return;
    }
    applyInstants();
    if (!open) {
      return;
    }
    channel = csa2 != null ? csa2.channel(counter) : csa.next();
    packetsThisEvent = 0;
    long next = anchor + intervalMicros();
    if (pendingUpdate != null && ((counter + 1) & 0xffff) == pendingUpdateInstant) {
      next += pendingUpdate.winOffset() * 1250L;
    }
    int thisCounter = counter;
    long nextAnchor = next;
    eventTimer =
        scheduler.schedule(
            nextAnchor,
            () -> {
              counter = (thisCounter + 1) & 0xffff;
              anchor = nextAnchor;
              onEvent();
            });
    if (role == Role.CENTRAL) {
      if (!silent()) {
        transmit();
      }
    } else {
      boolean mustListen =
          hasPending()
              || skipped >= latency
              || pendingUpdate != null
              || pendingMapInstant >= 0
              || pendingPhy != null
              || localProc >= 0;
      listening = !silent() && mustListen;
      skipped = listening ? 0 : skipped + 1;
    }
  }

  private void applyInstants() {
    if (pendingUpdate != null && counter == pendingUpdateInstant) {
      LlControlPdu.ConnectionUpdateInd u = pendingUpdate;
      pendingUpdate = null;
      pendingUpdateInstant = -1;
      interval = u.interval();
      latency = u.latency();
      timeout = u.timeout();
      lastValidRx = Math.max(lastValidRx, scheduler.nowMicros() - 1);
      if (localProc == LlControlPdu.CONNECTION_PARAM_REQ) {
        finish();
      }
      listener.connectionUpdateComplete(0, interval, latency, timeout);
    }
    if (pendingMapInstant >= 0 && counter == pendingMapInstant) {
      pendingMapInstant = -1;
      csa.setChannelMap(pendingMap);
      if (csa2 != null) {
        csa2.setChannelMap(pendingMap);
      }
    }
    if (pendingPhy != null && counter == pendingPhyInstant) {
      LlControlPdu.PhyUpdateInd p = pendingPhy;
      pendingPhy = null;
      pendingPhyInstant = -1;
      int c2p = phyOf(p.phyCToP(), role == Role.CENTRAL ? phyTx : phyRx);
      int p2c = phyOf(p.phyPToC(), role == Role.CENTRAL ? phyRx : phyTx);
      phyTx = role == Role.CENTRAL ? c2p : p2c;
      phyRx = role == Role.CENTRAL ? p2c : c2p;
      if (localProc == LlControlPdu.PHY_REQ) {
        finish();
      }
      listener.phyUpdateComplete(0, phyTx, phyRx);
    }
  }

  private static int phyOf(int bits, int unchanged) {
    if ((bits & 0x02) != 0) {
      return 2;
    }
    if ((bits & 0x04) != 0) {
      return 3;
    }
    if ((bits & 0x01) != 0) {
      return 1;
    }
    return unchanged;
  }

  private boolean silent() {
    return scheduler.nowMicros() < silentUntil;
  }

  private boolean hasPending() {
    return (inFlight != null && !inFlight.pdu().isEmpty())
        || !controlQueue.isEmpty()
        || (!dataQueue.isEmpty() && !stopData && !encPaused);
  }

  private void enqueueControl(LlControlPdu pdu) {
    controlQueue.add(
        new Outgoing(
            new DataPdu(DataPdu.LLID_CONTROL, false, false, false, -1, pdu.encode()),
            txEncrypted,
            pdu,
            false));
  }

  private void transmit() {
    if (!open || silent()) {
      return;
    }
    if (inFlight == null) {
      inFlight = controlQueue.poll();
      if (inFlight == null && !stopData && !encPaused && !dataQueue.isEmpty()) {
        Outgoing d = dataQueue.poll();
        inFlight = new Outgoing(d.pdu(), txEncrypted, null, true);
      }
      if (inFlight == null) {
        inFlight = new Outgoing(DataPdu.empty(false, false, false), false, null, false);
      }
      if (inFlight.control() != null) {
        listener.controlPdu(false, inFlight.control());
      }
    }
    boolean md = !controlQueue.isEmpty() || (!dataQueue.isEmpty() && !stopData && !encPaused);
    DataPdu pdu = inFlight.pdu().withAck(nesn, sn, md);
    Bytes mic = Bytes.EMPTY;
    if (inFlight.encrypt() && !pdu.isEmpty()) {
      mic = mic(sessionKey, pdu);
    }
    long start = scheduler.nowMicros();
    long end = start + AirPacket.airtimeMicros(phyTx, pdu.payload().size() + mic.size());
    boolean dropped = persona.dropRate() > 0 && random.nextDouble() < persona.dropRate();
    boolean corrupt = persona.corruptRate() > 0 && random.nextDouble() < persona.corruptRate();
    txPackets++;
    packetsThisEvent++;
    if (!dropped) {
      air.transmit(
          this,
          new AirPacket(start, end, channel, accessAddress, crcInit, role, pdu, mic, !corrupt));
    }
    if (terminateAfterTx >= 0) {
      int reason = terminateAfterTx;
      scheduler.schedule(end, () -> close(reason));
    }
  }

  /** The air delivers a packet from the other end (at its end time). */
  public void receive(AirPacket p) {
    if (!open || silent() || p.accessAddress() != accessAddress) {
      return;
    }
    if (p.channelIndex() != channel) {
      // The two ends hop out of step (a channel map or algorithm mismatch): nothing is heard.
      return;
    }
    if (role == Role.PERIPHERAL && !listening) {
      return;
    }
    rxPackets++;
    if (!p.crcOk()) {
      if (role == Role.PERIPHERAL) {
        scheduler.schedule(scheduler.nowMicros() + T_IFS, this::transmit);
      }
      return;
    }
    lastValidRx = scheduler.nowMicros();
    everReceived = true;
    DataPdu pdu = p.pdu();
    if (rxEncrypted && !pdu.isEmpty()) {
      if (sessionKey == null || !p.encrypted() || !mic(sessionKey, pdu).equals(p.mic())) {
        close(0x3D);
        return;
      }
    }
    if (pdu.nesn() != sn && inFlight != null) {
      Outgoing acked = inFlight;
      inFlight = null;
      sn = !sn;
      onAcked(acked);
      if (!open) {
        return;
      }
    }
    if (pdu.sn() == nesn) {
      nesn = !nesn;
      if (!pdu.isEmpty()) {
        deliver(pdu);
        if (!open) {
          return;
        }
      }
    }
    if (role == Role.PERIPHERAL) {
      scheduler.schedule(scheduler.nowMicros() + T_IFS, this::transmit);
    } else if ((pdu.md() || hasPending())
        && packetsThisEvent < MAX_PACKETS_PER_EVENT
        && scheduler.nowMicros()
                + 2 * T_IFS
                + AirPacket.airtimeMicros(phyTx, maxTxOctets + 4)
                + AirPacket.airtimeMicros(phyRx, maxRxOctets + 4)
            < anchor + intervalMicros()) {
      // Another exchange of maximum-size PDUs still fits before the next anchor (§4.5.6).
      scheduler.schedule(scheduler.nowMicros() + T_IFS, this::transmit);
    }
  }

  private void onAcked(Outgoing o) {
    if (o.isData()) {
      listener.dataAcknowledged(1);
    }
    if (o.control() instanceof LlControlPdu.TerminateInd) {
      close(0x16);
    }
  }

  private void deliver(DataPdu pdu) {
    if (pdu.llid() != DataPdu.LLID_CONTROL) {
      listener.dataReceived(pdu.llid() == DataPdu.LLID_START, pdu.payload());
      return;
    }
    LlControlPdu c;
    try {
      c = LlControlPdu.decode(pdu.payload());
    } catch (LlPduException e) {
      // A malformed control PDU is answered as one this side does not understand.
      if (!pdu.payload().isEmpty()) {
        enqueueControl(new LlControlPdu.UnknownRsp(pdu.payload().get(0)));
      }
      return;
    }
    listener.controlPdu(true, c);
    for (Injection i : persona.injections()) {
      if (i.trigger().matches(c)) {
        scheduler.schedule(scheduler.nowMicros() + i.delayMillis() * 1000, () -> act(i.action()));
      }
    }
    if (handleResponse(c)) {
      return;
    }
    int op = c.opcode();
    OpcodePolicy policy = persona.policy(op);
    switch (policy.kind()) {
      case SUPPORT -> serve(c);
      case UNKNOWN_RSP -> enqueueControl(new LlControlPdu.UnknownRsp(op));
      case REJECT_EXT_IND -> enqueueControl(new LlControlPdu.RejectExtInd(op, policy.errorCode()));
      case IGNORE -> {}
      case DELAY ->
          scheduler.schedule(
              scheduler.nowMicros() + policy.delayMillis() * 1000,
              () -> {
                if (open) {
                  serve(c);
                }
              });
    }
  }

  private void act(Injection.Action a) {
    if (!open) {
      return;
    }
    switch (a.kind()) {
      case SEND_CONTROL -> enqueueControl(a.pdu());
      case TERMINATE -> disconnect(a.reason());
      case STOP_DATA -> stopData = true;
      case GO_SILENT -> silentUntil = scheduler.nowMicros() + a.millis() * 1000;
    }
  }

  /** Handles PDUs that answer this side's own procedure. True if consumed. */
  private boolean handleResponse(LlControlPdu c) {
    int op = c.opcode();
    if (op == LlControlPdu.TERMINATE_IND) {
      terminateAfterTx = ((LlControlPdu.TerminateInd) c).errorCode();
      stopData = true;
      return true;
    }
    if (c instanceof LlControlPdu.UnknownRsp u) {
      if (u.unknownType() == localProc
          || (localProc == LlControlPdu.FEATURE_REQ
              && u.unknownType() == LlControlPdu.PERIPHERAL_FEATURE_REQ)) {
        failProcedure(0x1A);
      }
      return true;
    }
    if (c instanceof LlControlPdu.RejectExtInd r) {
      if (r.rejectOpcode() == localProc) {
        failProcedure(r.errorCode());
      }
      return true;
    }
    if (c instanceof LlControlPdu.RejectInd r) {
      if (localProc >= 0) {
        failProcedure(r.errorCode());
      }
      return true;
    }
    switch (localProc) {
      case LlControlPdu.FEATURE_REQ -> {
        if (op == LlControlPdu.FEATURE_RSP) {
          peerFeatures = ((LlControlPdu.Features) c).featureSet();
          finish();
          listener.remoteFeatures(0, peerFeatures);
          return true;
        }
      }
      case LlControlPdu.VERSION_IND -> {
        if (op == LlControlPdu.VERSION_IND) {
          peerVersion = (LlControlPdu.VersionInd) c;
          finish();
          listener.remoteVersion(
              0, peerVersion.versNr(), peerVersion.compId(), peerVersion.subVersNr());
          return true;
        }
      }
      case LlControlPdu.LENGTH_REQ -> {
        if (op == LlControlPdu.LENGTH_RSP) {
          peerLength((LlControlPdu.Length) c);
          finish();
          return true;
        }
      }
      case LlControlPdu.PING_REQ -> {
        if (op == LlControlPdu.PING_RSP) {
          finish();
          return true;
        }
      }
      case LlControlPdu.PHY_REQ -> {
        if (op == LlControlPdu.PHY_RSP && role == Role.CENTRAL) {
          LlControlPdu.Phy rsp = (LlControlPdu.Phy) c;
          sendPhyUpdate(rsp.txPhys(), rsp.rxPhys());
          progress();
          return true;
        }
        if (op == LlControlPdu.PHY_UPDATE_IND && role == Role.PERIPHERAL) {
          schedulePhy((LlControlPdu.PhyUpdateInd) c);
          progress();
          return true;
        }
      }
      case LlControlPdu.CONNECTION_PARAM_REQ -> {
        if (op == LlControlPdu.CONNECTION_UPDATE_IND) {
          scheduleUpdate((LlControlPdu.ConnectionUpdateInd) c);
          progress();
          return true;
        }
      }
      case LlControlPdu.ENC_REQ -> {
        if (op == LlControlPdu.ENC_RSP) {
          LlControlPdu.EncRsp r = (LlControlPdu.EncRsp) c;
          skdP = r.skdP();
          sessionKey = sessionKey(ltk, skdP, skdC);
          progress();
          return true;
        }
        if (op == LlControlPdu.START_ENC_REQ) {
          txEncrypted = true;
          rxEncrypted = true;
          enqueueControl(new LlControlPdu.Bare(LlControlPdu.START_ENC_RSP));
          progress();
          return true;
        }
        if (op == LlControlPdu.START_ENC_RSP) {
          encPaused = false;
          boolean refresh = encryptedOnce;
          encryptedOnce = true;
          finish();
          if (refresh) {
            listener.encryptionKeyRefreshComplete(0);
          } else {
            listener.encryptionChange(0, true);
          }
          return true;
        }
      }
      case LlControlPdu.PAUSE_ENC_REQ -> {
        if (op == LlControlPdu.PAUSE_ENC_RSP) {
          rxEncrypted = false;
          txEncrypted = false;
          enqueueControl(new LlControlPdu.Bare(LlControlPdu.PAUSE_ENC_RSP));
          localProc = -1;
          sendEncReq();
          return true;
        }
      }
      default -> {}
    }
    return false;
  }

  private void failProcedure(int status) {
    int proc = localProc;
    finish();
    switch (proc) {
      case LlControlPdu.FEATURE_REQ -> listener.remoteFeatures(status, 0);
      case LlControlPdu.VERSION_IND -> listener.remoteVersion(status, 0, 0, 0);
      case LlControlPdu.CONNECTION_PARAM_REQ ->
          listener.connectionUpdateComplete(status, interval, latency, timeout);
      case LlControlPdu.PHY_REQ -> listener.phyUpdateComplete(status, phyTx, phyRx);
      case LlControlPdu.ENC_REQ, LlControlPdu.PAUSE_ENC_REQ -> {
        encPaused = false;
        listener.encryptionChange(status, false);
      }
      default -> {}
    }
  }

  /** Serves a procedure the peer started. */
  private void serve(LlControlPdu c) {
    int op = c.opcode();
    switch (op) {
      case LlControlPdu.FEATURE_REQ, LlControlPdu.PERIPHERAL_FEATURE_REQ -> {
        peerFeatures = ((LlControlPdu.Features) c).featureSet();
        enqueueControl(new LlControlPdu.Features(LlControlPdu.FEATURE_RSP, persona.features()));
      }
      case LlControlPdu.VERSION_IND -> {
        peerVersion = (LlControlPdu.VersionInd) c;
        if (!versionSent) {
          versionSent = true;
          enqueueControl(ownVersion());
        }
      }
      case LlControlPdu.LENGTH_REQ -> {
        enqueueControl(
            new LlControlPdu.Length(
                LlControlPdu.LENGTH_RSP, 251, 2120, localTxOctets, localTxTime));
        peerLength((LlControlPdu.Length) c);
      }
      case LlControlPdu.PING_REQ -> enqueueControl(new LlControlPdu.Bare(LlControlPdu.PING_RSP));
      case LlControlPdu.PHY_REQ -> {
        LlControlPdu.Phy req = (LlControlPdu.Phy) c;
        if (role == Role.CENTRAL) {
          // The peer's TX is our RX: C->P uses the peripheral's RX preference.
          sendPhyUpdate(req.rxPhys(), req.txPhys());
        } else {
          enqueueControl(new LlControlPdu.Phy(LlControlPdu.PHY_RSP, 0x03, 0x03));
        }
      }
      case LlControlPdu.PHY_UPDATE_IND -> schedulePhy((LlControlPdu.PhyUpdateInd) c);
      case LlControlPdu.CONNECTION_UPDATE_IND ->
          scheduleUpdate((LlControlPdu.ConnectionUpdateInd) c);
      case LlControlPdu.CHANNEL_MAP_IND -> {
        LlControlPdu.ChannelMapInd m = (LlControlPdu.ChannelMapInd) c;
        if (instantPassed(m.instant())) {
          close(0x28);
          return;
        }
        pendingMap = m.channelMap();
        pendingMapInstant = m.instant();
      }
      case LlControlPdu.CONNECTION_PARAM_REQ, LlControlPdu.CONNECTION_PARAM_RSP -> {
        LlControlPdu.ConnectionParam p = (LlControlPdu.ConnectionParam) c;
        if (role == Role.CENTRAL) {
          if (op == LlControlPdu.CONNECTION_PARAM_RSP
              || !listener.remoteConnectionParameterRequest(
                  p.intervalMin(), p.intervalMax(), p.latency(), p.timeout())) {
            sendConnectionUpdate(p.intervalMin(), p.latency(), p.timeout());
          }
        } else {
          enqueueControl(
              new LlControlPdu.ConnectionParam(
                  LlControlPdu.CONNECTION_PARAM_RSP,
                  p.intervalMin(),
                  p.intervalMax(),
                  p.latency(),
                  p.timeout(),
                  p.preferredPeriodicity(),
                  p.referenceConnEventCount(),
                  p.offsets()));
        }
      }
      case LlControlPdu.ENC_REQ -> {
        LlControlPdu.EncReq r = (LlControlPdu.EncReq) c;
        skdC = r.skdC();
        skdP = random.nextLong();
        encPaused = true;
        enqueueControl(new LlControlPdu.EncRsp(skdP, random.nextInt() & 0xffffffffL));
        listener.ltkRequested(r.rand(), r.ediv());
      }
      case LlControlPdu.START_ENC_RSP -> {
        // Peripheral: the central's encrypted START_ENC_RSP passed the MIC check.
        txEncrypted = true;
        enqueueControl(new LlControlPdu.Bare(LlControlPdu.START_ENC_RSP));
        encPaused = false;
        boolean refresh = encryptedOnce;
        encryptedOnce = true;
        if (refresh) {
          listener.encryptionKeyRefreshComplete(0);
        } else {
          listener.encryptionChange(0, true);
        }
      }
      case LlControlPdu.PAUSE_ENC_REQ -> {
        enqueueControl(new LlControlPdu.Bare(LlControlPdu.PAUSE_ENC_RSP));
        rxEncrypted = false;
        encPaused = true;
      }
      case LlControlPdu.PAUSE_ENC_RSP -> txEncrypted = false;
      case LlControlPdu.CHANNEL_REPORTING_IND -> {
        LlControlPdu.ChannelReportingInd r = (LlControlPdu.ChannelReportingInd) c;
        if (r.enable() == 1) {
          long delay = Math.max(1, r.minSpacing()) * 200_000L;
          scheduler.schedule(
              scheduler.nowMicros() + delay,
              () -> {
                if (open) {
                  enqueueControl(new LlControlPdu.ChannelStatusInd(allChannelsGood()));
                }
              });
        }
      }
      case LlControlPdu.CHANNEL_STATUS_IND ->
          listener.channelStatus(((LlControlPdu.ChannelStatusInd) c).channelClassification());
      case LlControlPdu.MIN_USED_CHANNELS_IND,
          LlControlPdu.START_ENC_REQ,
          LlControlPdu.FEATURE_RSP,
          LlControlPdu.LENGTH_RSP,
          LlControlPdu.PING_RSP,
          LlControlPdu.PHY_RSP -> {
        // Unsolicited responses and indications with nothing to do.
      }
      default -> enqueueControl(new LlControlPdu.UnknownRsp(op));
    }
  }

  /** Channel_Classification with every channel 0b01 "good" (§2.4.2.42). */
  private static Bytes allChannelsGood() {
    return Bytes.of(0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x01);
  }

  private boolean instantPassed(int instant) {
    int diff = (instant - counter) & 0xffff;
    return diff == 0 || diff >= 32768;
  }

  private void scheduleUpdate(LlControlPdu.ConnectionUpdateInd u) {
    if (instantPassed(u.instant())) {
      close(0x28);
      return;
    }
    pendingUpdate = u;
    pendingUpdateInstant = u.instant();
  }

  private void schedulePhy(LlControlPdu.PhyUpdateInd p) {
    if (p.phyCToP() == 0 && p.phyPToC() == 0) {
      if (localProc == LlControlPdu.PHY_REQ) {
        finish();
      }
      listener.phyUpdateComplete(0, phyTx, phyRx);
      return;
    }
    if (instantPassed(p.instant())) {
      close(0x28);
      return;
    }
    pendingPhy = p;
    pendingPhyInstant = p.instant();
  }

  private void sendPhyUpdate(int c2pPrefs, int p2cPrefs) {
    int own = 0x03;
    int c2p = pick(c2pPrefs & own);
    int p2c = pick(p2cPrefs & own);
    int instant = instantFromNow();
    LlControlPdu.PhyUpdateInd ind = new LlControlPdu.PhyUpdateInd(c2p, p2c, instant);
    enqueueControl(ind);
    if (c2p == 0 && p2c == 0) {
      if (localProc == LlControlPdu.PHY_REQ) {
        finish();
      }
      listener.phyUpdateComplete(0, phyTx, phyRx);
      return;
    }
    pendingPhy = ind;
    pendingPhyInstant = instant;
  }

  private static int pick(int phys) {
    return (phys & 0x02) != 0 ? 0x02 : (phys & 0x01) != 0 ? 0x01 : 0;
  }

  private void peerLength(LlControlPdu.Length l) {
    peerRxOctets = l.maxRxOctets();
    peerRxTime = l.maxRxTime();
    peerTxOctets = l.maxTxOctets();
    peerTxTime = l.maxTxTime();
    int tx = Math.max(27, Math.min(localTxOctets, peerRxOctets));
    int txTime = Math.max(328, Math.min(localTxTime, peerRxTime));
    int rx = Math.max(27, Math.min(251, peerTxOctets));
    int rxTime = Math.max(328, Math.min(2120, peerTxTime));
    boolean changed =
        tx != maxTxOctets || txTime != maxTxTime || rx != maxRxOctets || rxTime != maxRxTime;
    maxTxOctets = tx;
    maxTxTime = txTime;
    maxRxOctets = rx;
    maxRxTime = rxTime;
    if (changed) {
      listener.dataLengthChanged(maxTxOctets, maxTxTime, maxRxOctets, maxRxTime);
    }
  }

  private void close(int reason) {
    if (!open) {
      return;
    }
    open = false;
    disconnectReason = reason;
    if (eventTimer != null) {
      eventTimer.cancel();
    }
    if (responseTimer != null) {
      responseTimer.cancel();
    }
    listener.disconnected(reason);
  }

  // ---------------------------------------------------------------- encryption model

  /** SK = e(LTK, SKD), SKD = SKDp || SKDc, most significant octet first (§5.1.3.1). */
  static Bytes sessionKey(Bytes ltk, long skdP, long skdC) {
    byte[] skd = new byte[16];
    for (int i = 0; i < 8; i++) {
      skd[i] = (byte) (skdP >>> (56 - 8 * i));
      skd[8 + i] = (byte) (skdC >>> (56 - 8 * i));
    }
    return Bytes.copyOf(aes(ltk.toArray(), skd));
  }

  private static Bytes mic(Bytes sk, DataPdu pdu) {
    CRC32 crc = new CRC32();
    crc.update(pdu.payload().toArray());
    long v = crc.getValue();
    byte[] block = new byte[16];
    block[0] = (byte) pdu.llid();
    block[1] = (byte) pdu.payload().size();
    for (int i = 0; i < 4; i++) {
      block[2 + i] = (byte) (v >>> (8 * i));
    }
    return Bytes.copyOf(aes(sk.toArray(), block), 0, 4);
  }

  private static byte[] aes(byte[] key, byte[] block) {
    try {
      Cipher c = Cipher.getInstance("AES/ECB/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
      return c.doFinal(block);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-128 is required by every Java runtime", e);
    }
  }
}
