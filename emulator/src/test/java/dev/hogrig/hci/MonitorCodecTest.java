package dev.hogrig.hci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.hogrig.util.Bytes;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MonitorCodecTest {
  static List<MonitorPacket> samples() {
    return List.of(
        new MonitorPacket.NewIndex(0, 0, BdAddr.parse("00:AA:01:00:00:00"), "hci0"),
        new MonitorPacket.NewIndex(0xff, 1, new BdAddr(0), ""),
        new MonitorPacket.NewIndex(1, 2, new BdAddr(0xffff_ffff_ffffL), "12345678"),
        new MonitorPacket.IndexInfo(BdAddr.parse("00:AA:01:02:00:02"), 1521),
        new MonitorPacket.SystemNote("Linux version 6.1.0-56-amd64 (x86_64)"),
        new MonitorPacket.SystemNote(""),
        new MonitorPacket.Other(MonitorOpcode.OPEN_INDEX.code(), Bytes.EMPTY),
        new MonitorPacket.Other(MonitorOpcode.CTRL_OPEN.code(), Bytes.of(1, 2, 3)),
        new MonitorPacket.Other(0xffff, Bytes.of(0)),
        new MonitorPacket.Malformed(MonitorOpcode.EVENT_PKT.code(), Bytes.of(5), "x"));
  }

  @Test
  void everyMonitorPacketRoundTrips() {
    Set<Class<?>> seen = new HashSet<>();
    for (MonitorPacket p : samples()) {
      TracePacket back =
          MonitorCodec.decode(MonitorCodec.opcode(p, Direction.NONE), MonitorCodec.encode(p));
      if (p instanceof MonitorPacket.Malformed m) {
        MonitorPacket.Malformed b = assertInstanceOf(MonitorPacket.Malformed.class, back);
        assertEquals(m.data(), b.data());
        assertEquals(m.opcode(), b.opcode());
      } else {
        assertEquals(p, back);
      }
      seen.add(p.getClass());
    }
    assertEquals(HciCodecTest.leaves(MonitorPacket.class), seen);
  }

  /** Bytes of the lab's first New Index record: type 0, bus 0, address 0, name "hci0". */
  @Test
  void newIndexFromTheLabCapture() {
    TracePacket p =
        MonitorCodec.decode(0, Bytes.fromHex("00 00 00 00 00 00 00 00 68 63 69 30 00 00 00 00"));
    assertEquals(new MonitorPacket.NewIndex(0, 0, new BdAddr(0), "hci0"), p);
  }

  @Test
  void aclDirectionPicksTheOpcode() {
    AclData a = new AclData(0x40, 2, 0, Bytes.of(1, 0, 4, 0, 0x1e));
    assertEquals(4, MonitorCodec.opcode(a, Direction.TO_CONTROLLER));
    assertEquals(5, MonitorCodec.opcode(a, Direction.FROM_CONTROLLER));
    assertEquals(Direction.FROM_CONTROLLER, MonitorCodec.direction(5));
    assertEquals(Direction.TO_CONTROLLER, MonitorCodec.direction(2));
    assertEquals(Direction.NONE, MonitorCodec.direction(12));
  }

  @Test
  void badHciBytesBecomeMalformedNotAnException() {
    TracePacket p = MonitorCodec.decode(3, Bytes.fromHex("05 04 00"));
    MonitorPacket.Malformed m = assertInstanceOf(MonitorPacket.Malformed.class, p);
    assertEquals(Bytes.fromHex("05 04 00"), m.data());
  }
}
