package dev.hogrig.controller.ll;

import dev.hogrig.util.Bytes;

/**
 * The 24-bit link-layer CRC (Core 5.4 Vol 6 Part B §3.1.1): polynomial x^24 + x^10 + x^9 + x^6 +
 * x^4 + x^3 + x + 1 over the PDU (header and payload, after the access address).
 *
 * <p>Bit order is the trap. The spec's LFSR (Figure 3.2) is preset with CRCInit so that position 0
 * holds the least significant bit of CRCInit and position 23 its most significant; PDU bits enter
 * least significant bit of each octet first, as they go on air; the CRC is sent starting from
 * position 23. This class runs the LFSR in the mirror image (a right-shifting register whose bit 23
 * is the spec's position 0, taps 0x5A6000 = the polynomial reflected), so the preset is CRCInit
 * with its bits reversed and the final register, written least significant octet first, is exactly
 * the three octets in the order they are transmitted, which is how sniffer captures
 * (LINKTYPE_BLUETOOTH_LE_LL_WITH_PHDR) store them.
 *
 * <p>Checked against advertising packets captured on air (BleCrcTest). Their CRCInit 0x555555 reads
 * the same with its bits reversed, so the data-channel case rests on the derivation above; it
 * agrees with Ubertooth's firmware, which keeps a "bits-reversed" CRCInit (0xAAAAAA for
 * advertising) for the same right-shifting register.
 */
public final class BleCrc {
  /** CRCInit of every advertising physical channel PDU (§3.1.1). */
  public static final int ADVERTISING_CRC_INIT = 0x555555;

  private BleCrc() {}

  /** The CRC of {@code pdu} as the three octets sent on air, first transmitted first. */
  public static Bytes compute(int crcInit, Bytes pdu) {
    int state = Integer.reverse(crcInit & 0xffffff) >>> 8;
    for (int i = 0; i < pdu.size(); i++) {
      int octet = pdu.get(i);
      for (int bit = 0; bit < 8; bit++) {
        int next = (state ^ octet) & 1;
        octet >>>= 1;
        state >>>= 1;
        if (next != 0) {
          state |= 1 << 23;
          state ^= 0x5A6000;
        }
      }
    }
    return Bytes.of(state & 0xff, (state >>> 8) & 0xff, (state >>> 16) & 0xff);
  }
}
