package dev.hogrig.controller.ll;

import dev.hogrig.util.Bytes;

/**
 * One packet on the virtual air of a connection.
 *
 * @param startMicros when its first bit leaves the sender
 * @param endMicros when its last bit (the CRC) arrives
 * @param channelIndex the data channel index 0..36 (Channel Selection Algorithm #1)
 * @param mic the 4-octet MIC of a PDU sent on an encrypted link, else empty
 * @param crcOk false when a persona corrupts it: the receiver treats it as a CRC error
 */
public record AirPacket(
    long startMicros,
    long endMicros,
    int channelIndex,
    long accessAddress,
    int crcInit,
    LinkConnection.Role sender,
    DataPdu pdu,
    Bytes mic,
    boolean crcOk) {
  public boolean encrypted() {
    return !mic.isEmpty();
  }

  /**
   * Time on air of a data PDU (Core 5.4 Vol 6 Part B §2.1): preamble (1 octet on LE 1M, 2 on LE
   * 2M), access address 4, header 2, payload, MIC, CRC 3; 8 µs per octet on 1M, 4 µs on 2M. LE
   * Coded is approximated as 8 times LE 1M.
   */
  public static long airtimeMicros(int phy, int pduOctets) {
    return switch (phy) {
      case 2 -> (2 + 4 + 2 + pduOctets + 3) * 4L;
      case 3 -> (1 + 4 + 2 + pduOctets + 3) * 64L;
      default -> (1 + 4 + 2 + pduOctets + 3) * 8L;
    };
  }
}
