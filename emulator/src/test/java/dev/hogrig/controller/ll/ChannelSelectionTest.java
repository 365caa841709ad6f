package dev.hogrig.controller.ll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Channel Selection Algorithm #1, worked by hand from Core 5.4 Vol 6 Part B §4.5.8.2. */
class ChannelSelectionTest {
  @Test
  void allChannelsUsedHopsByTheIncrementModulo37() {
    ChannelSelection csa = new ChannelSelection(7, 0x1F_FFFF_FFFFL);
    int[] expected = {7, 14, 21, 28, 35, 5, 12};
    for (int e : expected) {
      assertEquals(e, csa.next());
    }
  }

  @Test
  void unusedChannelsAreRemappedByIndexModuloTheUsedCount() {
    // Used: 0..7 (8 channels). 7 used; 14 → 14 mod 8 = 6; 21 → 5; 28 → 4; 35 → 3; 5 used.
    ChannelSelection csa = new ChannelSelection(7, 0xFFL);
    int[] expected = {7, 6, 5, 4, 3, 5};
    for (int e : expected) {
      assertEquals(e, csa.next());
    }
  }

  @Test
  void rfChannels() {
    // Vol 6 Part A §2, Table 2.1 (RF channel = (f - 2402 MHz) / 2).
    assertEquals(1, ChannelSelection.rfChannel(0));
    assertEquals(11, ChannelSelection.rfChannel(10));
    assertEquals(13, ChannelSelection.rfChannel(11));
    assertEquals(38, ChannelSelection.rfChannel(36));
    assertEquals(0, ChannelSelection.rfChannel(37));
    assertEquals(12, ChannelSelection.rfChannel(38));
    assertEquals(39, ChannelSelection.rfChannel(39));
  }

  @Test
  void impossibleSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ChannelSelection(4, 0xFFL));
    assertThrows(IllegalArgumentException.class, () -> new ChannelSelection(7, 0x1L));
  }

  @Test
  void algorithm2SampleDataWithAllChannels() {
    // Core 5.4 Vol 6 Part C §3.1 sample data 1: Access Address 0x8E89BED6, channel identifier
    // 0x305F, 37 used channels; counters 0..3 give prn_e 56857, 1685 and channels 25, 20, 6, 21.
    ChannelSelection2 csa = new ChannelSelection2(0x8E89BED6L, 0x1F_FFFF_FFFFL);
    assertEquals(0x305F, csa.channelIdentifier());
    assertEquals(56857, csa.prnE(0));
    assertEquals(1685, csa.prnE(1));
    assertEquals(25, csa.channel(0));
    assertEquals(20, csa.channel(1));
    assertEquals(6, csa.channel(2));
    assertEquals(21, csa.channel(3));
  }

  @Test
  void algorithm2SampleDataWithNineChannels() {
    // Vol 6 Part C §3.1 sample data 2: used channels 9, 10, 21, 22, 23, 33, 34, 35, 36;
    // counters 6, 7, 8 give channels 23, 9, 34.
    long map = 0;
    for (int ch : new int[] {9, 10, 21, 22, 23, 33, 34, 35, 36}) {
      map |= 1L << ch;
    }
    ChannelSelection2 csa = new ChannelSelection2(0x8E89BED6L, map);
    assertEquals(23, csa.channel(6));
    assertEquals(9, csa.channel(7));
    assertEquals(34, csa.channel(8));
  }
}
