package dev.hogrig.controller.ll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogrig.util.Bytes;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Two link layers joined in memory, on virtual time. Expected values come from Core 5.4 Vol 6 Part
 * B (section cited per test) and the HCI error codes of Vol 1 Part F.
 */
class LinkConnectionTest {
  static final long AA = 0x50654C4BL;
  static final int CRC_INIT = 0x123456;

  final VirtualLlScheduler clock = new VirtualLlScheduler();
  final Recorder c = new Recorder(clock);
  final Recorder p = new Recorder(clock);
  LinkPair pair;

  /** Linux's defaults: 30..50 ms interval, latency 0, timeout 420 ms (field.md). */
  LinkPair connect(Persona central, Persona peripheral) {
    return connect(central, peripheral, 24, 0, 42);
  }

  LinkPair connect(Persona central, Persona peripheral, int interval, int latency, int timeout) {
    pair =
        LinkPair.connect(
            clock,
            LinkPair.connectInd(interval, latency, timeout, AA, CRC_INIT),
            central,
            c,
            peripheral,
            p,
            Optional.empty());
    c.self = pair.central();
    p.self = pair.peripheral();
    return pair;
  }

  @SafeVarargs
  static <T> void assertContains(List<T> list, T... items) {
    for (T t : items) {
      assertTrue(list.contains(t), () -> t + " not in " + list);
    }
  }

  @SafeVarargs
  static <T> void assertSubsequence(List<T> list, T... items) {
    int at = 0;
    for (T t : list) {
      if (at < items.length && t.equals(items[at])) {
        at++;
      }
    }
    assertEquals(items.length, at, () -> Arrays.toString(items) + " not a subsequence of " + list);
  }

  static void assertBetween(long v, long lo, long hi) {
    assertTrue(lo <= v && v <= hi, () -> v + " not in " + lo + ".." + hi);
  }

  void runMillis(long ms) {
    clock.runFor(ms * 1000);
  }

  @Test
  void featureExchangeReportsThePeersFeatureSet() {
    // §5.1.4: LL_FEATURE_REQ answered by LL_FEATURE_RSP carrying the responder's FeatureSet.
    connect(Personas.spec54(), Personas.olderSdkNoChannelClassification());
    pair.central().readRemoteFeatures();
    runMillis(500);
    assertContains(
        c.events,
        String.format("features 00 %x", Personas.olderSdkNoChannelClassification().features()));
    assertTrue(pair.central().isOpen());
  }

  @Test
  void peripheralInitiatedFeatureExchange() {
    connect(Personas.spec54(), Personas.spec54());
    pair.peripheral().readRemoteFeatures();
    runMillis(500);
    assertTrue(c.got(LlControlPdu.PERIPHERAL_FEATURE_REQ));
    assertContains(p.events, String.format("features 00 %x", Personas.FEATURES_54));
  }

  @Test
  @DisplayName("LL_VERSION_IND is answered once and then served from cache (§5.1.5)")
  void versionExchangeIsAnsweredOnceAndCached() {
    // §5.1.5: each side sends LL_VERSION_IND at most once per connection.
    connect(Personas.spec54(), Personas.olderSdkNoChannelClassification());
    pair.central().readRemoteVersion();
    runMillis(500);
    pair.central().readRemoteVersion();
    pair.peripheral().readRemoteVersion();
    runMillis(500);
    assertSubsequence(c.events, "version 00 08 ffff 0420", "version 00 08 ffff 0420");
    assertContains(p.events, "version 00 0d ffff 0001");
    assertEquals(1, c.count(c.sent, LlControlPdu.VERSION_IND));
    assertEquals(1, p.count(p.sent, LlControlPdu.VERSION_IND));
  }

  @Test
  void connectionUpdateTakesEffectAtTheInstantOnBothSides() {
    // §5.1.1: the new parameters apply from the connection event whose counter is the Instant.
    connect(Personas.spec54(), Personas.spec54());
    runMillis(100);
    pair.central().updateConnection(12, 12, 2, 300);
    for (int i = 0; i < 100 && !p.got(LlControlPdu.CONNECTION_UPDATE_IND); i++) {
      clock.runFor(1000);
    }
    LlControlPdu.ConnectionUpdateInd ind =
        (LlControlPdu.ConnectionUpdateInd)
            p.received.stream()
                .filter(x -> x.opcode() == LlControlPdu.CONNECTION_UPDATE_IND)
                .findFirst()
                .orElseThrow();
    assertEquals(24, pair.peripheral().interval());
    while (pair.central().eventCounter() != ind.instant()) {
      clock.runFor(1000);
    }
    assertEquals(12, pair.central().interval());
    assertEquals(ind.instant(), pair.peripheral().eventCounter());
    assertEquals(12, pair.peripheral().interval());
    assertEquals(2, pair.peripheral().latency());
    assertEquals(300, pair.peripheral().supervisionTimeout());
    assertContains(c.events, "connupdate 00 12 2 300");
    assertContains(p.events, "connupdate 00 12 2 300");
    runMillis(2000);
    assertTrue(pair.peripheral().isOpen());
  }

  @Test
  void connectionParameterRequestFromThePeripheral() {
    // §5.1.7: the central answers LL_CONNECTION_PARAM_REQ with LL_CONNECTION_UPDATE_IND.
    connect(Personas.spec54(), Personas.spec54());
    pair.peripheral().updateConnection(12, 24, 0, 200);
    runMillis(1000);
    assertContains(p.events, "connupdate 00 12 0 200");
    assertEquals(12, pair.central().interval());
  }

  @Test
  void connectionParameterRequestRefusedWithUnknownRsp() {
    // An older central without the procedure: LL_UNKNOWN_RSP → 0x1A Unsupported Remote Feature.
    Persona oldCentral =
        Personas.spec54().toBuilder()
            .policy(LlControlPdu.CONNECTION_PARAM_REQ, OpcodePolicy.UNKNOWN)
            .build();
    connect(oldCentral, Personas.spec54());
    pair.peripheral().updateConnection(12, 24, 0, 200);
    runMillis(1000);
    assertContains(p.events, "connupdate 1a 24 0 42");
    assertTrue(pair.peripheral().isOpen());
  }

  @Test
  void dataLengthUpdate() {
    // §5.1.9 / §4.5.10: connEffectiveMaxTxOctets = min(own connMaxTxOctets, peer's
    // connMaxRxOctets) and likewise for RX; both ends here support 251 octets and 2120 µs.
    connect(Personas.spec54(), Personas.spec54());
    pair.central().setDataLength(251, 2120);
    runMillis(500);
    assertContains(c.events, "datalength 251 2120 251 2120");
    assertContains(p.events, "datalength 251 2120 251 2120");
    Bytes big = Bytes.copyOf(new byte[200]);
    pair.central().sendData(true, big);
    runMillis(500);
    assertEquals(List.of(big), p.data);
  }

  @Test
  void dataIsAcknowledgedAndFragmentedAtTwentySevenOctets() {
    // §4.5.9 acknowledgement; 27 octets is the default maximum before a data length update.
    connect(Personas.spec54(), Personas.spec54());
    Bytes l2cap = Bytes.copyOf(new byte[40]);
    pair.peripheral().sendData(true, l2cap);
    runMillis(500);
    assertEquals(List.of(l2cap.slice(0, 27), l2cap.slice(27, 40)), c.data);
    assertSubsequence(c.events, "data true " + l2cap.slice(0, 27).toHex());
    assertEquals(2, p.acked);
  }

  @Test
  void lostPacketsAreRetransmittedInOrder() {
    // §4.5.9: a packet not acknowledged is sent again; the receiver drops duplicates by SN.
    Persona lossy = Personas.spec54().toBuilder().lossy(0.3, 0.1, 42).build();
    connect(lossy, lossy, 24, 0, 500);
    for (int i = 0; i < 50; i++) {
      pair.central().sendData(true, Bytes.of(i));
    }
    runMillis(10_000);
    assertEquals(50, p.data.size());
    for (int i = 0; i < 50; i++) {
      assertEquals(Bytes.of(i), p.data.get(i));
    }
  }

  @Test
  void phyUpdate() {
    connect(Personas.spec54(), Personas.spec54());
    pair.peripheral().setPhy(0x02, 0x02);
    runMillis(1000);
    assertContains(p.events, "phy 00 2 2");
    assertContains(c.events, "phy 00 2 2");
    assertEquals(2, pair.central().txPhy());
  }

  @Test
  void encryptionWithMatchingLtk() {
    // §5.1.3.1: ENC_REQ, ENC_RSP, START_ENC_REQ, START_ENC_RSP both ways.
    Bytes key = Bytes.fromHex("00112233445566778899aabbccddeeff");
    p.ltk = rand -> Optional.of(key);
    connect(Personas.spec54(), Personas.spec54());
    pair.central().startEncryption(0x1234, 0x5678, key);
    runMillis(1000);
    assertContains(c.events, "encryption 00 true");
    assertContains(p.events, "ltk?", "encryption 00 true");
    pair.central().sendData(true, Bytes.of(1, 2, 3));
    runMillis(500);
    assertEquals(List.of(Bytes.of(1, 2, 3)), p.data);
    assertTrue(pair.central().encrypted());
    // Pause and restart (§5.1.3.2) gives a key refresh.
    pair.central().startEncryption(0x1234, 0x5678, key);
    runMillis(1000);
    assertContains(c.events, "keyrefresh 00");
    assertTrue(pair.peripheral().isOpen());
  }

  @Test
  void encryptionWithMismatchingLtkEndsTheLinkWithMicFailure() {
    // §5.1.3.1: a packet that fails the MIC check ends the link with 0x3D; the other end then
    // hears nothing and reaches its supervision timeout (0x08).
    p.ltk = rand -> Optional.of(Bytes.fromHex("ffeeddccbbaa99887766554433221100"));
    connect(Personas.spec54(), Personas.spec54());
    pair.central().startEncryption(1, 2, Bytes.fromHex("00112233445566778899aabbccddeeff"));
    runMillis(2000);
    assertEquals(0x3D, p.disconnectReason);
    assertEquals(0x08, c.disconnectReason);
  }

  @Test
  void encryptionWithoutKeyIsRejected() {
    // §5.1.3.1: no LTK → LL_REJECT_EXT_IND(ENC_REQ, 0x06 PIN or Key Missing).
    connect(Personas.spec54(), Personas.spec54());
    pair.central().startEncryption(1, 2, Bytes.fromHex("00112233445566778899aabbccddeeff"));
    runMillis(1000);
    assertContains(c.events, "encryption 06 false");
    assertTrue(pair.central().isOpen());
  }

  @Test
  void supervisionTimeoutAfterThePeripheralGoesSilent() {
    // §4.5.2: no packet for connSupervisionTimeout (420 ms) → 0x08 Connection Timeout.
    Persona silent = Personas.spec54().toBuilder().silentAt(1000, 5000).build();
    connect(Personas.spec54(), silent);
    runMillis(3000);
    assertEquals(0x08, c.disconnectReason);
    long lost = c.disconnectedAt;
    assertBetween(lost, 1_000_000L + 420_000L, 1_000_000L + 420_000L + 30_000L + 2_000L);
    assertEquals(0x08, p.disconnectReason);
    System.out.printf(
        "supervision timeout: silent at 1000 ms, central lost at %.3f ms%n", lost / 1e3);
  }

  @Test
  @DisplayName("LL/CON/PER/BI-05-C style: 40 s response timeout ends the link with 0x22")
  void ignoredRequestEndsTheLinkAfterTheFortySecondResponseTimeout() {
    // §5.2 / LL/CON/PER/BI-05-C style: no response within 40 s → 0x22 LL Response Timeout.
    Persona ignores =
        Personas.spec54().toBuilder().policy(LlControlPdu.FEATURE_REQ, OpcodePolicy.IGNORE).build();
    connect(Personas.spec54(), ignores);
    runMillis(100);
    long asked = clock.nowMicros();
    pair.central().readRemoteFeatures();
    runMillis(39_000);
    assertTrue(pair.central().isOpen());
    runMillis(2_000);
    assertEquals(0x22, c.disconnectReason);
    assertEquals(40_000_000L, c.disconnectedAt - asked);
    runMillis(1_000);
    assertEquals(0x08, p.disconnectReason);
  }

  @Test
  void delayedAnswerStillCompletes() {
    Persona slow =
        Personas.spec54().toBuilder()
            .policy(LlControlPdu.PING_REQ, OpcodePolicy.delay(3000))
            .build();
    connect(Personas.spec54(), slow);
    pair.central().ping();
    runMillis(2000);
    assertFalse(c.got(LlControlPdu.PING_RSP));
    runMillis(2000);
    assertTrue(c.got(LlControlPdu.PING_RSP));
  }

  @Test
  @DisplayName(
      "LL/PAC/PER/BV-01-C style: unknown opcode gets LL_UNKNOWN_RSP, which is never answered")
  void unsupportedOpcodeGetsUnknownRspAndUnknownRspIsNeverAnswered() {
    // LL/PAC/PER/BV-01-C style, §2.4.2.7: LL_UNKNOWN_RSP with UnknownType = the opcode; an
    // LL_UNKNOWN_RSP itself is never answered.
    connect(Personas.spec54(), Personas.spec54());
    pair.central().sendControl(new LlControlPdu.Other(0x3F, Bytes.of(1, 2)));
    pair.central().sendControl(new LlControlPdu.UnknownRsp(0x33));
    runMillis(500);
    assertContains(c.received, new LlControlPdu.UnknownRsp(0x3F));
    assertEquals(1, p.count(p.sent, LlControlPdu.UNKNOWN_RSP));
    assertTrue(pair.central().isOpen());
  }

  @Test
  void rejectExtIndPolicy() {
    Persona rejects =
        Personas.spec54().toBuilder()
            .policy(LlControlPdu.PHY_REQ, OpcodePolicy.rejectExt(0x1A))
            .build();
    connect(Personas.spec54(), rejects);
    pair.central().setPhy(0x02, 0x02);
    runMillis(500);
    assertContains(c.received, new LlControlPdu.RejectExtInd(LlControlPdu.PHY_REQ, 0x1A));
    assertContains(c.events, "phy 1a 1 1");
  }

  @Test
  void channelReportingIsAnsweredWithChannelStatusBySpec54() {
    // §5.1.15 (Core 5.3+): the peripheral reports its channel classification.
    connect(Personas.spec54(), Personas.spec54());
    pair.central().sendControl(new LlControlPdu.ChannelReportingInd(1, 5, 5));
    runMillis(2000);
    assertTrue(c.got(LlControlPdu.CHANNEL_STATUS_IND));
    assertFalse(c.got(LlControlPdu.UNKNOWN_RSP));
  }

  @Test
  void channelMapUpdate() {
    connect(Personas.spec54(), Personas.spec54());
    pair.central().updateChannelMap(0x00_0000_00FFL);
    runMillis(2000);
    assertTrue(pair.peripheral().isOpen());
    assertTrue(p.got(LlControlPdu.CHANNEL_MAP_IND));
  }

  @Test
  void terminationReportsTheReasonToThePeer() {
    // §5.1.8: the peer reports the ErrorCode of LL_TERMINATE_IND, the initiator 0x16.
    connect(Personas.spec54(), Personas.spec54());
    pair.peripheral().disconnect(0x13);
    runMillis(500);
    assertEquals(0x13, c.disconnectReason);
    assertEquals(0x16, p.disconnectReason);
  }

  @Test
  void forumCaseTheHostModelDropsAnOlderSdkPeripheral() {
    // field.md case 2, as modelled by Personas.forumHostModel (not a measurement).
    connect(Personas.forumHostModel(1000), Personas.olderSdkNoChannelClassification());
    for (int i = 0; i < 20; i++) {
      pair.peripheral().sendData(true, Bytes.of(i));
    }
    runMillis(5000);
    assertContains(p.received, new LlControlPdu.ChannelReportingInd(1, 5, 5));
    assertContains(c.received, new LlControlPdu.UnknownRsp(0x28));
    assertEquals(0x13, p.disconnectReason);
    assertEquals(0x16, c.disconnectReason);
    System.out.printf(
        "forum case: peripheral disconnected at %.3f ms with reason 0x%02X%n",
        p.disconnectedAt / 1e3, p.disconnectReason);
  }

  @Test
  void anInstantInThePastEndsTheLink() {
    // §5.5.1: an Instant already passed ends the link with 0x28 Instant Passed.
    connect(Personas.spec54(), Personas.spec54());
    runMillis(1000);
    pair.central().sendControl(new LlControlPdu.ConnectionUpdateInd(1, 0, 12, 0, 42, 0));
    runMillis(200);
    assertEquals(0x28, p.disconnectReason);
  }

  @Test
  void impossiblePersonaSettingsAreRefused() {
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class,
        () -> Personas.spec54().toBuilder().lossy(1.5, 0, 1).build());
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> OpcodePolicy.delay(-1));
  }

  @Test
  void theScriptedPersonaOfLinkLayerMdRuns() {
    // The example of docs/link-layer.md, "Scripting one".
    Persona slowAndLossy =
        Personas.spec54().toBuilder()
            .name("slow peripheral")
            .policy(LlControlPdu.LENGTH_REQ, OpcodePolicy.delay(3_000))
            .policy(LlControlPdu.PHY_REQ, OpcodePolicy.rejectExt(0x1A))
            .policy(LlControlPdu.FEATURE_REQ, OpcodePolicy.IGNORE)
            .sendAt(
                500,
                new LlControlPdu.ConnectionParam(
                    LlControlPdu.CONNECTION_PARAM_REQ,
                    12,
                    24,
                    0,
                    200,
                    0,
                    0,
                    com.google.common.collect.ImmutableList.of(
                        0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff)))
            .silentAt(10_000, 2_000)
            .inject(
                Injection.Trigger.received(LlControlPdu.ENC_REQ),
                0,
                Injection.Action.terminate(0x05))
            .lossy(0.05, 0.01, 42)
            .build();
    connect(Personas.spec54(), slowAndLossy);
    pair.central().setDataLength(251, 2120);
    runMillis(2000);
    assertEquals(12, pair.central().interval());
    assertContains(c.events, "connupdate 00 12 0 200");
    assertFalse(c.events.stream().anyMatch(e -> e.startsWith("datalength")));
    runMillis(2000);
    assertContains(c.events, "datalength 251 2120 251 2120");
    // Silent for 2 s at 10 s, longer than the 2 s timeout now in force: 0x08.
    runMillis(10_000);
    assertEquals(0x08, c.disconnectReason);
  }

  @Test
  void aConnectionOnChannelSelectionAlgorithm2CarriesData() {
    AdvPdu.ConnectInd plain = LinkPair.connectInd(24, 0, 42, AA, CRC_INIT);
    AdvPdu.ConnectInd chSel =
        new AdvPdu.ConnectInd(
            new AdvPdu.AdvHeader(true, false, false), plain.initA(), plain.advA(), plain.llData());
    pair =
        LinkPair.connect(
            clock, chSel, Personas.spec54(), c, Personas.spec54(), p, Optional.empty());
    pair.central().updateChannelMap(0x0F_0000_00FFL);
    pair.central().sendData(true, Bytes.of(1, 2, 3));
    runMillis(2000);
    assertEquals(List.of(Bytes.of(1, 2, 3)), p.data);
    assertTrue(pair.peripheral().isOpen());
  }

  @Test
  void theCentralsHostCanRefuseAParameterRequest() {
    // §5.1.7: a refused request comes back as LL_REJECT_EXT_IND(0x0F, 0x3B Unacceptable
    // Connection Parameters); the peripheral's host sees the procedure fail with that status.
    LlListener refusing =
        new LlListener() {
          @Override
          public boolean remoteConnectionParameterRequest(
              int intervalMin, int intervalMax, int latency, int timeout) {
            pair.central().connectionParameterNegativeReply(0x3B);
            return true;
          }
        };
    pair =
        LinkPair.connect(
            clock,
            LinkPair.connectInd(24, 0, 42, AA, CRC_INIT),
            Personas.spec54(),
            refusing,
            Personas.spec54(),
            p,
            Optional.empty());
    pair.peripheral().updateConnection(6, 6, 0, 100);
    runMillis(1000);
    assertContains(p.events, "connupdate 3b 24 0 42");
    assertEquals(24, pair.central().interval());
  }
}
