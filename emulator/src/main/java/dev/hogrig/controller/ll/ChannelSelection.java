package dev.hogrig.controller.ll;

/**
 * Channel Selection Algorithm #1 (Core 5.4 Vol 6 Part B §4.5.8.2): the data channel of each
 * connection event. Only the channel index sequence is modelled; there is no RF.
 *
 * <pre>
 * unmappedChannel = (lastUnmappedChannel + hopIncrement) mod 37
 * if unmappedChannel is used: channel = unmappedChannel
 * else: remappingIndex = unmappedChannel mod numUsedChannels
 *       channel = the remappingIndex-th used channel in ascending order
 * </pre>
 *
 * <p>lastUnmappedChannel starts at 0 for the first connection event.
 */
public final class ChannelSelection {
  private final int hopIncrement;
  private int lastUnmapped;
  private long channelMap;

  public ChannelSelection(int hopIncrement, long channelMap) {
    if (hopIncrement < 5 || hopIncrement > 16) {
      throw new IllegalArgumentException("hop increment must be 5..16, got " + hopIncrement);
    }
    this.hopIncrement = hopIncrement;
    setChannelMap(channelMap);
  }

  /** Takes effect for the next call of {@link #next} (the instant of a channel map update). */
  public void setChannelMap(long channelMap) {
    if (Long.bitCount(channelMap & 0x1f_ffff_ffffL) < 2) {
      throw new IllegalArgumentException("a channel map needs at least 2 used channels");
    }
    this.channelMap = channelMap & 0x1f_ffff_ffffL;
  }

  /** The data channel index 0..36 of the next connection event. */
  public int next() {
    int unmapped = (lastUnmapped + hopIncrement) % 37;
    lastUnmapped = unmapped;
    if ((channelMap & (1L << unmapped)) != 0) {
      return unmapped;
    }
    int index = unmapped % Long.bitCount(channelMap);
    for (int ch = 0; ch < 37; ch++) {
      if ((channelMap & (1L << ch)) != 0 && index-- == 0) {
        return ch;
      }
    }
    throw new AssertionError("unreachable");
  }

  /**
   * The RF channel (0..39, as in the pcap pseudo-header) of a data channel index (Vol 6 Part A §2,
   * Table 2.1): data 0..10 are RF 1..11, data 11..36 are RF 13..38; advertising 37, 38, 39 are RF
   * 0, 12, 39.
   */
  public static int rfChannel(int channelIndex) {
    if (channelIndex == 37) {
      return 0;
    }
    if (channelIndex == 38) {
      return 12;
    }
    if (channelIndex == 39) {
      return 39;
    }
    return channelIndex <= 10 ? channelIndex + 1 : channelIndex + 2;
  }
}
