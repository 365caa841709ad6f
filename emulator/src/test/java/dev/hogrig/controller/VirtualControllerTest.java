package dev.hogrig.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogrig.controller.HostPair.Host;
import dev.hogrig.util.Bytes;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two controllers joined by {@link DirectAir}, driven as a host drives them ({@link HostPair}): H4
 * bytes in, H4 bytes out. Every expected byte string is built by hand from the Core v5.4 Vol 4 Part
 * E layouts cited beside it (all fields little-endian, §5.2), not from running the controller.
 */
class VirtualControllerTest {
  static final String P_ADDR_WIRE = HostPair.P_ADDR_WIRE;
  static final String C_ADDR_WIRE = HostPair.C_ADDR_WIRE;
  static final String LTK = HostPair.LTK;

  DirectAir air;
  HostPair pair;
  Host peripheral;
  Host central;

  @BeforeEach
  void up() {
    air = new DirectAir();
    pair = new HostPair(air);
    peripheral = pair.peripheral;
    central = pair.central;
  }

  @AfterEach
  void down() {
    pair.close();
    air.close();
  }

  @Test
  void initSequenceAnswers() throws Exception {
    Host h = peripheral;
    // Reset, §7.3.2 -> Command Complete §7.7.14: 0e len=4 num=1 opcode=0c03 status=0
    h.send("01 03 0c 00");
    h.expect("04 0e 04 01 03 0c 00");
    // Read Local Supported Features, §7.4.3: status + 8 octets; octet 4 = bits 37, 38 (0x60)
    h.send("01 03 10 00");
    h.expect("04 0e 0c 01 03 10 00 0000000060000000");
    // Read Local Version Information, §7.4.1: status, HCI ver 0x0c, HCI subver, LMP ver,
    // company, LMP subver
    h.send("01 01 10 00");
    h.expect("04 0e 0c 01 01 10 00 0c 0100 0c ffff 0100");
    // Read BD_ADDR, §7.4.6
    h.send("01 09 10 00");
    h.expect("04 0e 0a 01 09 10 00 " + P_ADDR_WIRE);
    // LE Read Buffer Size [v1], §7.8.2: status, length 251 (0x00fb), 8 packets
    h.send("01 02 20 00");
    h.expect("04 0e 07 01 02 20 00 fb00 08");
    // LE Read Local Supported Features, §7.8.3
    h.send("01 03 20 00");
    h.expect("04 0e 0c 01 03 20 00 3f00000000000000");
    // Set Event Mask, §7.3.1; LE Set Event Mask, §7.8.1
    h.send("01 01 0c 08 ffffffffffffff3f");
    h.expect("04 0e 04 01 01 0c 00");
    h.send("01 01 20 08 ff0f000000000000");
    h.expect("04 0e 04 01 01 20 00");
    // LE Read Filter Accept List Size, §7.8.14 ; Clear §7.8.15
    h.send("01 0f 20 00");
    h.expect("04 0e 05 01 0f 20 00 10");
    h.send("01 10 20 00");
    h.expect("04 0e 04 01 10 20 00");
    // LE Read Maximum Data Length, §7.8.46: 251 octets / 2120 us both ways
    h.send("01 2f 20 00");
    h.expect("04 0e 0c 01 2f 20 00 fb00 4808 fb00 4808");
    // LE Write then Read Suggested Default Data Length, §7.8.35 / §7.8.34
    h.send("01 24 20 04 fb00 4808");
    h.expect("04 0e 04 01 24 20 00");
    h.send("01 23 20 00");
    h.expect("04 0e 08 01 23 20 00 fb00 4808");
  }

  /**
   * The bits Linux 6.1 tests before sending optional init commands (net/bluetooth/hci_sync.c) match
   * what the controller implements: a set bit for an unimplemented command would fail the kernel's
   * init, a missing one would hide a command.
   */
  @Test
  void supportedCommandsMatchWhatTheKernelChecks() throws Exception {
    Bytes cmds = VirtualController.supportedCommands();
    assertEquals(0x40, cmds.get(26) & 0x40, "LE Read Filter Accept List Size, commands[26]&0x40");
    assertEquals(0x80, cmds.get(26) & 0x80, "LE Clear Filter Accept List, commands[26]&0x80");
    assertEquals(0x40, cmds.get(34) & 0x40, "LE Read Resolving List Size, commands[34]&0x40");
    assertEquals(0x20, cmds.get(34) & 0x20, "LE Clear Resolving List, commands[34]&0x20");
    assertEquals(0x04, cmds.get(35) & 0x04, "LE Set RPA Timeout, commands[35]&0x04");
    assertEquals(0x20, cmds.get(35) & 0x20, "LE Set Default PHY, commands[35]&0x20");
    assertEquals(0x04, cmds.get(22) & 0x04, "Set Event Mask Page 2, commands[22]&0x04");
    assertEquals(0x30, cmds.get(32) & 0x30, "Read/Write Authenticated Payload Timeout (LE Ping)");
    assertEquals(0, cmds.get(29) & 0x20, "no Read Local Supported Codecs");
    assertEquals(0, cmds.get(6) & 0xa0, "no Read/Delete Stored Link Key");
    assertEquals(0, cmds.get(41) & 0x20, "no LE Read Buffer Size v2");
    // Every implemented command with a bitmap position answers something other than 0x01.
    for (VirtualController.Spec s : VirtualController.COMMANDS) {
      if (s.opcode() == 0x0c03) {
        continue;
      }
      StringBuilder cmd =
          new StringBuilder(
              String.format(
                  "01 %02x %02x %02x ",
                  s.opcode() & 0xff, s.opcode() >> 8, Math.max(0, s.length())));
      cmd.append("00".repeat(Math.max(0, s.length())));
      peripheral.send(cmd.toString());
      String ev = peripheral.next();
      String op = String.format("%02x%02x", s.opcode() & 0xff, s.opcode() >> 8);
      if (ev.startsWith("040e")) {
        assertEquals(op, ev.substring(8, 12), s.name());
        assertTrue(!ev.substring(12, 14).equals("01"), s.name() + " answered Unknown HCI Command");
      } else {
        assertTrue(ev.startsWith("040f04"), s.name() + ": " + ev);
        assertEquals(op, ev.substring(10, 14), s.name());
        assertTrue(!ev.substring(6, 8).equals("01"), s.name() + " answered Unknown HCI Command");
      }
      while (peripheral.in.poll(50, TimeUnit.MILLISECONDS) != null) {
        // later events of the command (e.g. a connection complete with an error)
      }
    }
  }

  @Test
  void unknownCommandGetsUnknownHciCommand() throws Exception {
    // Vol 4 Part E §4.5: Command Complete with status 0x01 for vendor opcode 0xfcff.
    peripheral.send("01 ff fc 02 aa bb");
    peripheral.expect("04 0e 04 01 ff fc 01");
    assertTrue(peripheral.c.problems().get(0).contains("0xfcff"));
  }

  @Test
  void splitReadsAndGarbageAreSurvived() throws Exception {
    // One byte at a time: the framer must wait for the whole packet.
    for (String b : "01 03 0c 00".split(" ")) {
      peripheral.send(b);
    }
    peripheral.expect("04 0e 04 01 03 0c 00");
    // 0x07 is no packet indicator (Vol 4 Part A §2): reported with its offset, then skipped.
    peripheral.send("07 01 03 0c 00");
    peripheral.expect("04 0e 04 01 03 0c 00");
    String problem = peripheral.c.problems().get(0);
    assertTrue(problem.contains("byte 4") && problem.contains("0x07"), problem);
    // Disconnect with 2 parameter bytes instead of 3: Command Status 0x12 (§7.1.6, Vol 1 Part F).
    peripheral.send("01 06 04 02 0100");
    peripheral.expect("04 0f 04 12 01 06 04");
  }

  @Test
  void packetsAHostMustNotSendAreDroppedWhole() throws Exception {
    // An event (0x04) and an SCO packet (0x03, Vol 4 Part E §5.4.3: handle(2) len(1) data) from
    // the host: framed by their own headers, reported, dropped; the next command still works.
    peripheral.send("04 0e 01 00");
    peripheral.send("03 0100 02 aabb");
    peripheral.send("01 03 0c 00");
    peripheral.expect("04 0e 04 01 03 0c 00");
    assertEquals(2, peripheral.c.problems().size(), peripheral.c.problems().toString());
    assertTrue(peripheral.c.problems().get(0).contains("0x04"));
    assertTrue(peripheral.c.problems().get(1).contains("0x03"));
  }

  @Test
  void leEncryptIsAes128WithHciByteOrder() throws Exception {
    // FIPS-197 Appendix C.1: key 000102..0f, plaintext 00112233..ff ->
    // 69c4e0d86a7b0430d8cdb78070b4c55a. HCI carries all three least significant octet first.
    peripheral.send(
        "01 17 20 20 0f0e0d0c0b0a09080706050403020100 ffeeddccbbaa99887766554433221100");
    peripheral.expect("04 0e 14 01 17 20 00 5ac5b47080b7cdd830047b6ad8e0c469");
  }

  void advertiseAndScan() throws Exception {
    pair.advertiseAndScan();
  }

  @Test
  void scannerSeesAdvertisement() throws Exception {
    advertiseAndScan();
  }

  void connect() throws Exception {
    pair.connect();
  }

  @Test
  void connectionCompleteOnBothSidesWithRoles() throws Exception {
    connect();
    // Advertising stopped with the connection (Vol 6 Part B §4.4.2): the scanner hears no more.
    central.send("01 0c 20 02 01 00");
    central.expect("04 0e 04 01 0c 20 00");
    central.quiet();
  }

  @Test
  void aclBothWaysWithNumberOfCompletedPackets() throws Exception {
    connect();
    // Host -> controller ACL, §5.4.2: handle 0x001 PB 00, length 7, L2CAP len 3 cid 4, ATT 0a 01 00
    central.send("02 0100 0700 0300 0400 0a0100");
    // The peripheral's host gets it with PB 0b10 (first automatically flushable): 0x2001.
    peripheral.expect("02 0120 0700 0300 0400 0a0100");
    // Number Of Completed Packets, §7.7.19: 13 len=5 num_handles=1 handle=0001 count=0001
    central.expect("04 13 05 01 0100 0100");
    // A continuation fragment (PB 01) keeps its flag.
    peripheral.send("02 0100 0500 0100 0400 0b");
    peripheral.send("02 0110 0200 cafe");
    central.expect("02 0120 0500 0100 0400 0b");
    central.expect("02 0110 0200 cafe");
    peripheral.expect("04 13 05 01 0100 0100");
    peripheral.expect("04 13 05 01 0100 0100");
    // Unknown handle: dropped, no completion.
    peripheral.send("02 0500 0100 00");
    peripheral.quiet();
  }

  void startEncryption() throws Exception {
    pair.startEncryption();
  }

  @Test
  void encryptionWithMatchingKey() throws Exception {
    connect();
    startEncryption();
    // LE LTK Request Reply, §7.8.25 -> Command Complete status handle
    peripheral.send("01 1a 20 12 0100 " + LTK);
    peripheral.expect("04 0e 06 01 1a 20 00 0100");
    // Encryption Change, §7.7.8: status 0, handle, enabled 0x01 — on both sides
    peripheral.expect("04 08 04 00 0100 01");
    central.expect("04 08 04 00 0100 01");
    // Again on an encrypted link: Encryption Key Refresh Complete, §7.7.39: status, handle.
    startEncryption();
    peripheral.send("01 1a 20 12 0100 " + LTK);
    peripheral.expect("04 0e 06 01 1a 20 00 0100");
    peripheral.expect("04 30 03 00 0100");
    central.expect("04 30 03 00 0100");
  }

  @Test
  void encryptionWithMismatchingKeyEndsTheLinkWithMicFailure() throws Exception {
    connect();
    startEncryption();
    peripheral.send("01 1a 20 12 0100 " + "ff".repeat(16));
    peripheral.expect("04 0e 06 01 1a 20 00 0100");
    // Vol 6 Part B §5.1.3.1: the MIC check of LL_START_ENC_RSP fails; the link ends with
    // 0x3D Connection Terminated due to MIC Failure. Disconnection Complete, §7.7.5.
    peripheral.expect("04 05 04 00 0100 3d");
    central.expect("04 05 04 00 0100 3d");
  }

  @Test
  void encryptionWithoutKeyIsPinOrKeyMissing() throws Exception {
    connect();
    startEncryption();
    // LE LTK Request Negative Reply, §7.8.26 -> Command Complete status handle
    peripheral.send("01 1b 20 02 0100");
    peripheral.expect("04 0e 06 01 1b 20 00 0100");
    // Vol 6 Part B §5.1.3.1: LL_REJECT_EXT_IND with 0x06 PIN or Key Missing; the central's host
    // gets Encryption Change with that status, encryption off.
    central.expect("04 08 04 06 0100 00");
    peripheral.quiet();
  }

  @Test
  void authenticatedPayloadTimeout() throws Exception {
    connect();
    // Write Authenticated Payload Timeout, §7.3.94: handle, timeout 0x0bb8 (30 s, 10 ms units),
    // as Linux sends it after encryption -> Command Complete status handle.
    central.send("01 7c 0c 04 0100 b80b");
    central.expect("04 0e 06 01 7c 0c 00 0100");
    // Read Authenticated Payload Timeout, §7.3.93 -> status handle timeout
    central.send("01 7b 0c 02 0100");
    central.expect("04 0e 08 01 7b 0c 00 0100 b80b");
  }

  @Test
  void disconnectReasonOnBothSides() throws Exception {
    connect();
    // Disconnect, §7.1.6: handle 0x0001, reason 0x13 Remote User Terminated Connection
    central.send("01 06 04 03 0100 13");
    central.expect("04 0f 04 00 01 06 04");
    // The side that asked: 0x16 Connection Terminated By Local Host; the peer: the sent reason.
    central.expect("04 05 04 00 0100 16");
    peripheral.expect("04 05 04 00 0100 13");
    // The handle is gone: Disconnect again is 0x02 Unknown Connection Identifier.
    central.send("01 06 04 03 0100 13");
    central.expect("04 0f 04 02 01 06 04");
  }

  @Test
  void remoteFeaturesVersionUpdateDataLengthAndPhy() throws Exception {
    connect();
    // LE Read Remote Features, §7.8.21 -> Status, then §7.7.65.4: status handle features(8)
    central.send("01 16 20 02 0100");
    central.expect("04 0f 04 00 01 16 20");
    central.expect("04 3e 0c 04 00 0100 3f00000000000000");
    // Read Remote Version Information, §7.1.23 -> §7.7.12: status handle ver company subver
    central.send("01 1d 04 02 0100");
    central.expect("04 0f 04 00 01 1d 04");
    central.expect("04 0c 08 00 0100 0c ffff 0100");
    // LE Connection Update, §7.8.18, from the central: interval 0x0006..0x0006, latency 30,
    // timeout 0x01f4. The peripheral's host gets LE Remote Connection Parameter Request
    // (§7.7.65.6: handle min max latency timeout) and replies (§7.8.31).
    central.send("01 13 20 0e 0100 0600 0600 1e00 f401 0000 0000");
    central.expect("04 0f 04 00 01 13 20");
    peripheral.expect("04 3e 0b 06 0100 0600 0600 1e00 f401");
    peripheral.send("01 20 20 0e 0100 0600 0600 1e00 f401 0000 0000");
    peripheral.expect("04 0e 06 01 20 20 00 0100");
    // LE Connection Update Complete, §7.7.65.3: status handle interval latency timeout
    central.expect("04 3e 0a 03 00 0100 0600 1e00 f401");
    peripheral.expect("04 3e 0a 03 00 0100 0600 1e00 f401");
    // LE Set Data Length, §7.8.33 -> Command Complete status handle; LE Data Length Change,
    // §7.7.65.7: handle tx_octets tx_time rx_octets rx_time on both sides.
    central.send("01 22 20 06 0100 fb00 4808");
    central.expect("04 0e 06 01 22 20 00 0100");
    central.expect("04 3e 0b 07 0100 fb00 4808 fb00 4808");
    peripheral.expect("04 3e 0b 07 0100 fb00 4808 fb00 4808");
    // LE Set PHY, §7.8.49 -> Status; LE PHY Update Complete, §7.7.65.12: status handle tx rx
    central.send("01 32 20 07 0100 00 01 01 0000");
    central.expect("04 0f 04 00 01 32 20");
    central.expect("04 3e 06 0c 00 0100 01 01");
    peripheral.expect("04 3e 06 0c 00 0100 01 01");
  }

  @Test
  void createConnectionCancel() throws Exception {
    HostPair.enableEvents(central);
    // Nobody advertises: the attempt waits; Cancel (§7.8.13) completes, then LE Connection
    // Complete with 0x02 Unknown Connection Identifier.
    central.send(
        "01 0d 20 19 6000 6000 00 00 " + P_ADDR_WIRE + " 00 1800 2800 0000 2a00 0000 0000");
    central.expect("04 0f 04 00 01 0d 20");
    central.send("01 0e 20 00");
    central.expect("04 0e 04 01 0e 20 00");
    central.expect("04 3e 13 01 02 0000 00 00 000000000000 0000 0000 0000 00");
  }
}
