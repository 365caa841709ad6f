package dev.hogrig.controller;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogrig.controller.HostPair.Host;
import dev.hogrig.controller.ll.LlPcapWriter;
import dev.hogrig.controller.ll.Personas;
import dev.hogrig.hci.BdAddr;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two {@link VirtualController}s joined by {@link LlAir}: the same host conversations as {@link
 * VirtualControllerTest}, now carried by the link layer on a wall-clock scheduler, plus what only a
 * link layer does: supervision timeout and a link dropped over LL_UNKNOWN_RSP. Expected bytes are
 * built by hand from Core 5.4 Vol 4 Part E (events) and Vol 6 Part B (link-layer outcomes).
 */
class LlAirTest {
  LlAir air;
  HostPair pair;
  Host peripheral;
  Host central;
  final ByteArrayOutputStream pcap = new ByteArrayOutputStream();

  void up(LlAir a) {
    air = a;
    pair = new HostPair(air);
    peripheral = pair.peripheral;
    central = pair.central;
  }

  void up() {
    up(new LlAir());
  }

  @AfterEach
  void down() {
    if (pair != null) {
      printFigures();
      pair.close();
    }
    if (air != null) {
      air.close();
    }
  }

  private void printFigures() {
    for (LlAir.LinkFigures f : air.figures()) {
      System.out.printf(
          "ll-air link %s -> %s: %d events, lateness mean %.0f us max %d us, tx C %d P %d,"
              + " %s%n",
          f.centralPersona(),
          f.peripheralPersona(),
          f.connectionEvents(),
          f.meanEventErrorMicros(),
          f.maxEventErrorMicros(),
          f.centralTxPackets(),
          f.peripheralTxPackets(),
          f.open() ? "open" : String.format("ended 0x%02x", f.disconnectReason()));
    }
  }

  @Test
  void connectionCompleteOnBothSidesWithRoles() throws Exception {
    up();
    pair.connect();
    // Advertising stopped with the connection (Vol 6 Part B §4.4.2): the scanner hears no more.
    central.send("01 0c 20 02 01 00");
    central.expect("04 0e 04 01 0c 20 00");
    central.quiet();
  }

  @Test
  void aclBothWaysWithNumberOfCompletedPackets() throws Exception {
    up();
    pair.connect();
    // Host -> controller ACL, §5.4.2: handle 0x001 PB 00, length 7, L2CAP len 3 cid 4, ATT 0a 01 00
    central.send("02 0100 0700 0300 0400 0a0100");
    peripheral.expect("02 0120 0700 0300 0400 0a0100");
    // Number Of Completed Packets, §7.7.19: 13 len=5 num_handles=1 handle=0001 count=0001
    central.expect("04 13 05 01 0100 0100");
    peripheral.send("02 0100 0500 0100 0400 0b");
    peripheral.send("02 0110 0200 cafe");
    central.expect("02 0120 0500 0100 0400 0b");
    central.expect("02 0110 0200 cafe");
    // Two HCI packets acknowledged: one event each, or one event counting both.
    String done = peripheral.next();
    if (done.equals("0413050101000100")) {
      peripheral.expect("04 13 05 01 0100 0100");
    } else {
      assertEquals("0413050101000200", done);
    }
  }

  @Test
  void aFragmentLongerThanADataPduIsCutAndCompletesOnce() throws Exception {
    up();
    pair.connect();
    // 40 octets of ACL data: before a data length update a data PDU carries at most 27 octets
    // (Vol 6 Part B §2.4, §4.5.10), so the link layer sends LLID 0b10 with 27 and LLID 0b01 with
    // 13; the peer's host gets them as PB 0b10 and PB 0b01 (§5.4.2), and the sender's host one
    // completed packet: the one ACL packet it sent (§7.7.19).
    StringBuilder payload = new StringBuilder();
    for (int k = 0; k < 40; k++) {
      payload.append(String.format("%02x", k));
    }
    String p = payload.toString();
    central.send("02 0100 2800 " + p);
    peripheral.expect("02 0120 1b00 " + p.substring(0, 54));
    peripheral.expect("02 0110 0d00 " + p.substring(54));
    central.expect("04 13 05 01 0100 0100");
    central.quiet();
  }

  @Test
  void encryptionWithMatchingKey() throws Exception {
    up();
    pair.connect();
    pair.startEncryption();
    // LE LTK Request Reply, §7.8.25 -> Command Complete status handle
    peripheral.send("01 1a 20 12 0100 " + HostPair.LTK);
    peripheral.expect("04 0e 06 01 1a 20 00 0100");
    // Encryption Change, §7.7.8: status 0, handle, enabled 0x01 — on both sides
    peripheral.expect("04 08 04 00 0100 01");
    central.expect("04 08 04 00 0100 01");
    // Data still flows, now encrypted.
    central.send("02 0100 0700 0300 0400 0a0100");
    peripheral.expect("02 0120 0700 0300 0400 0a0100");
    central.expect("04 13 05 01 0100 0100");
    // Again on an encrypted link (pause and restart, Vol 6 Part B §5.1.3.2): Encryption Key
    // Refresh Complete, §7.7.39: status, handle.
    pair.startEncryption();
    peripheral.send("01 1a 20 12 0100 " + HostPair.LTK);
    peripheral.expect("04 0e 06 01 1a 20 00 0100");
    peripheral.expect("04 30 03 00 0100");
    central.expect("04 30 03 00 0100");
  }

  @Test
  void encryptionWithMismatchingKeyIsMicFailureAtThePeripheral() throws Exception {
    up();
    pair.connect();
    pair.startEncryption();
    peripheral.send("01 1a 20 12 0100 " + "ff".repeat(16));
    peripheral.expect("04 0e 06 01 1a 20 00 0100");
    // Vol 6 Part B §5.1.3.1: the peripheral's check of the central's encrypted LL_START_ENC_RSP
    // fails; it leaves the Connection state at once, its host told 0x3D MIC Failure
    // (Disconnection Complete, §7.7.5). The central then hears nothing and its host is told 0x08
    // Connection Timeout after connSupervisionTimeout (§4.5.2; 420 ms here).
    peripheral.expect("04 05 04 00 0100 3d");
    central.expect("04 05 04 00 0100 08");
  }

  @Test
  void encryptionWithoutKeyIsPinOrKeyMissing() throws Exception {
    up();
    pair.connect();
    pair.startEncryption();
    // LE LTK Request Negative Reply, §7.8.26 -> Command Complete status handle
    peripheral.send("01 1b 20 02 0100");
    peripheral.expect("04 0e 06 01 1b 20 00 0100");
    // Vol 6 Part B §5.1.3.1: LL_REJECT_EXT_IND with 0x06 PIN or Key Missing; the central's host
    // gets Encryption Change with that status, encryption off; the link stays.
    central.expect("04 08 04 06 0100 00");
    peripheral.quiet();
    central.send("02 0100 0700 0300 0400 0a0100");
    peripheral.expect("02 0120 0700 0300 0400 0a0100");
  }

  @Test
  void disconnectReasonOnBothSides() throws Exception {
    up();
    pair.connect();
    // Disconnect, §7.1.6: handle 0x0001, reason 0x13 Remote User Terminated Connection.
    // LL_TERMINATE_IND (Vol 6 Part B §5.1.8): the side that asked is told 0x16 Connection
    // Terminated By Local Host once the peer acknowledged it, the peer the sent reason.
    central.send("01 06 04 03 0100 13");
    central.expect("04 0f 04 00 01 06 04");
    peripheral.expect("04 05 04 00 0100 13");
    central.expect("04 05 04 00 0100 16");
    // The handle is gone: Disconnect again is 0x02 Unknown Connection Identifier.
    central.send("01 06 04 03 0100 13");
    central.expect("04 0f 04 02 01 06 04");
  }

  @Test
  void peripheralDisconnectsWithPowerOff() throws Exception {
    up();
    pair.connect();
    // From the peripheral this time, reason 0x15 Remote Device Terminated due to Power Off.
    peripheral.send("01 06 04 03 0100 15");
    peripheral.expect("04 0f 04 00 01 06 04");
    central.expect("04 05 04 00 0100 15");
    peripheral.expect("04 05 04 00 0100 16");
  }

  @Test
  void silentPeripheralIsSupervisionTimeoutOnBothSides() throws Exception {
    // The peripheral's link layer stops sending and receiving 300 ms after connecting, for a
    // minute. Each end has no good packet for connSupervisionTimeout (0x2a = 420 ms) and leaves
    // with 0x08 Connection Timeout (Vol 6 Part B §4.5.2); both hosts get Disconnection Complete.
    up(
        new LlAir(Personas.spec54())
            .persona(
                BdAddr.parse(HostPair.P_ADDR),
                Personas.spec54().toBuilder().name("goes silent").silentAt(300, 60_000).build()));
    pair.connect();
    central.expect("04 05 04 00 0100 08");
    peripheral.expect("04 05 04 00 0100 08");
    // The link layer agrees: the link is closed, the central's end with 0x08.
    await()
        .atMost(5, TimeUnit.SECONDS)
        .until(() -> air.figures().stream().allMatch(f -> !f.open()));
    LlAir.LinkFigures f = air.figures().get(0);
    assertEquals(0x08, f.disconnectReason());
    assertEquals("goes silent", f.peripheralPersona());
  }

  @Test
  void forumHostDropsAnOlderPeripheralThatAnswersUnknownRsp() throws Exception {
    // field.md case 2, as Personas models it (not a measurement): the central sends
    // LL_CHANNEL_REPORTING_IND (0x28) after connecting; the older peripheral does not know it and
    // answers LL_UNKNOWN_RSP (Vol 6 Part B §2.4.2.7); the central then stops sending data and
    // terminates with 0x13 after 300 ms. Its own host is told 0x16 (it ended the link), the
    // peripheral's host 0x13 (§5.1.8).
    up(
        new LlAir(Optional.of(Personas.spec54()), Optional.of(new LlPcapWriter(pcap)))
            .persona(BdAddr.parse(HostPair.C_ADDR), Personas.forumHostModel(300))
            .persona(BdAddr.parse(HostPair.P_ADDR), Personas.olderSdkNoChannelClassification()));
    pair.connect();
    peripheral.expect("04 05 04 00 0100 13");
    central.expect("04 05 04 00 0100 16");
    printFigures();
    air.close();
    // On air (§2.4.2): LL_CHANNEL_REPORTING_IND (0x28: Enable 1, Min_Spacing 5, Max_Delay 5),
    // LL_UNKNOWN_RSP (0x07, UnknownType 0x28), LL_TERMINATE_IND (0x02, ErrorCode 0x13), in order.
    List<String> control = controlPdus(pcap.toByteArray());
    int reporting = control.indexOf("C>P 28 01 05 05");
    int unknown = control.indexOf("P>C 07 28");
    int terminate = control.indexOf("C>P 02 13");
    assertTrue(0 <= reporting && reporting < unknown && unknown < terminate, control.toString());
  }

  @Test
  void peripheralParameterRequestGoesToTheCentralsHost() throws Exception {
    up();
    pair.connect();
    // LE Connection Update (§7.8.18) from the peripheral: LL_CONNECTION_PARAM_REQ (Vol 6 Part B
    // §5.1.7); the central's host gets LE Remote Connection Parameter Request (§7.7.65.6: handle
    // min max latency timeout) and replies (§7.8.31); LE Connection Update Complete (§7.7.65.3)
    // on both sides at the instant.
    peripheral.send("01 13 20 0e 0100 0c00 0c00 0000 f401 0000 0000");
    peripheral.expect("04 0f 04 00 01 13 20");
    central.expect("04 3e 0b 06 0100 0c00 0c00 0000 f401");
    central.send("01 20 20 0e 0100 0c00 0c00 0000 f401 0000 0000");
    central.expect("04 0e 06 01 20 20 00 0100");
    central.expect("04 3e 0a 03 00 0100 0c00 0000 f401");
    peripheral.expect("04 3e 0a 03 00 0100 0c00 0000 f401");
  }

  @Test
  void centralUpdateRemoteFeaturesVersionAndDataLength() throws Exception {
    up();
    pair.connect();
    // LE Read Remote Features, §7.8.21 -> §7.7.65.4: the peer's persona is made from its
    // controller, whose LE features are 0x3F (VirtualController's class comment).
    central.send("01 16 20 02 0100");
    central.expect("04 0f 04 00 01 16 20");
    central.expect("04 3e 0c 04 00 0100 3f00000000000000");
    // Read Remote Version Information, §7.1.23 -> §7.7.12: LL version 0x0c, company 0xffff,
    // subversion 0x0001 (VirtualController.VERSION, COMPANY, SUBVERSION).
    central.send("01 1d 04 02 0100");
    central.expect("04 0f 04 00 01 1d 04");
    central.expect("04 0c 08 00 0100 0c ffff 0100");
    // LE Connection Update from the central: LL_CONNECTION_UPDATE_IND (Vol 6 Part B §5.1.1), the
    // peripheral's host is not asked; both get LE Connection Update Complete at the instant.
    central.send("01 13 20 0e 0100 0600 0600 0000 f401 0000 0000");
    central.expect("04 0f 04 00 01 13 20");
    central.expect("04 3e 0a 03 00 0100 0600 0000 f401");
    peripheral.expect("04 3e 0a 03 00 0100 0600 0000 f401");
    // LE Set Data Length, §7.8.33 -> Command Complete; LE Data Length Change, §7.7.65.7, on both
    // sides once LL_LENGTH_REQ/RSP are exchanged (§5.1.9): 251 octets, 2120 us each way.
    central.send("01 22 20 06 0100 fb00 4808");
    central.expect("04 0e 06 01 22 20 00 0100");
    central.expect("04 3e 0b 07 0100 fb00 4808 fb00 4808");
    peripheral.expect("04 3e 0b 07 0100 fb00 4808 fb00 4808");
  }

  @Test
  void closingAControllerEndsItsLinksWithPowerOff() throws Exception {
    up();
    pair.connect();
    // VirtualController.close detaches: the peer is told 0x15 (Remote Device Terminated due to
    // Power Off) through LL_TERMINATE_IND.
    central.c.close();
    peripheral.expect("04 05 04 00 0100 15");
  }

  @Test
  void accessAddressRulesOfVol6PartB212() {
    // Vol 6 Part B §2.1.2: not the advertising access address, nor one bit away from it.
    assertFalse(LlAir.validAccessAddress(0x8E89BED6L));
    assertFalse(LlAir.validAccessAddress(0x8E89BED7L));
    // Not four equal octets; no more than six consecutive equal bits.
    assertFalse(LlAir.validAccessAddress(0x5A5A5A5AL));
    assertFalse(LlAir.validAccessAddress(0x5A80005AL));
    // More than 24 transitions.
    assertFalse(LlAir.validAccessAddress(0x55555556L));
    // Fewer than two transitions in the six most significant bits (0b111111...).
    assertFalse(LlAir.validAccessAddress(0xFC5A5A3CL));
    // Every generated one keeps the rules.
    Random r = new Random(7);
    for (int k = 0; k < 1000; k++) {
      assertTrue(LlAir.validAccessAddress(LlAir.accessAddress(r)));
    }
  }

  /**
   * The data-channel control PDUs of a pcap written by {@link LlPcapWriter}, as "C>P 07 28": the
   * direction (pseudo-header flags bits 7..9: 2 central to peripheral, 3 the other way), then
   * opcode and CtrData octets.
   */
  static List<String> controlPdus(byte[] file) {
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(0xa1b2c3d4, b.getInt(0));
    assertEquals(LlPcapWriter.LINKTYPE_BLUETOOTH_LE_LL_WITH_PHDR, b.getInt(20));
    List<String> out = new ArrayList<>();
    int at = 24;
    while (at + 16 <= file.length) {
      int len = b.getInt(at + 8);
      int rec = at + 16;
      int flags = b.getShort(rec + 8) & 0xffff;
      int type = (flags >> 7) & 7;
      int pdu = rec + 14;
      int llid = file[pdu] & 3;
      int length = file[pdu + 1] & 0xff;
      if (type >= 2 && llid == 3 && length > 0) {
        StringBuilder s = new StringBuilder(type == 2 ? "C>P" : "P>C");
        for (int k = 0; k < length; k++) {
          s.append(String.format(" %02x", file[pdu + 2 + k] & 0xff));
        }
        out.add(s.toString());
      }
      at = rec + len;
    }
    return out;
  }
}
