package dev.hogrig.controller.ll;

import dev.hogrig.hci.BdAddr;
import java.util.Optional;

/**
 * Two {@link LinkConnection}s, central and peripheral, joined by an in-memory air: a packet sent by
 * one end reaches the other at its end time (start + time on air), on the same scheduler, and is
 * written to an optional {@link LlPcapWriter} with its channel, access address and CRC, as a
 * sniffer would see it. The CONNECT_IND that creates the connection is written first, on
 * advertising channel 37.
 */
public final class LinkPair implements LinkConnection.Air {
  private final LinkConnection central;
  private final LinkConnection peripheral;
  private final Optional<LlPcapWriter> capture;
  private final LlScheduler scheduler;

  private LinkPair(
      LinkConnection central,
      LinkConnection peripheral,
      LlScheduler scheduler,
      Optional<LlPcapWriter> capture) {
    this.central = central;
    this.peripheral = peripheral;
    this.scheduler = scheduler;
    this.capture = capture;
  }

  /**
   * Creates both ends from one CONNECT_IND and starts them (Channel Selection Algorithm #2 when its
   * ChSel bit is set; the advertiser is assumed to have set it too): the first connection event is
   * at the start of the transmit window, 1.25 ms + WinOffset × 1.25 ms after the end of the
   * CONNECT_IND (Core 5.4 Vol 6 Part B §4.5.3); this model puts the anchor at the start of the
   * window.
   */
  public static LinkPair connect(
      LlScheduler scheduler,
      AdvPdu.ConnectInd connectInd,
      Persona centralPersona,
      LlListener centralListener,
      Persona peripheralPersona,
      LlListener peripheralListener,
      Optional<LlPcapWriter> capture) {
    LlData d = connectInd.llData();
    LinkConnection c =
        new LinkConnection(
            LinkConnection.Role.CENTRAL,
            d,
            connectInd.header().chSel(),
            centralPersona,
            scheduler,
            centralListener);
    LinkConnection p =
        new LinkConnection(
            LinkConnection.Role.PERIPHERAL,
            d,
            connectInd.header().chSel(),
            peripheralPersona,
            scheduler,
            peripheralListener);
    LinkPair pair = new LinkPair(c, p, scheduler, capture);
    long now = scheduler.nowMicros();
    long end = now + (2 + connectInd.payload().size() + 1 + 4 + 3) * 8L;
    capture.ifPresent(w -> w.advertising(now, ChannelSelection.rfChannel(37), connectInd));
    long anchor = end + 1250 + d.winOffset() * 1250L;
    c.start(pair, anchor);
    p.start(pair, anchor);
    return pair;
  }

  /** A CONNECT_IND with typical Linux parameters, for tests and benchmarks. */
  public static AdvPdu.ConnectInd connectInd(
      int interval, int latency, int timeout, long accessAddress, int crcInit) {
    return new AdvPdu.ConnectInd(
        new AdvPdu.AdvHeader(false, false, false),
        BdAddr.parse("00:AA:01:00:00:01"),
        BdAddr.parse("00:AA:01:01:00:02"),
        new LlData(
            accessAddress, crcInit, 2, 0, interval, latency, timeout, 0x1F_FFFF_FFFFL, 7, 0));
  }

  public LinkConnection central() {
    return central;
  }

  public LinkConnection peripheral() {
    return peripheral;
  }

  @Override
  public void transmit(LinkConnection from, AirPacket packet) {
    LinkConnection to = from == central ? peripheral : central;
    capture.ifPresent(
        w ->
            w.packet(
                packet.startMicros(),
                ChannelSelection.rfChannel(packet.channelIndex()),
                packet.accessAddress(),
                packet.crcInit(),
                from == central ? LlPcapWriter.PDU_DATA_C_TO_P : LlPcapWriter.PDU_DATA_P_TO_C,
                packet.encrypted(),
                packet.crcOk(),
                packet.pdu().encode()));
    scheduler.schedule(packet.endMicros(), () -> to.receive(packet));
  }
}
