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
}
