package dev.hogrig.hci;

import dev.hogrig.util.Bytes;

/**
 * Records of a monitor capture that are not HCI packets: what the kernel's monitor channel says
 * about controllers and the system (BlueZ {@code doc/btsnoop.txt}, {@code monitor/} and the
 * kernel's {@code net/bluetooth/hci_sock.c}). Opcodes without a record of their own (Delete, Open
 * and Close Index, user logging, control channel, SCO and ISO data, vendor diagnostics) are kept as
 * {@link Other}.
 */
public sealed interface MonitorPacket extends TracePacket {
  /**
   * New Index (opcode 0): a controller was registered, or, when btmon starts, already exists (the
   * kernel replays one per existing controller when the monitor socket binds).
   *
   * <pre>
   * type(1) bus(1) bd_addr(6, LE) name(8, NUL-padded ASCII, e.g. "hci0")
   * </pre>
   */
  record NewIndex(int type, int bus, BdAddr address, String name) implements MonitorPacket {
    public NewIndex {
      if (name.length() > 8 || !name.chars().allMatch(c -> c > 0 && c < 0x80)) {
        throw new IllegalArgumentException("name is up to 8 ASCII characters: " + name);
      }
    }
  }

  /**
   * Index Info (opcode 10): {@code bd_addr(6, LE) manufacturer(2)}, sent once the address is known.
   */
  record IndexInfo(BdAddr address, int manufacturer) implements MonitorPacket {}

  /** System Note (opcode 12): NUL-terminated text such as {@code "Linux version 6.1.0-..."}. */
  record SystemNote(String text) implements MonitorPacket {}

  /** Any other record, with its opcode and raw data. */
  record Other(int opcode, Bytes data) implements MonitorPacket {
    public Other {
      if (MonitorCodec.DECODED.contains(opcode) || opcode < 0 || opcode > 0xffff) {
        throw new IllegalArgumentException("opcode " + opcode + " has its own record");
      }
    }
  }

  /**
   * A record whose opcode says HCI command, event or ACL data but whose bytes do not hold one. Kept
   * (not thrown) so one bad packet does not hide the rest of a capture.
   */
  record Malformed(int opcode, Bytes data, String problem) implements MonitorPacket {}
}
