package dev.hogrig.controller;

import com.google.common.collect.ImmutableList;
import dev.hogrig.controller.ll.AdvPdu;
import dev.hogrig.controller.ll.ChannelSelection;
import dev.hogrig.controller.ll.LinkConnection;
import dev.hogrig.controller.ll.LinkPair;
import dev.hogrig.controller.ll.LlData;
import dev.hogrig.controller.ll.LlListener;
import dev.hogrig.controller.ll.LlPcapWriter;
import dev.hogrig.controller.ll.Persona;
import dev.hogrig.controller.ll.Personas;
import dev.hogrig.controller.ll.RealTimeLlScheduler;
import dev.hogrig.hci.BdAddr;
import dev.hogrig.util.Bytes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An {@link Air} whose connections run through the link layer ({@code dev.hogrig.controller.ll}):
 * connection events on a wall clock, LL control procedures between two {@link Persona}s, data PDUs
 * with acknowledgement, supervision timeout (0x08), the 40 s procedure response timeout (0x22), MIC
 * failure (0x3D), and an optional air capture. What {@link DirectAir} cannot do: a peripheral that
 * goes silent, or a host that drops a peripheral that answers {@code LL_UNKNOWN_RSP} (field.md case
 * 2), ends the link as a real one would.
 *
 * <p>Advertising, scanning and initiating stay immediate, as in DirectAir ({@link
 * AdvertisingMedium}, shared with it): no advertising events or channels. When an initiator meets a
 * matching connectable advertiser, this air builds the CONNECT_IND (Core 5.4 Vol 6 Part B §2.3.3.1)
 * from the initiator's parameters, with a random access address that keeps the rules of §2.1.2, a
 * random CRCInit and hop increment, all 37 data channels, and hands it to {@link LinkPair#connect}.
 * Both hosts are told of the connection at once: the link is created when the CONNECT_IND is sent
 * (§4.5); if no packet follows it ends with 0x3E.
 *
 * <p>Differences a host sees from DirectAir, all following the link layer:
 *
 * <ul>
 *   <li>A connection update started by the central is LL_CONNECTION_UPDATE_IND (§5.1.1): the
 *       peripheral's host is not asked, both hosts get LE Connection Update Complete at the
 *       instant. One started by the peripheral is LL_CONNECTION_PARAM_REQ (§5.1.7): the central's
 *       host is asked.
 *   <li>LTK mismatch: the peripheral fails the MIC of LL_START_ENC_RSP and leaves with 0x3D; the
 *       central then hears nothing and leaves with 0x08 after the supervision timeout (§4.5.2).
 *   <li>LE Read Remote Features and Read Remote Version answer with the peer's persona.
 *   <li>Number Of Completed Packets counts HCI ACL packets: a fragment longer than the current
 *       maximum TX octets goes out as several PDUs and completes when the last is acknowledged.
 * </ul>
 *
 * <p>Personas: a station's persona is the one set for its address on the air ({@link #persona}),
 * else the one given for everyone, else one made from what the station says it is (its LL version,
 * company, subversion and LE features on {@link Personas#spec54()}'s behaviour).
 *
 * <p>Threads: one {@link RealTimeLlScheduler} thread ("ll-air") runs everything: the link layer,
 * the advertising medium and every Port and Link call, which are handed to it. Station callbacks
 * are made on that thread with no lock held; {@link VirtualController} only queues them.
 */
public final class LlAir implements Air, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LlAir.class.getName());

  /** All 37 data channels used (§2.3.3.1, ChM). */
  private static final long ALL_CHANNELS = 0x1F_FFFF_FFFFL;

  private final RealTimeLlScheduler scheduler = new RealTimeLlScheduler("ll-air");
  private final Optional<Persona> forEveryone;
  private final Optional<LlPcapWriter> capture;
  private final Map<BdAddr, Persona> personas = new ConcurrentHashMap<>();
  private volatile boolean closed;

  // Confined to the scheduler thread.
  private final AdvertisingMedium medium = new AdvertisingMedium(this::connectPair);
  private final Map<AdvertisingMedium.Entry, PortImpl> owner = new HashMap<>();
  private final List<LinkPair> pairs = new ArrayList<>();
  private final Random random = new Random();

  /** Each station gets a persona made from what it says it is. */
  public LlAir() {
    this(Optional.empty(), Optional.empty());
  }

  /** Every station gets {@code forEveryone} unless {@link #persona} names one for it. */
  public LlAir(Persona forEveryone) {
    this(Optional.of(forEveryone), Optional.empty());
  }

  /**
   * @param capture where every air PDU goes (advertising PDUs when advertising starts, each
   *     CONNECT_IND, every data channel packet); the caller closes it after {@link #close}
   */
  public LlAir(Optional<Persona> forEveryone, Optional<LlPcapWriter> capture) {
    this.forEveryone = forEveryone;
    this.capture = capture;
    scheduleRepeat();
  }

  /**
   * Gives the station that uses {@code address} on the air (its public or random own address) its
   * own persona, for connections made from now on.
   */
  public LlAir persona(BdAddr address, Persona persona) {
    personas.put(address, persona);
    return this;
  }

  /** Figures of one connection, as the link layer counted them. */
  public record LinkFigures(
      String centralPersona,
      String peripheralPersona,
      boolean open,
      int disconnectReason,
      long connectionEvents,
      double meanEventErrorMicros,
      long maxEventErrorMicros,
      long centralTxPackets,
      long peripheralTxPackets) {}

  /** Figures of every connection made so far (read on the link-layer thread); none once closed. */
  public ImmutableList<LinkFigures> figures() {
    if (closed) {
      return ImmutableList.of();
    }
    CompletableFuture<ImmutableList<LinkFigures>> f = new CompletableFuture<>();
    run(
        () -> {
          ImmutableList.Builder<LinkFigures> b = ImmutableList.builder();
          for (LinkPair p : pairs) {
            LinkConnection c = p.central();
            b.add(
                new LinkFigures(
                    c.persona().name(),
                    p.peripheral().persona().name(),
                    c.isOpen(),
                    c.disconnectReason(),
                    c.eventCount(),
                    c.meanEventErrorMicros(),
                    c.maxEventErrorMicros(),
                    c.txPackets(),
                    p.peripheral().txPackets()));
          }
          f.complete(b.build());
        });
    try {
      return f.get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ImmutableList.of();
    } catch (ExecutionException | TimeoutException e) {
      return ImmutableList.of(); // the link-layer thread is stuck
    }
  }

  @Override
  public Port attach(Station station) {
    PortImpl p = new PortImpl(station);
    run(() -> owner.put(p.entry = medium.add(station), p));
    return p;
  }

  /** Stops the link-layer thread: links stop without callbacks. */
  @Override
  public void close() {
    closed = true;
    scheduler.close();
    capture.ifPresent(LlPcapWriter::flush);
  }

  /** Runs {@code task} on the link-layer thread; a failure is logged, not lost. */
  private void run(Runnable task) {
    try {
      scheduler.execute(guard(task));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closed
    }
  }

  private static Runnable guard(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // the air is closing: the link layer's timers can no longer be set
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "ll-air: internal error", e);
      }
    };
  }

  private void scheduleRepeat() {
    scheduler.schedule(
        scheduler.nowMicros() + 100_000,
        guard(
            () -> {
              medium.repeatReports(System.nanoTime());
              scheduleRepeat();
            }));
  }

  private Persona personaFor(Address own, Station station) {
    Persona p = personas.get(own.address());
    if (p != null) {
      return p;
    }
    return forEveryone.orElseGet(
        () ->
            Personas.spec54().toBuilder()
                .name("station " + own.address())
                .version(station.llVersion(), station.companyIdentifier(), station.subversion())
                .features(littleEndian(station.leFeatures()))
                .build());
  }

  /** The medium matched an initiator with an advertiser: the CONNECT_IND goes out now. */
  private void connectPair(
      AdvertisingMedium.Entry init, Initiation i, AdvertisingMedium.Entry adv, Advertisement a) {
    PortImpl initPort = owner.get(init);
    PortImpl advPort = owner.get(adv);
    Persona cp = personaFor(i.own(), init.station);
    Persona pp = personaFor(a.own(), adv.station);
    ConnectionParameters params = i.parameters();
    boolean chSel =
        (cp.features() & Personas.FEATURE_CSA2) != 0
            && (pp.features() & Personas.FEATURE_CSA2) != 0;
    AdvPdu.ConnectInd ind =
        new AdvPdu.ConnectInd(
            new AdvPdu.AdvHeader(chSel, i.own().type() == RANDOM, a.own().type() == RANDOM),
            i.own().address(),
            a.own().address(),
            new LlData(
                accessAddress(random),
                random.nextInt(1 << 24),
                2,
                0,
                params.interval(),
                params.latency(),
                params.supervisionTimeout(),
                ALL_CHANNELS,
                5 + random.nextInt(12),
                0));
    LinkImpl c = new LinkImpl(initPort, Role.CENTRAL);
    LinkImpl p = new LinkImpl(advPort, Role.PERIPHERAL);
    LinkPair pair;
    try {
      pair = LinkPair.connect(scheduler, ind, cp, c, pp, p, capture);
    } catch (IllegalArgumentException e) {
      // Parameters the link layer cannot run (the HCI half checks the ranges a host may send).
      LOG.warning("ll-air: cannot connect: " + e.getMessage());
      init.station.connectFailed(0x12);
      return;
    }
    pairs.add(pair);
    c.conn = pair.central();
    p.conn = pair.peripheral();
    initPort.links.add(c);
    advPort.links.add(p);
    init.station.connected(c, Role.CENTRAL, a.own(), params);
    adv.station.connected(p, Role.PERIPHERAL, i.own(), params);
  }

  /**
   * A random access address that keeps the rules of Vol 6 Part B §2.1.2 for the LE 1M PHY (the
   * Coded PHY's extra rules are not needed: no Coded PHY here).
   */
  static long accessAddress(Random random) {
    while (true) {
      long aa = random.nextInt() & 0xffff_ffffL;
      if (validAccessAddress(aa)) {
        return aa;
      }
    }
  }

  /**
   * Vol 6 Part B §2.1.2: not the advertising access address nor one bit away from it, not four
   * equal octets, no more than six consecutive equal bits, no more than 24 bit transitions, at
   * least two transitions in the six most significant bits.
   */
  static boolean validAccessAddress(long aa) {
    long adv = LlPcapWriter.ADVERTISING_ACCESS_ADDRESS;
    if (aa == adv || Long.bitCount(aa ^ adv) == 1) {
      return false;
    }
    long b = aa & 0xff;
    if (((aa >> 8) & 0xff) == b && ((aa >> 16) & 0xff) == b && ((aa >> 24) & 0xff) == b) {
      return false;
    }
    int run = 1;
    int transitions = 0;
    int topTransitions = 0;
    for (int bit = 1; bit < 32; bit++) {
      boolean same = ((aa >> bit) & 1) == ((aa >> (bit - 1)) & 1);
      if (same) {
        run++;
        if (run > 6) {
          return false;
        }
      } else {
        run = 1;
        transitions++;
        if (bit >= 27) {
          topTransitions++;
        }
      }
    }
    return transitions <= 24 && topTransitions >= 2;
  }

  private static long littleEndian(Bytes b) {
    long v = 0;
    for (int k = Math.min(8, b.size()) - 1; k >= 0; k--) {
      v = (v << 8) | b.get(k);
    }
    return v;
  }

  private static Bytes littleEndian(long v, int octets) {
    byte[] out = new byte[octets];
    for (int k = 0; k < octets; k++) {
      out[k] = (byte) (v >>> (8 * k));
    }
    return Bytes.copyOf(out);
  }

  /** HCI carries an LTK least significant octet first; AES takes it most significant first. */
  private static Bytes reversed(Bytes b) {
    byte[] out = new byte[b.size()];
    for (int k = 0; k < out.length; k++) {
      out[k] = (byte) b.get(b.size() - 1 - k);
    }
    return Bytes.copyOf(out);
  }

  private void captureAdvertising(Advertisement a) {
    if (capture.isEmpty()) {
      return;
    }
    AdvPdu.AdvHeader h =
        new AdvPdu.AdvHeader(
            false, a.own().type() == RANDOM, a.direct().map(d -> d.type() == RANDOM).orElse(false));
    BdAddr advA = a.own().address();
    AdvPdu pdu =
        switch (a.type()) {
          case 0x01, 0x04 -> new AdvPdu.AdvDirectInd(h, advA, a.direct().get().address());
          case 0x02 -> new AdvPdu.AdvScanInd(h, advA, a.data());
          case 0x03 -> new AdvPdu.AdvNonconnInd(h, advA, a.data());
          default -> new AdvPdu.AdvInd(h, advA, a.data());
        };
    capture.get().advertising(scheduler.nowMicros(), ChannelSelection.rfChannel(37), pdu);
  }

  private final class PortImpl implements Port {
    final Station station;
    AdvertisingMedium.Entry entry; // set on the scheduler thread before any other call runs
    final List<LinkImpl> links = new ArrayList<>();

    PortImpl(Station station) {
      this.station = station;
    }

    @Override
    public void advertise(Optional<Advertisement> a) {
      run(
          () -> {
            if (a.isPresent()) {
              captureAdvertising(a.get());
            }
            medium.advertise(entry, a, System.nanoTime());
          });
    }

    @Override
    public void scan(Optional<Scan> s) {
      run(() -> medium.scan(entry, s));
    }

    @Override
    public void connect(Initiation i) {
      run(() -> medium.connect(entry, i));
    }

    @Override
    public void cancelConnect() {
      run(() -> medium.cancelConnect(entry));
    }

    @Override
    public void detach(int reason) {
      run(
          () -> {
            medium.remove(entry);
            owner.remove(entry);
            for (LinkImpl l : new ArrayList<>(links)) {
              l.detached = true;
              l.conn.disconnect(reason);
            }
            links.clear();
          });
    }
  }

  /** One side's end: the Link the controller calls and the LlListener its LinkConnection calls. */
  private final class LinkImpl implements Link, LlListener {
    final PortImpl port;
    final Role role;
    LinkConnection conn;
    boolean closed;
    boolean detached;

    /** PDUs each HCI ACL packet went out as, oldest first, and PDUs acknowledged towards it. */
    final Deque<Integer> unacked = new ArrayDeque<>();

    int ackedPdus;

    LinkImpl(PortImpl port, Role role) {
      this.port = port;
      this.role = role;
    }

    Station st() {
      return port.station;
    }

    /** Runs {@code action} on the link-layer thread while the link is up. */
    void onLl(Runnable action) {
      run(
          () -> {
            if (!closed && !detached) {
              action.run();
            }
          });
    }

    // ------------------------------------------------------------ Link (from the controller)

    @Override
    public Role role() {
      return role;
    }

    @Override
    public void send(boolean start, Bytes fragment) {
      onLl(
          () -> {
            int max = conn.maxTxOctets();
            unacked.add(Math.max(1, (fragment.size() + max - 1) / max));
            conn.sendData(start, fragment);
          });
    }

    @Override
    public void startEncryption(Bytes random, int diversifier, Bytes ltk) {
      onLl(
          () -> {
            if (role == Role.CENTRAL) {
              conn.startEncryption(littleEndian(random), diversifier, reversed(ltk));
            }
          });
    }

    @Override
    public void answerLongTermKey(Optional<Bytes> ltk) {
      onLl(() -> conn.ltkReply(ltk.map(LlAir::reversed)));
    }

    @Override
    public void updateParameters(int intervalMin, int intervalMax, ConnectionParameters p) {
      onLl(
          () ->
              conn.updateConnection(intervalMin, intervalMax, p.latency(), p.supervisionTimeout()));
    }

    @Override
    public void answerParameterRequest(Optional<ConnectionParameters> accepted, int reason) {
      onLl(
          () -> {
            if (role != Role.CENTRAL) {
              return; // only the central is asked (LL_CONNECTION_PARAM_REQ, §5.1.7)
            }
            if (accepted.isPresent()) {
              ConnectionParameters p = accepted.get();
              conn.connectionParameterReply(
                  p.interval(), p.interval(), p.latency(), p.supervisionTimeout());
            } else {
              conn.connectionParameterNegativeReply(reason);
            }
          });
    }

    @Override
    public void readRemoteFeatures() {
      onLl(() -> conn.readRemoteFeatures());
    }

    @Override
    public void readRemoteVersion() {
      onLl(() -> conn.readRemoteVersion());
    }

    @Override
    public void updateDataLength(int txOctets, int txTime) {
      onLl(() -> conn.setDataLength(txOctets, txTime));
    }

    @Override
    public void updatePhy(int txPhys, int rxPhys) {
      onLl(() -> conn.setPhy(txPhys, rxPhys));
    }

    @Override
    public void disconnect(int reason) {
      onLl(() -> conn.disconnect(reason));
    }

    // ------------------------------------------------------------ LlListener (from the LL)

    private boolean quiet() {
      return closed || detached;
    }

    @Override
    public void dataReceived(boolean start, Bytes fragment) {
      if (!quiet()) {
        st().data(this, start, fragment);
      }
    }

    @Override
    public void dataAcknowledged(int count) {
      ackedPdus += count;
      int packets = 0;
      while (!unacked.isEmpty() && ackedPdus >= unacked.peek()) {
        ackedPdus -= unacked.poll();
        packets++;
      }
      if (packets > 0 && !quiet()) {
        st().dataAcknowledged(this, packets);
      }
    }

    @Override
    public void remoteFeatures(int status, long features) {
      if (!quiet()) {
        st().remoteFeatures(this, status, littleEndian(features, 8));
      }
    }

    @Override
    public void remoteVersion(int status, int versNr, int companyId, int subVersNr) {
      if (!quiet()) {
        st().remoteVersion(this, status, versNr, companyId, subVersNr);
      }
    }

    @Override
    public void connectionUpdateComplete(int status, int interval, int latency, int timeout) {
      if (!quiet()) {
        st().parametersUpdated(this, status, new ConnectionParameters(interval, latency, timeout));
      }
    }

    @Override
    public boolean remoteConnectionParameterRequest(
        int intervalMin, int intervalMax, int latency, int timeout) {
      if (quiet()) {
        return false;
      }
      st().parameterRequest(
              this,
              intervalMin,
              intervalMax,
              new ConnectionParameters(intervalMin, latency, timeout));
      return true;
    }

    @Override
    public void dataLengthChanged(int maxTxOctets, int maxTxTime, int maxRxOctets, int maxRxTime) {
      if (!quiet()) {
        st().dataLengthChanged(this, maxTxOctets, maxTxTime, maxRxOctets, maxRxTime);
      }
    }

    @Override
    public void phyUpdateComplete(int status, int txPhy, int rxPhy) {
      if (!quiet()) {
        st().phyUpdated(this, status, txPhy, rxPhy);
      }
    }

    @Override
    public void ltkRequested(long rand, int ediv) {
      if (!quiet()) {
        st().longTermKeyRequest(this, littleEndian(rand, 8), ediv);
      }
    }

    @Override
    public void encryptionChange(int status, boolean enabled) {
      if (!quiet()) {
        st().encryptionChanged(this, status, enabled, false);
      }
    }

    @Override
    public void encryptionKeyRefreshComplete(int status) {
      if (!quiet()) {
        st().encryptionChanged(this, status, status == 0, true);
      }
    }

    @Override
    public void disconnected(int reason) {
      boolean tell = !quiet();
      closed = true;
      port.links.remove(this);
      if (tell) {
        st().disconnected(this, reason);
      }
    }
  }
}
