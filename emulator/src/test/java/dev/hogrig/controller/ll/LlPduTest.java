package dev.hogrig.controller.ll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.hogrig.hci.BdAddr;
import dev.hogrig.util.Bytes;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Link-layer PDU codecs. Expected octets are written by hand from the field layouts of Core 5.4 Vol
 * 6 Part B (section per test), little-endian per §1.2; the ADV_IND comes from a real capture
 * printed in scapy's documentation (doc/scapy/layers/bluetooth.rst).
 */
class LlPduTest {
  static final BdAddr INIT = BdAddr.parse("00:AA:01:00:00:01");
  static final BdAddr ADV = BdAddr.parse("00:AA:01:01:00:02");

  @Test
  void versionInd() {
    // §2.4.2.13: Opcode 0x0C, VersNr, CompId (2), SubVersNr (2).
    LlControlPdu v = new LlControlPdu.VersionInd(0x0D, 0x0002, 0x1234);
    assertEquals(Bytes.fromHex("0c 0d 02 00 34 12"), v.encode());
    assertEquals(v, LlControlPdu.decode(Bytes.fromHex("0c 0d 02 00 34 12")));
  }

  @Test
  void unknownRspForChannelReporting() {
    // §2.4.2.7: Opcode 0x07, UnknownType = the opcode not understood (0x28, §2.4.2.41).
    assertEquals(Bytes.fromHex("07 28"), new LlControlPdu.UnknownRsp(0x28).encode());
    assertEquals(
        Bytes.fromHex("28 01 05 05"), new LlControlPdu.ChannelReportingInd(1, 5, 5).encode());
  }

  @Test
  void connectionUpdateInd() {
    // §2.4.2.1: WinSize 1, WinOffset 0, Interval 24 (30 ms), Latency 0, Timeout 42, Instant 0x0106.
    assertEquals(
        Bytes.fromHex("00 01 0000 1800 0000 2a00 0601"),
        new LlControlPdu.ConnectionUpdateInd(1, 0, 24, 0, 42, 0x0106).encode());
  }

  @Test
  void lengthReqAndRejectExt() {
    // §2.4.2.21: four 16-bit fields, 251 octets = 0x00FB, 2120 µs = 0x0848.
    assertEquals(
        Bytes.fromHex("14 fb00 4808 fb00 4808"),
        new LlControlPdu.Length(LlControlPdu.LENGTH_REQ, 251, 2120, 251, 2120).encode());
    // §2.4.2.18: RejectOpcode, ErrorCode (0x06 PIN or Key Missing).
    assertEquals(Bytes.fromHex("11 03 06"), new LlControlPdu.RejectExtInd(0x03, 0x06).encode());
    assertEquals(Bytes.fromHex("02 13"), new LlControlPdu.TerminateInd(0x13).encode());
  }

  @Test
  void dataPduHeaderBits() {
    // §2.4: LLID bits 0-1, NESN bit 2, SN bit 3, MD bit 4, CP bit 5; 0b11 | NESN | MD = 0x17.
    DataPdu d = new DataPdu(DataPdu.LLID_CONTROL, true, false, true, -1, Bytes.fromHex("07 28"));
    assertEquals(Bytes.fromHex("17 02 07 28"), d.encode());
    assertEquals(d, DataPdu.decode(Bytes.fromHex("17 02 07 28")));
    // An empty PDU: LLID 0b01, Length 0, SN 1 → 0x09.
    assertEquals(Bytes.fromHex("09 00"), DataPdu.empty(false, true, false).encode());
  }

  @Test
  void advIndFromARealCapture() {
    // scapy docs: "d6be898e 40 24 320cfb574d5a 0201 1a 1aff4c00..." → ADV_IND, TxAdd random,
    // AdvA 5a:4d:57:fb:0c:32, CRC b8f7d4.
    Bytes pdu =
        Bytes.fromHex(
            "4024320cfb574d5a02011a1aff4c000c0e009c6b8f40440f1583ec895148b410050318c0b525");
    AdvPdu a = AdvPdu.decode(pdu);
    AdvPdu.AdvInd ind = (AdvPdu.AdvInd) a;
    assertEquals(BdAddr.parse("5A:4D:57:FB:0C:32"), ind.advA());
    assertTrue(ind.header().txAddRandom());
    assertFalse(ind.header().rxAddRandom());
    assertEquals(30, ind.advData().size());
    assertEquals(pdu, a.encode());
  }

  @Test
  void connectInd() {
    // §2.3.3.1: header type 0b0101, Length 34; InitA, AdvA, then LLData (Figure 2.14).
    AdvPdu.ConnectInd c = LinkPair.connectInd(24, 0, 42, 0x50654C4BL, 0x123456);
    Bytes expected =
        Bytes.fromHex(
            "05 22"
                + " 01 00 00 01 aa 00" // InitA 00:AA:01:00:00:01
                + " 02 00 01 01 aa 00" // AdvA 00:AA:01:01:00:02
                + " 4b 4c 65 50" // AA
                + " 56 34 12" // CRCInit
                + " 02 0000 1800 0000 2a00" // WinSize, WinOffset, Interval, Latency, Timeout
                + " ff ff ff ff 1f" // ChM: all 37 data channels
                + " 07"); // Hop 7, SCA 0
    assertEquals(expected, c.encode());
    assertEquals(c, AdvPdu.decode(expected));
  }

  @Test
  void malformedPdusNameThePduOffsetAndField() {
    LlPduException e =
        assertThrows(
            LlPduException.class, () -> LlControlPdu.decode(Bytes.fromHex("0c 0d 02 00 34")));
    assertEquals("LL_VERSION_IND", e.pdu());
    assertEquals(1, e.offset());
    assertEquals("CtrData", e.field());

    e = assertThrows(LlPduException.class, () -> DataPdu.decode(Bytes.fromHex("02 05 01")));
    assertEquals("Length", e.field());
    assertEquals(1, e.offset());

    // A CONNECT_IND whose Length covers only 2 octets of CRCInit.
    Bytes shortConnect = Bytes.fromHex("05 12 010000 01aa00 020001 01aa00 4b4c6550 5634");
    e = assertThrows(LlPduException.class, () -> AdvPdu.decode(shortConnect));
    assertEquals("CONNECT_IND", e.pdu());
    assertEquals(18, e.offset());
    assertEquals("CRCInit", e.field());
    assertTrue(e.getMessage().contains("CONNECT_IND at offset 18, field CRCInit"));

    e = assertThrows(LlPduException.class, () -> DataPdu.decode(Bytes.fromHex("00 00")));
    assertEquals("LLID", e.field());
  }

  @Test
  void unknownOpcodesStillDecode() {
    // A link layer must answer any opcode it does not know (§2.4.2.7), so it must decode it.
    LlControlPdu o = LlControlPdu.decode(Bytes.fromHex("3f 01 02"));
    assertEquals(new LlControlPdu.Other(0x3F, Bytes.of(1, 2)), o);
    assertEquals("LL opcode 0x3F", LlControlPdu.name(0x3F));
    assertEquals("LL_CHANNEL_STATUS_IND", LlControlPdu.name(0x29));
  }

  @Property
  void everyControlPduRoundTrips(
      @ForAll @IntRange(min = 0, max = 0x29) int opcode, @ForAll("octets") byte[] random) {
    int len = LlControlPdu.ctrDataLength(opcode);
    byte[] pdu = new byte[1 + len];
    pdu[0] = (byte) opcode;
    for (int i = 0; i < len; i++) {
      pdu[1 + i] = random[i];
    }
    Bytes in = Bytes.copyOf(pdu);
    LlControlPdu decoded = LlControlPdu.decode(in);
    assertEquals(opcode, decoded.opcode());
    assertEquals(in, decoded.encode());
    assertEquals(decoded, LlControlPdu.decode(decoded.encode()));
  }

  @Provide
  Arbitrary<byte[]> octets() {
    return Arbitraries.bytes().array(byte[].class).ofSize(40);
  }

  @Property
  void dataPdusRoundTrip(
      @ForAll @IntRange(min = 1, max = 3) int llid,
      @ForAll boolean nesn,
      @ForAll boolean sn,
      @ForAll boolean md,
      @ForAll @IntRange(min = -1, max = 255) int cte,
      @ForAll("payloads") byte[] payload) {
    DataPdu d = new DataPdu(llid, nesn, sn, md, cte, Bytes.copyOf(payload));
    assertEquals(d, DataPdu.decode(d.encode()));
  }

  @Provide
  Arbitrary<byte[]> payloads() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(255);
  }

  @Property
  void connectIndRoundTrips(
      @ForAll long aa,
      @ForAll @IntRange(min = 0, max = 0xffffff) int crcInit,
      @ForAll @IntRange(min = 0, max = 0xffff) int interval,
      @ForAll @IntRange(min = 0, max = 31) int hop,
      @ForAll @IntRange(min = 0, max = 7) int sca,
      @ForAll boolean chSel) {
    AdvPdu.ConnectInd c =
        new AdvPdu.ConnectInd(
            new AdvPdu.AdvHeader(chSel, true, false),
            INIT,
            ADV,
            new LlData(
                aa & 0xffffffffL, crcInit, 3, 7, interval, 4, 500, aa & 0x1f_ffff_ffffL, hop, sca));
    assertEquals(c, AdvPdu.decode(c.encode()));
  }

  @Property
  void advertisingPdusRoundTrip(
      @ForAll @IntRange(min = 0, max = 31) int dataLen, @ForAll boolean tx, @ForAll boolean rx) {
    AdvPdu.AdvHeader h = new AdvPdu.AdvHeader(false, tx, rx);
    Bytes data = Bytes.copyOf(new byte[dataLen]);
    for (AdvPdu a :
        ImmutableList.<AdvPdu>of(
            new AdvPdu.AdvInd(h, ADV, data),
            new AdvPdu.AdvNonconnInd(h, ADV, data),
            new AdvPdu.AdvScanInd(h, ADV, data),
            new AdvPdu.ScanRsp(h, ADV, data),
            new AdvPdu.AdvDirectInd(h, ADV, INIT),
            new AdvPdu.ScanReq(h, INIT, ADV))) {
      assertEquals(a, AdvPdu.decode(a.encode()));
    }
  }
}
