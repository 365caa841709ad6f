package dev.hogrig.hci;

import dev.hogrig.util.Bytes;

/**
 * An HCI ACL data packet (Core v5.4 Vol 4 Part E §5.4.2):
 *
 * <pre>
 *  0               2               4
 * +---------------+---------------+---------------------
 * | handle|PB|BC  | data length   | data (an L2CAP fragment)
 * +---------------+---------------+---------------------
 *  bits 0-11 handle, 12-13 Packet_Boundary, 14-15 Broadcast (all little-endian)
 * </pre>
 *
 * PB: 0b00 first non-automatically-flushable fragment (host to controller, what LE hosts send),
 * 0b01 continuing fragment, 0b10 first automatically-flushable fragment (what controllers deliver
 * on LE), 0b11 a complete L2CAP PDU (deprecated). {@link L2capReassembler} rebuilds the PDUs.
 */
public record AclData(int handle, int packetBoundary, int broadcast, Bytes data)
    implements HciPacket {
  public static final int PB_FIRST_NON_FLUSHABLE = 0b00;
  public static final int PB_CONTINUING = 0b01;
  public static final int PB_FIRST_FLUSHABLE = 0b10;
  public static final int PB_COMPLETE = 0b11;

  public AclData {
    if (handle < 0 || handle > 0xfff || packetBoundary < 0 || packetBoundary > 3) {
      throw new IllegalArgumentException(
          "handle 12 bits, PB 2 bits: " + handle + ", " + packetBoundary);
    }
    if (broadcast < 0 || broadcast > 3 || data.size() > 0xffff) {
      throw new IllegalArgumentException("BC 2 bits, data up to 65535 bytes");
    }
  }

  /** True when this packet starts an L2CAP PDU (PB 0b00, 0b10 or 0b11). */
  public boolean starts() {
    return packetBoundary != PB_CONTINUING;
  }
}
