package dev.hogrig.controller.ll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogrig.util.Bytes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forum case (field.md case 2, modelled) captured to pcap and read back by an independent
 * parser of the LINKTYPE_BLUETOOTH_LE_LL_WITH_PHDR layout (tcpdump.org linktypes page): 10-octet
 * pseudo-header, access address, PDU, CRC. tshark is not installed on this machine, so the file is
 * not checked with Wireshark here.
 */
class LlPcapWriterTest {
  record Packet(int rfChannel, int flags, long refAa, long aa, Bytes pdu, Bytes crc) {}

  static List<Packet> read(Path file) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(0xa1b2c3d4, b.getInt());
    assertEquals(2, b.getShort());
    assertEquals(4, b.getShort());
    b.getInt();
    b.getInt();
    b.getInt();
    assertEquals(256, b.getInt(), "link type LINKTYPE_BLUETOOTH_LE_LL_WITH_PHDR");
    List<Packet> out = new ArrayList<>();
    while (b.hasRemaining()) {
      b.getInt();
      b.getInt();
      int incl = b.getInt();
      assertEquals(incl, b.getInt());
      byte[] rec = new byte[incl];
      b.get(rec);
      ByteBuffer r = ByteBuffer.wrap(rec).order(ByteOrder.LITTLE_ENDIAN);
      int ch = r.get() & 0xff;
      r.get();
      r.get();
      r.get();
      long ref = r.getInt() & 0xffffffffL;
      int flags = r.getShort() & 0xffff;
      long aa = r.getInt() & 0xffffffffL;
      Bytes pdu = Bytes.copyOf(rec, 14, incl - 14 - 3);
      Bytes crc = Bytes.copyOf(rec, incl - 3, 3);
      out.add(new Packet(ch, flags, ref, aa, pdu, crc));
    }
    return out;
  }

  @Test
  void forumCaseCaptureDecodes(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("forum-case.pcap");
    VirtualLlScheduler clock = new VirtualLlScheduler();
    Recorder c = new Recorder(clock);
    Recorder p = new Recorder(clock);
    AdvPdu.ConnectInd connect = LinkPair.connectInd(24, 0, 42, 0x50654C4BL, 0x123456);
    try (LlPcapWriter w = LlPcapWriter.create(file)) {
      LinkPair pair =
          LinkPair.connect(
              clock,
              connect,
              Personas.forumHostModel(1000),
              c,
              Personas.olderSdkNoChannelClassification(),
              p,
              Optional.of(w));
      pair.peripheral().readRemoteVersion();
      clock.runFor(5_000_000);
    }
    List<Packet> packets = read(file);
    Packet first = packets.get(0);
    assertEquals(0, first.rfChannel(), "advertising channel 37 is RF channel 0");
    assertEquals(0x8E89BED6L, first.aa());
    assertEquals(connect, AdvPdu.decode(first.pdu()));
    assertEquals(BleCrc.compute(0x555555, first.pdu()), first.crc());

    boolean sawVersion = false;
    boolean sawUnknownRsp = false;
    for (Packet k : packets.subList(1, packets.size())) {
      assertEquals(0x50654C4BL, k.aa());
      assertEquals(BleCrc.compute(0x123456, k.pdu()), k.crc());
      int direction = (k.flags() >> 7) & 7;
      assertTrue(direction == 2 || direction == 3, "data PDU direction bits");
      DataPdu d = DataPdu.decode(k.pdu());
      if (d.llid() == DataPdu.LLID_CONTROL) {
        LlControlPdu ctl = LlControlPdu.decode(d.payload());
        sawVersion |= ctl.opcode() == LlControlPdu.VERSION_IND;
        sawUnknownRsp |= ctl.equals(new LlControlPdu.UnknownRsp(0x28)) && direction == 3;
      }
    }
    assertTrue(sawVersion, "LL_VERSION_IND captured");
    assertTrue(sawUnknownRsp, "LL_UNKNOWN_RSP(0x28) captured from the peripheral");
    assertEquals(0x13, p.disconnectReason);
    System.out.println(
        "forum-case capture: " + packets.size() + " packets, " + Files.size(file) + " octets");
  }
}
