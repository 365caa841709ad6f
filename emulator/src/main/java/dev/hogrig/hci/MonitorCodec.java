package dev.hogrig.hci;

import com.google.common.collect.ImmutableSet;
import dev.hogrig.util.Bytes;
import java.nio.charset.StandardCharsets;

/**
 * Turns the data of a monitor record into a {@link TracePacket} and back. Stateless. HCI packets
 * whose bytes do not decode become {@link MonitorPacket.Malformed} (never an exception), so a trace
 * with one damaged packet still reads.
 */
public final class MonitorCodec {
  static final ImmutableSet<Integer> DECODED =
      ImmutableSet.of(
          MonitorOpcode.NEW_INDEX.code(),
          MonitorOpcode.COMMAND_PKT.code(),
          MonitorOpcode.EVENT_PKT.code(),
          MonitorOpcode.ACL_TX_PKT.code(),
          MonitorOpcode.ACL_RX_PKT.code(),
          MonitorOpcode.INDEX_INFO.code(),
          MonitorOpcode.SYSTEM_NOTE.code());

  private MonitorCodec() {}

  public static TracePacket decode(int opcode, Bytes data) {
    try {
      switch (opcode) {
        case 0: // NEW_INDEX
          return decodeNewIndex(data);
        case 2:
          return HciCodec.decodeCommand(data);
        case 3:
          return HciCodec.decodeEvent(data);
        case 4:
        case 5:
          return HciCodec.decodeAcl(data);
        case 10: // INDEX_INFO
          {
            Wire w = new Wire(data, "Index Info");
            MonitorPacket.IndexInfo info =
                new MonitorPacket.IndexInfo(w.addr("address"), w.u16("manufacturer"));
            if (w.remaining() != 0) {
              throw new HciFormatException(w.position(), "Index Info: trailing bytes");
            }
            return info;
          }
        case 12: // SYSTEM_NOTE
          {
            byte[] b = data.toArray();
            int len = b.length;
            if (len > 0 && b[len - 1] == 0) {
              len--;
            }
            return new MonitorPacket.SystemNote(new String(b, 0, len, StandardCharsets.UTF_8));
          }
        default:
          return new MonitorPacket.Other(opcode, data);
      }
    } catch (HciFormatException e) {
      return new MonitorPacket.Malformed(opcode, data, e.getMessage());
    }
  }

  private static MonitorPacket.NewIndex decodeNewIndex(Bytes data) {
    Wire w = new Wire(data, "New Index");
    int type = w.u8("type");
    int bus = w.u8("bus");
    BdAddr addr = w.addr("address");
    Bytes name = w.bytes(8, "name");
    if (w.remaining() != 0) {
      throw new HciFormatException(w.position(), "New Index: trailing bytes");
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8 && name.get(i) != 0; i++) {
      if (name.get(i) >= 0x80) {
        throw new HciFormatException(10 + i, "New Index: name is not ASCII");
      }
      sb.append((char) name.get(i));
    }
    return new MonitorPacket.NewIndex(type, bus, addr, sb.toString());
  }

  /**
   * The monitor opcode for a packet: ACL needs the direction (TX to the controller, RX from it).
   */
  public static int opcode(TracePacket p, Direction d) {
    if (p instanceof HciCommand) {
      return MonitorOpcode.COMMAND_PKT.code();
    } else if (p instanceof HciEvent) {
      return MonitorOpcode.EVENT_PKT.code();
    } else if (p instanceof AclData) {
      if (d == Direction.NONE) {
        throw new IllegalArgumentException("ACL data needs a direction");
      }
      return d == Direction.TO_CONTROLLER
          ? MonitorOpcode.ACL_TX_PKT.code()
          : MonitorOpcode.ACL_RX_PKT.code();
    } else if (p instanceof MonitorPacket.NewIndex) {
      return MonitorOpcode.NEW_INDEX.code();
    } else if (p instanceof MonitorPacket.IndexInfo) {
      return MonitorOpcode.INDEX_INFO.code();
    } else if (p instanceof MonitorPacket.SystemNote) {
      return MonitorOpcode.SYSTEM_NOTE.code();
    } else if (p instanceof MonitorPacket.Other o) {
      return o.opcode();
    } else if (p instanceof MonitorPacket.Malformed m) {
      return m.opcode();
    }
    throw new IllegalArgumentException("no opcode for " + p);
  }

  /** The record data of a packet. */
  public static Bytes encode(TracePacket p) {
    if (p instanceof HciCommand c) {
      return HciCodec.encodeCommand(c);
    } else if (p instanceof HciEvent e) {
      return HciCodec.encodeEvent(e);
    } else if (p instanceof AclData a) {
      return HciCodec.encodeAcl(a);
    } else if (p instanceof MonitorPacket.NewIndex n) {
      byte[] name = new byte[8];
      byte[] ascii = n.name().getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(ascii, 0, name, 0, ascii.length);
      return new Wire.Out()
          .u8(n.type())
          .u8(n.bus())
          .addr(n.address())
          .bytes(Bytes.copyOf(name))
          .build();
    } else if (p instanceof MonitorPacket.IndexInfo i) {
      return new Wire.Out().addr(i.address()).u16(i.manufacturer()).build();
    } else if (p instanceof MonitorPacket.SystemNote s) {
      return Bytes.copyOf(s.text().getBytes(StandardCharsets.UTF_8)).concat(Bytes.of(0));
    } else if (p instanceof MonitorPacket.Other o) {
      return o.data();
    } else if (p instanceof MonitorPacket.Malformed m) {
      return m.data();
    }
    throw new IllegalArgumentException("no encoder for " + p);
  }

  /** The direction a monitor opcode implies. */
  public static Direction direction(int opcode) {
    switch (opcode) {
      case 2: // command
      case 4: // ACL TX
      case 6: // SCO TX
      case 18: // ISO TX
        return Direction.TO_CONTROLLER;
      case 3: // event
      case 5: // ACL RX
      case 7: // SCO RX
      case 19: // ISO RX
        return Direction.FROM_CONTROLLER;
      default:
        return Direction.NONE;
    }
  }
}
