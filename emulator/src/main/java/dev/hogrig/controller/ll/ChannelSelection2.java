package dev.hogrig.controller.ll;

/**
 * Channel Selection Algorithm #2 (Core 5.4 Vol 6 Part B §4.5.8.3), used when both CONNECT_IND and
 * the advertising PDU set ChSel. The channel of an event is a function of the connection event
 * counter and the access address alone:
 *
 * <pre>
 * channelIdentifier = AA[31:16] XOR AA[15:0]
 * prn   = counter XOR channelIdentifier
 * 3 times: prn = MAM(PERM(prn), channelIdentifier)
 *          PERM: reverse the bit order inside each of the two octets
 *          MAM(a, b) = (17 * a + b) mod 2^16
 * prn_e = prn XOR channelIdentifier
 * unmappedChannel = prn_e mod 37; if it is used, that is the channel, else
 * remappingIndex = floor(numUsedChannels * prn_e / 2^16) into the used channels in order
 * </pre>
 */
public final class ChannelSelection2 {
  private final int channelIdentifier;
  private long channelMap;

  public ChannelSelection2(long accessAddress, long channelMap) {
    this.channelIdentifier = (int) (((accessAddress >>> 16) ^ accessAddress) & 0xffff);
    setChannelMap(channelMap);
  }

  public int channelIdentifier() {
    return channelIdentifier;
  }

  public void setChannelMap(long channelMap) {
    if (Long.bitCount(channelMap & 0x1f_ffff_ffffL) < 2) {
      throw new IllegalArgumentException("a channel map needs at least 2 used channels");
    }
    this.channelMap = channelMap & 0x1f_ffff_ffffL;
  }

  /** prn_e for a connection event counter. */
  public int prnE(int counter) {
    int prn = (counter ^ channelIdentifier) & 0xffff;
    for (int round = 0; round < 3; round++) {
      int perm =
          (Integer.reverse(prn & 0xff) >>> 24)
              | ((Integer.reverse((prn >>> 8) & 0xff) >>> 24) << 8);
      prn = (17 * perm + channelIdentifier) & 0xffff;
    }
    return prn ^ channelIdentifier;
  }

  /** The data channel index 0..36 of the event with this counter. */
  public int channel(int counter) {
    int e = prnE(counter);
    int unmapped = e % 37;
    if ((channelMap & (1L << unmapped)) != 0) {
      return unmapped;
    }
    int index = (int) ((Long.bitCount(channelMap) * (long) e) >>> 16);
    for (int ch = 0; ch < 37; ch++) {
      if ((channelMap & (1L << ch)) != 0 && index-- == 0) {
        return ch;
      }
    }
    throw new AssertionError("unreachable");
  }
}
