package dev.hogrig.hci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogrig.util.Bytes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link LinkEvents} over synthetic captures ({@link TraceBuilder}) and the lab capture of one LE
 * connection. Expected values: the field layouts of Core 5.3 Vol 4 Part E §7.7 and Vol 3 Part F
 * §3.4.2, the error names of Vol 1 Part F §1.3, and for the lab capture what {@code btmon -r}
 * (BlueZ 5.66) prints.
 */
class LinkEventsTest {
  static final BdAddr HOST = BdAddr.parse("00:AA:01:01:00:01");
  static final BdAddr PERIPHERAL = BdAddr.parse("00:AA:01:00:00:00");

  static Instant at(long millis) {
    return TraceBuilder.T0.plusMillis(millis);
  }

  @Test
  void connectionCompleteBecomesConnectedWithRolePeerAndParameters() {
    HciTrace t = new TraceBuilder().at(5).connected(0, 0x2a, 1, HOST).trace();
    // interval 0x28 × 1.25 ms = 50 ms, timeout 0x2A × 10 ms = 420 ms (§7.7.65.10).
    assertEquals(
        List.of(
            new LinkEvent.Connected(
                at(5),
                0,
                0x2a,
                HOST,
                0,
                Connection.Role.PERIPHERAL,
                Duration.ofMillis(50),
                0,
                Duration.ofMillis(420))),
        LinkEvents.from(t, 0));
  }

  @Test
  void everyConnectionCompleteVariantIsSeen() {
    BdAddr none = new BdAddr(0);
    HciTrace t =
        new TraceBuilder()
            .event(0, new HciEvent.LeConnectionComplete(0, 1, 0, 1, HOST, 6, 4, 100, 0))
            .event(
                0,
                new HciEvent.LeEnhancedConnectionCompleteV2(
                    0, 2, 1, 0, HOST, none, none, 24, 0, 72, 0, 0, 0xffff))
            // LE Create Connection Cancel: the pending connection completes with 0x02 (§7.8.13).
            .event(0, new HciEvent.LeConnectionComplete(0x02, 0, 0, 0, none, 0, 0, 0, 0))
            .trace();
    List<LinkEvent> e = LinkEvents.from(t, 0);
    LinkEvent.Connected legacy = assertInstanceOf(LinkEvent.Connected.class, e.get(0));
    assertEquals(Connection.Role.CENTRAL, legacy.role());
    assertEquals(1, legacy.peerAddressType(), "random");
    assertEquals(Duration.ofMillis(7).plusNanos(500_000), legacy.interval(), "6 × 1.25 ms");
    assertEquals(4, legacy.latency());
    assertEquals(Duration.ofSeconds(1), legacy.supervisionTimeout(), "100 × 10 ms");
    LinkEvent.Connected v2 = assertInstanceOf(LinkEvent.Connected.class, e.get(1));
    assertEquals(Duration.ofMillis(30), v2.interval());
    assertEquals(Duration.ofMillis(720), v2.supervisionTimeout());
    LinkEvent.ConnectionFailed failed =
        assertInstanceOf(LinkEvent.ConnectionFailed.class, e.get(2));
    assertEquals("Unknown Connection Identifier (0x02)", failed.statusText());
    assertEquals(3, e.size());
  }

  /** Reason names as Core 5.3 Vol 1 Part F §1.3 prints them. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0x13 | Remote User Terminated Connection (0x13)",
        "0x16 | Connection Terminated By Local Host (0x16)",
        "0x08 | Connection Timeout (0x08)",
        "0x22 | LMP Response Timeout / LL Response Timeout (0x22)",
        "0x3E | Connection Failed to be Established / Synchronization Timeout (0x3e)",
        "0x3D | Connection Terminated due to MIC Failure (0x3d)",
        "0x47 | 0x47",
      })
  void disconnectionCarriesItsReasonByName(String code, String name) {
    int reason = Integer.decode(code);
    HciTrace t =
        new TraceBuilder()
            .connected(0, 0x40, 1, HOST)
            .at(900)
            .disconnected(0, 0x40, reason)
            .trace();
    List<LinkEvent> e = LinkEvents.from(t, 0);
    assertEquals(2, e.size(), e.toString());
    LinkEvent.Disconnected d = assertInstanceOf(LinkEvent.Disconnected.class, e.get(1));
    assertEquals(new LinkEvent.Disconnected(at(900), 0, 0x40, reason), d);
    assertEquals(name, d.reasonText());
    assertEquals(reason == 0x47, d.reasonCode().isEmpty());
  }

  @Test
  void failedDisconnectionMakesNoEvent() {
    HciTrace t =
        new TraceBuilder()
            .connected(0, 0x40, 1, HOST)
            .event(0, new HciEvent.DisconnectionComplete(0x0c, 0x40, 0x13))
            .trace();
    assertEquals(1, LinkEvents.from(t, 0).size());
  }

  @Test
  void mtuExchangeWithThisHostAsClient() {
    HciTrace t =
        new TraceBuilder()
            .connected(1, 0x2a, 0, PERIPHERAL)
            .at(100)
            .attTx(1, 0x2a, new AttPdu.ExchangeMtuRequest(517))
            .at(150)
            .attRx(1, 0x2a, new AttPdu.ExchangeMtuResponse(247))
            .trace();
    LinkEvent.MtuExchanged m =
        assertInstanceOf(LinkEvent.MtuExchanged.class, LinkEvents.from(t, 1).get(1));
    assertEquals(new LinkEvent.MtuExchanged(at(150), 1, 0x2a, 517, 247, true), m);
    assertEquals(247, m.attMtu(), "min(client, server), Vol 3 Part F §3.4.2.2");
  }

  /**
   * Both hosts send a request before answering the other's, as the lab capture shows BlueZ doing:
   * two exchanges on one link, one per direction.
   */
  @Test
  void crossedMtuExchangesAreTwoEvents() {
    HciTrace t =
        new TraceBuilder()
            .connected(0, 0x2a, 1, HOST)
            .attTx(0, 0x2a, new AttPdu.ExchangeMtuRequest(517))
            .attRx(0, 0x2a, new AttPdu.ExchangeMtuRequest(64))
            .attTx(0, 0x2a, new AttPdu.ExchangeMtuResponse(517))
            .attRx(0, 0x2a, new AttPdu.ExchangeMtuResponse(64))
            .trace();
    List<LinkEvent> e = LinkEvents.from(t, 0);
    assertEquals(
        List.of(
            new LinkEvent.MtuExchanged(at(3), 0, 0x2a, 64, 517, false),
            new LinkEvent.MtuExchanged(at(4), 0, 0x2a, 517, 64, true)),
        e.subList(1, 3));
  }

  @Test
  void mtuRequestSplitOverTwoAclPacketsIsReassembled() {
    Bytes frame = TraceBuilder.l2cap(L2capFrame.CID_ATT, Bytes.fromHex("02 05 02"));
    HciTrace t =
        new TraceBuilder()
            .connected(0, 0x2a, 1, HOST)
            // Start fragment (PB 0b10) with the L2CAP header and the opcode, then a continuation.
            .add(0, Direction.FROM_CONTROLLER, new AclData(0x2a, 2, 0, frame.slice(0, 5)))
            .add(0, Direction.FROM_CONTROLLER, new AclData(0x2a, 1, 0, frame.slice(5, 7)))
            .attTx(0, 0x2a, new AttPdu.ExchangeMtuResponse(23))
            .trace();
    assertEquals(
        new LinkEvent.MtuExchanged(at(3), 0, 0x2a, 0x0205, 23, false),
        LinkEvents.from(t, 0).get(1));
  }

  @Test
  void errorResponseOrDisconnectionForgetsTheRequest() {
    HciTrace t =
        new TraceBuilder()
            .connected(0, 0x2a, 0, PERIPHERAL)
            .attTx(0, 0x2a, new AttPdu.ExchangeMtuRequest(517))
            // Request Not Supported (0x06): ATT_MTU stays 23 (Vol 3 Part F §3.4.1.1).
            .attRx(0, 0x2a, new AttPdu.ErrorResponse(0x02, 0x0000, 0x06))
            .attRx(0, 0x2a, new AttPdu.ExchangeMtuResponse(100))
            .attTx(0, 0x2a, new AttPdu.ExchangeMtuRequest(517))
            .disconnected(0, 0x2a, 0x08)
            // The handle is reused by the next connection: the old request must not match.
            .connected(0, 0x2a, 0, PERIPHERAL)
            .attRx(0, 0x2a, new AttPdu.ExchangeMtuResponse(100))
            .trace();
    List<Class<?>> kinds = LinkEvents.from(t, 0).stream().<Class<?>>map(Object::getClass).toList();
    assertEquals(
        List.of(LinkEvent.Connected.class, LinkEvent.Disconnected.class, LinkEvent.Connected.class),
        kinds);
  }

  @Test
  void encryptionChangeV1HasNoKeySizeV2Has() {
    HciTrace t =
        new TraceBuilder()
            .connected(0, 0x2a, 1, HOST)
            .event(0, new HciEvent.EncryptionChange(0, 0x2a, 1))
            .event(0, new HciEvent.EncryptionChangeV2(0, 0x2a, 1, 16))
            // The peer lost the bond: encryption fails with PIN or Key Missing (0x06).
            .event(0, new HciEvent.EncryptionChange(0x06, 0x2a, 0))
            .trace();
    List<LinkEvent> e = LinkEvents.from(t, 0);
    assertEquals(
        new LinkEvent.EncryptionChanged(at(1), 0, 0x2a, 0, true, Optional.empty()), e.get(1));
    assertEquals(
        new LinkEvent.EncryptionChanged(at(2), 0, 0x2a, 0, true, Optional.of(16)), e.get(2));
    LinkEvent.EncryptionChanged failed =
        assertInstanceOf(LinkEvent.EncryptionChanged.class, e.get(3));
    assertEquals(false, failed.enabled());
    assertEquals("PIN or Key Missing (0x06)", failed.statusText());
  }

  @Test
  void connectionUpdateCompleteBecomesConnectionUpdated() {
    HciTrace t =
        new TraceBuilder()
            .connected(0, 0x2a, 1, HOST)
            .event(0, new HciEvent.LeConnectionUpdateComplete(0, 0x2a, 12, 30, 300))
            .event(0, new HciEvent.LeConnectionUpdateComplete(0x3b, 0x2a, 6, 0, 100))
            .trace();
    List<LinkEvent> e = LinkEvents.from(t, 0);
    assertEquals(2, e.size(), "a refused update (0x3B) changes nothing");
    assertEquals(
        new LinkEvent.ConnectionUpdated(
            at(1), 0, 0x2a, Duration.ofMillis(15), 30, Duration.ofSeconds(3)),
        e.get(1));
  }

  @Test
  void fromIndexKeepsOneControllersEvents() {
    HciTrace t =
        new TraceBuilder()
            .connected(0, 0x2a, 1, HOST)
            .connected(1, 0x2a, 0, PERIPHERAL)
            .disconnected(1, 0x2a, 0x16)
            .disconnected(0, 0x2a, 0x13)
            .trace();
    assertEquals(4, LinkEvents.from(t).size());
    assertTrue(LinkEvents.from(t, 1).stream().allMatch(e -> e.index() == 1));
    assertEquals(2, LinkEvents.from(t, 1).size());
    assertEquals(List.of(), LinkEvents.from(t, 2));
  }

  /**
   * The lab capture (see {@link HciTraceTest}); btmon -r shows, for hci0 (peripheral): LE
   * Connection Complete at 55.906965 (handle 42, peer 00:AA:01:01:00:01, interval 50 ms, timeout
   * 420 ms); its own Exchange MTU Response TX (517) to hci1's request at 56.176589; then the
   * response RX (517) to its own request at 56.177287.
   */
  @Test
  void labCaptureShowsConnectionBothMtuExchangesAndTheDisconnection() {
    List<LinkEvent> e = LinkEvents.from(HciTraceTest.connect(), 0);
    LinkEvent.Connected c = assertInstanceOf(LinkEvent.Connected.class, e.get(0));
    assertEquals(42, c.handle());
    assertEquals(HOST, c.peer());
    assertEquals(Connection.Role.PERIPHERAL, c.role());
    assertEquals(Duration.ofMillis(50), c.interval());
    assertEquals(Duration.ofMillis(420), c.supervisionTimeout());
    LinkEvent.MtuExchanged server = assertInstanceOf(LinkEvent.MtuExchanged.class, e.get(1));
    assertEquals(false, server.localClient());
    assertEquals(517, server.attMtu());
    LinkEvent.MtuExchanged client = assertInstanceOf(LinkEvent.MtuExchanged.class, e.get(2));
    assertEquals(true, client.localClient());
    assertEquals(
        Duration.ofNanos(177_287_000 - 176_589_000),
        Duration.between(server.time(), client.time()));
    LinkEvent.Disconnected d = assertInstanceOf(LinkEvent.Disconnected.class, e.get(e.size() - 1));
    assertEquals(0x13, d.reason());
    assertEquals(4, e.size(), e.toString());
  }
}
