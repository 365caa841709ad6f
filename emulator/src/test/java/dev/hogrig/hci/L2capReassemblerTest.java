package dev.hogrig.hci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogrig.util.Bytes;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class L2capReassemblerTest {
  /** A 7-byte ATT Read Response on CID 0x0004, cut into 3 fragments (Vol 3 Part A §7.2). */
  @Test
  void startAndContinuationFragmentsMakeOneFrame() {
    L2capFrame frame =
        new L2capFrame(0x40, L2capFrame.CID_ATT, Bytes.fromHex("0b 05 01 09 06 a1 01"));
    Bytes whole = frame.encode();
    assertEquals(Bytes.fromHex("07 00 04 00 0b 05 01 09 06 a1 01"), whole);
    L2capReassembler r = new L2capReassembler();
    assertTrue(
        r.accept(new AclData(0x40, AclData.PB_FIRST_FLUSHABLE, 0, whole.slice(0, 3))).isEmpty());
    assertTrue(r.accept(new AclData(0x40, AclData.PB_CONTINUING, 0, whole.slice(3, 6))).isEmpty());
    Optional<L2capFrame> got =
        r.accept(new AclData(0x40, AclData.PB_CONTINUING, 0, whole.slice(6, 11)));
    assertEquals(Optional.of(frame), got);
    assertEquals(0, r.dropped());
    assertEquals(0, r.pendingFrames());
  }

  @Test
  void handlesAreReassembledApart() {
    Bytes a = new L2capFrame(1, L2capFrame.CID_SMP, Bytes.fromHex("01 03 00 01 10 07 07")).encode();
    Bytes b =
        new L2capFrame(
                2,
                L2capFrame.CID_LE_SIGNALING,
                Bytes.fromHex("12 01 08 00 18 00 28 00 00 00 2a 00"))
            .encode();
    L2capReassembler r = new L2capReassembler();
    assertTrue(r.accept(new AclData(1, 0, 0, a.slice(0, 5))).isEmpty());
    assertTrue(r.accept(new AclData(2, 0, 0, b.slice(0, 2))).isEmpty());
    assertEquals(
        L2capFrame.CID_SMP,
        r.accept(new AclData(1, 1, 0, a.slice(5, a.size()))).orElseThrow().channelId());
    assertEquals(
        L2capFrame.CID_LE_SIGNALING,
        r.accept(new AclData(2, 1, 0, b.slice(2, b.size()))).orElseThrow().channelId());
  }

  @Test
  void orphanContinuationAndCutFramesAreCountedAsDropped() {
    L2capReassembler r = new L2capReassembler();
    assertTrue(r.accept(new AclData(1, AclData.PB_CONTINUING, 0, Bytes.of(1, 2))).isEmpty());
    assertEquals(1, r.dropped());
    r.accept(new AclData(1, AclData.PB_FIRST_NON_FLUSHABLE, 0, Bytes.fromHex("05 00 04 00 0b")));
    r.accept(new AclData(1, AclData.PB_FIRST_NON_FLUSHABLE, 0, Bytes.fromHex("01 00 04 00 1e")));
    assertEquals(2, r.dropped(), "a start before the previous frame was whole");
    r.accept(new AclData(1, AclData.PB_COMPLETE, 0, Bytes.fromHex("01 00 04 00 1e 1e")));
    assertEquals(3, r.dropped(), "more bytes than the header declared");
  }
}
