package dev.hogrig.hci;

import dev.hogrig.util.Bytes;

/**
 * An HCI command packet (Core v5.4 Vol 4 Part E §5.4.1). Parameters are kept raw: the rig reads
 * what the host asked for from the matching {@link HciEvent.CommandComplete} or {@link
 * HciEvent.CommandStatus}.
 *
 * <pre>
 *  0       1       2       3
 * +-------+-------+-------+------------------
 * | opcode (LE)   | plen  | parameters (plen)
 * +-------+-------+-------+------------------
 * opcode = OGF (6 high bits) << 10 | OCF (10 low bits)
 * </pre>
 *
 * @param opcode the 16-bit opcode
 * @param parameters up to 255 bytes
 */
public record HciCommand(int opcode, Bytes parameters) implements HciPacket {
  /** HCI_Reset (OGF 0x03, OCF 0x0003), Vol 4 Part E §7.3.2. */
  public static final int RESET = 0x0c03;

  /** HCI_Disconnect (OGF 0x01, OCF 0x0006), Vol 4 Part E §7.1.6. */
  public static final int DISCONNECT = 0x0406;

  public HciCommand {
    if (opcode < 0 || opcode > 0xffff) {
      throw new IllegalArgumentException("opcode is 16-bit: " + opcode);
    }
    if (parameters.size() > 255) {
      throw new IllegalArgumentException("command parameters exceed 255 bytes");
    }
  }

  public static HciCommand of(int ogf, int ocf, Bytes parameters) {
    return new HciCommand(opcode(ogf, ocf), parameters);
  }

  public static int opcode(int ogf, int ocf) {
    if (ogf < 0 || ogf > 0x3f || ocf < 0 || ocf > 0x3ff) {
      throw new IllegalArgumentException("OGF is 6 bits, OCF 10: " + ogf + ", " + ocf);
    }
    return (ogf << 10) | ocf;
  }

  /** Opcode Group Field. */
  public int ogf() {
    return opcode >>> 10;
  }

  /** Opcode Command Field. */
  public int ocf() {
    return opcode & 0x3ff;
  }

  @Override
  public String toString() {
    return String.format(
        "HciCommand[0x%04x (OGF 0x%02x, OCF 0x%03x) %s]", opcode, ogf(), ocf(), parameters);
  }
}
