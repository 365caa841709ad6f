package dev.hogrig.hci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.hogrig.util.Bytes;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HciCodecTest {
  static final BdAddr A = BdAddr.parse("00:AA:01:01:00:01");
  static final BdAddr B = BdAddr.parse("C0:FF:EE:12:34:56");

  /** At least one sample of every event record, with fields at their extremes. */
  static List<HciEvent> sampleEvents() {
    return List.of(
        new HciEvent.DisconnectionComplete(0, 0x0040, 0x13),
        new HciEvent.DisconnectionComplete(0xff, 0xeff, 0x3d),
        new HciEvent.EncryptionChange(0, 0x0001, 1),
        new HciEvent.EncryptionChangeV2(0, 0x0fff, 1, 16),
        new HciEvent.ReadRemoteVersionComplete(0, 0x40, 0x0c, 0x05f1, 0xffff),
        new HciEvent.CommandComplete(1, 0x0c03, Bytes.of(0)),
        new HciEvent.CommandComplete(0, 0x0000, Bytes.EMPTY),
        new HciEvent.CommandStatus(0x0c, 1, 0x2013),
        new HciEvent.NumberOfCompletedPackets(ImmutableList.of()),
        new HciEvent.NumberOfCompletedPackets(
            ImmutableList.of(
                new HciEvent.Completed(0x40, 3), new HciEvent.Completed(0x41, 0xffff))),
        new HciEvent.LeConnectionComplete(0, 0x40, 1, 0, A, 24, 0, 42, 0),
        new HciEvent.LeEnhancedConnectionComplete(0, 0x41, 0, 1, B, A, B, 6, 4, 3200, 7),
        new HciEvent.LeEnhancedConnectionCompleteV2(
            0, 0x42, 1, 2, A, B, A, 0xffff, 0, 10, 1, 3, 0x0fff),
        new HciEvent.LeConnectionUpdateComplete(0, 0x40, 12, 0, 500),
        new HciEvent.LeReadRemoteFeaturesComplete(
            0, 0x40, Bytes.fromHex("ff 49 01 00 00 00 00 00")),
        new HciEvent.LeLongTermKeyRequest(0x40, Bytes.fromHex("01 02 03 04 05 06 07 08"), 0xbeef),
        new HciEvent.LeDataLengthChange(0x40, 251, 2120, 27, 328),
        new HciEvent.LeUnknown(0x02, Bytes.fromHex("01 00 00 00")),
        new HciEvent.LeUnknown(0xff, Bytes.EMPTY),
        new HciEvent.Unknown(0x04, Bytes.EMPTY),
        new HciEvent.Unknown(0xff, Bytes.fromHex("de ad")));
  }

  @Test
  void everyEventRoundTripsAndTheSweepCoversEveryRecord() {
    Set<Class<?>> seen = new HashSet<>();
    for (HciEvent e : sampleEvents()) {
      assertEquals(e, HciCodec.decodeEvent(HciCodec.encodeEvent(e)), e.toString());
      seen.add(e.getClass());
    }
    assertEquals(leaves(HciEvent.class), seen);
  }

  /** All concrete classes under a sealed interface. */
  static Set<Class<?>> leaves(Class<?> sealed) {
    Set<Class<?>> out = new HashSet<>();
    for (Class<?> c : sealed.getPermittedSubclasses()) {
      if (c.isSealed()) {
        out.addAll(leaves(c));
      } else {
        out.add(c);
      }
    }
    return out;
  }

  @Test
  void commandsAndAclRoundTrip() {
    for (HciCommand c :
        List.of(
            new HciCommand(HciCommand.RESET, Bytes.EMPTY),
            HciCommand.of(0x01, 0x006, Bytes.fromHex("40 00 13")),
            new HciCommand(0xffff, Bytes.copyOf(new byte[255])))) {
      assertEquals(c, HciCodec.decodeCommand(HciCodec.encodeCommand(c)));
    }
    for (AclData a :
        List.of(
            new AclData(
                0x40, AclData.PB_FIRST_NON_FLUSHABLE, 0, Bytes.fromHex("03 00 04 00 0a 03 00")),
            new AclData(0xfff, AclData.PB_CONTINUING, 3, Bytes.EMPTY),
            new AclData(1, AclData.PB_FIRST_FLUSHABLE, 0, Bytes.copyOf(new byte[70000 - 4466])),
            new AclData(2, AclData.PB_COMPLETE, 1, Bytes.of(1)))) {
      assertEquals(a, HciCodec.decodeAcl(HciCodec.encodeAcl(a)));
    }
  }

  /** Disconnect (OGF 0x01, OCF 0x006) has opcode 0x0406 (Vol 4 Part E §7.1.6). */
  @Test
  void opcodeSplitsIntoOgfAndOcf() {
    HciCommand c = HciCodec.decodeCommand(Bytes.fromHex("06 04 03 40 00 13"));
    assertEquals(HciCommand.DISCONNECT, c.opcode());
    assertEquals(0x01, c.ogf());
    assertEquals(0x006, c.ocf());
    assertEquals(Bytes.fromHex("40 00 13"), c.parameters());
  }

  /** Vol 4 Part E §7.7.5: code 0x05, plen 4, status, handle LE, reason. */
  @Test
  void disconnectionCompleteFromSpecLayout() {
    HciEvent e = HciCodec.decodeEvent(Bytes.fromHex("05 04 00 40 00 13"));
    HciEvent.DisconnectionComplete d = assertInstanceOf(HciEvent.DisconnectionComplete.class, e);
    assertEquals(0x0040, d.handle());
    assertEquals(0x13, d.reason());
    assertEquals(HciErrorCode.REMOTE_USER_TERMINATED_CONNECTION, d.reasonName().orElseThrow());
  }

  /** Vol 4 Part E §7.7.65.1, the peer address little-endian on the wire. */
  @Test
  void leConnectionCompleteFromSpecLayout() {
    HciEvent e =
        HciCodec.decodeEvent(
            Bytes.fromHex("3e 13 01 00 40 00 01 00 01 00 01 01 aa 00 18 00 00 00 2a 00 00"));
    HciEvent.LeConnectionComplete c = assertInstanceOf(HciEvent.LeConnectionComplete.class, e);
    assertEquals(0x40, c.handle());
    assertEquals(1, c.role());
    assertEquals("00:AA:01:01:00:01", c.peerAddress().toString());
    assertEquals(24, c.interval());
    assertEquals(42, c.supervisionTimeout());
  }

  /** Handles are 12 bits: the reserved top bits of the field are not part of the handle. */
  @Test
  void reservedHandleBitsAreDropped() {
    HciEvent e = HciCodec.decodeEvent(Bytes.fromHex("05 04 00 40 f0 16"));
    assertEquals(0x040, ((HciEvent.DisconnectionComplete) e).handle());
  }

  @Test
  void unknownCodesDecodeToUnknownValues() {
    assertEquals(
        new HciEvent.Unknown(0x57, Bytes.of(1, 2)),
        HciCodec.decodeEvent(Bytes.fromHex("57 02 01 02")));
    assertEquals(
        new HciEvent.LeUnknown(0x0d, Bytes.of(9)),
        HciCodec.decodeEvent(Bytes.fromHex("3e 02 0d 09")));
  }

  @Test
  void extraTrailingParametersAreIgnored() {
    HciEvent e = HciCodec.decodeEvent(Bytes.fromHex("05 05 00 40 00 13 99"));
    assertEquals(new HciEvent.DisconnectionComplete(0, 0x40, 0x13), e);
  }

  @Test
  void shortKnownEventNamesTheMissingFieldAndItsOffset() {
    HciFormatException e =
        assertThrows(
            HciFormatException.class, () -> HciCodec.decodeEvent(Bytes.fromHex("05 03 00 40 00")));
    assertEquals(5, e.offset());
    assertTrue(e.getMessage().contains("reason"), e.getMessage());
  }

  @Test
  void lengthMismatchIsReportedAtThePlenByte() {
    HciFormatException e =
        assertThrows(
            HciFormatException.class, () -> HciCodec.decodeEvent(Bytes.fromHex("05 04 00 40")));
    assertEquals(2, e.offset());
    HciFormatException c =
        assertThrows(
            HciFormatException.class, () -> HciCodec.decodeCommand(Bytes.fromHex("03 0c 00 ff")));
    assertEquals(3, c.offset());
    assertThrows(
        HciFormatException.class, () -> HciCodec.decodeAcl(Bytes.fromHex("40 20 05 00 01")));
  }

  @Test
  void errorCodesCarryTheSpecNames() {
    assertEquals("Connection Timeout", HciErrorCode.of(0x08).orElseThrow().specName());
    assertEquals(
        "Connection Terminated By Local Host", HciErrorCode.of(0x16).orElseThrow().specName());
    assertEquals(
        "LMP Response Timeout / LL Response Timeout",
        HciErrorCode.of(0x22).orElseThrow().specName());
    assertEquals(
        "Unacceptable Connection Parameters", HciErrorCode.of(0x3b).orElseThrow().specName());
    assertEquals(
        "Connection Terminated due to MIC Failure", HciErrorCode.of(0x3d).orElseThrow().specName());
    assertEquals("Remote User Terminated Connection (0x13)", HciErrorCode.describe(0x13));
    assertEquals("0x2b", HciErrorCode.describe(0x2b));
    for (HciErrorCode c : HciErrorCode.values()) {
      assertEquals(c, HciErrorCode.of(c.code()).orElseThrow());
    }
  }

  @Test
  void unknownValuesRefuseCodesThatHaveARecord() {
    assertThrows(IllegalArgumentException.class, () -> new HciEvent.Unknown(0x05, Bytes.EMPTY));
    assertThrows(IllegalArgumentException.class, () -> new HciEvent.LeUnknown(0x01, Bytes.EMPTY));
  }
}
