package dev.hogrig.hid;

import static dev.hogrig.hid.HidFixtures.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.hogrig.util.Bytes;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ItemsTest {

  @Test
  void shortItemsOfEachSizeKeepPrefixDataAndOffset() {
    // HID 1.11 §6.2.2.2: bSize 0,1,2,3 means 0,1,2,4 data bytes, little-endian.
    ImmutableList<Item> items =
        Items.parse(
            hex(
                """
                C0             ; End Collection           size 0, offset 0
                05 01          ; Usage Page (1)           size 1, offset 1
                26 FF 03       ; Logical Maximum (1023)   size 2, offset 3
                27 00 00 01 00 ; Logical Maximum (65536)  size 4, offset 6
                """));
    assertEquals(4, items.size());
    ShortItem end = (ShortItem) items.get(0);
    assertEquals(0, end.offset());
    assertEquals(Optional.of(ItemTag.END_COLLECTION), end.tag());
    assertEquals(0, end.size());
    ShortItem page = (ShortItem) items.get(1);
    assertEquals(1, page.offset());
    assertEquals(ItemType.GLOBAL, page.type());
    assertEquals(1, page.unsignedValue());
    ShortItem max2 = (ShortItem) items.get(2);
    assertEquals(3, max2.offset());
    assertEquals(2, max2.size());
    assertEquals(1023, max2.unsignedValue());
    ShortItem max4 = (ShortItem) items.get(3);
    assertEquals(6, max4.offset());
    assertEquals(4, max4.size());
    assertEquals(65536, max4.unsignedValue());
  }

  @Test
  void signedAndUnsignedReadingsOfTheSameBytes() {
    ShortItem one = (ShortItem) Items.parse(hex("25 FF")).get(0);
    assertEquals(255, one.unsignedValue());
    assertEquals(-1, one.signedValue());
    ShortItem two = (ShortItem) Items.parse(hex("16 01 80")).get(0); // Logical Minimum
    assertEquals(0x8001, two.unsignedValue());
    assertEquals(-32767, two.signedValue());
    ShortItem four = (ShortItem) Items.parse(hex("27 FF FF FF FF")).get(0);
    assertEquals(0xFFFFFFFFL, four.unsignedValue());
    assertEquals(-1, four.signedValue());
  }

  @Test
  void fourByteUsageIsAnExtendedUsage() {
    // HID 1.11 §6.2.2.8: a 4-byte Usage holds the page in the high 16 bits.
    ShortItem u = (ShortItem) Items.parse(hex("0B 30 00 01 00 ; Usage (Generic Desktop X)")).get(0);
    assertEquals(Optional.of(ItemTag.USAGE), u.tag());
    assertEquals(Usages.X, Usage.ofExtended(u.unsignedValue()));
  }

  @Test
  void longItemKeepsItsTagAndData() {
    // HID 1.11 §6.2.2.3: FE, bDataSize, bLongItemTag, data.
    ImmutableList<Item> items = Items.parse(hex("05 01 FE 02 F0 AA BB 09 02"));
    assertEquals(3, items.size());
    LongItem l = assertInstanceOf(LongItem.class, items.get(1));
    assertEquals(2, l.offset());
    assertEquals(0xF0, l.longTag());
    assertEquals(Bytes.fromHex("AA BB"), l.data());
    assertEquals(5, l.length());
    assertEquals(7, items.get(2).offset());
  }

  @Test
  void reservedTagIsAnItemWithoutTag() {
    // Global tag 0xF is reserved (prefix F4); type 3 is reserved (prefix 0C).
    ImmutableList<Item> items = Items.parse(hex("F5 12 0C"));
    assertEquals(Optional.empty(), ((ShortItem) items.get(0)).tag());
    assertEquals(ItemType.RESERVED, ((ShortItem) items.get(1)).type());
  }

  @Test
  void encodeGivesBackTheExactBytes() {
    // 25 01 and 26 01 00 are both Logical Maximum (1); both must survive.
    Bytes b = hex("25 01 26 01 00 FE 01 00 7F 0B 30 00 01 00 C0");
    assertEquals(b, Items.encode(Items.parse(b)));
    assertEquals(HidFixtures.BOOT_KEYBOARD, Items.encode(Items.parse(HidFixtures.BOOT_KEYBOARD)));
  }

  @Test
  void relocateRecomputesOffsets() {
    ImmutableList<Item> built =
        ImmutableList.of(
            ShortItem.of(ItemTag.USAGE_PAGE, 1, false),
            new LongItem(0, 1, Bytes.of(1, 2)),
            ShortItem.of(ItemTag.END_COLLECTION));
    ImmutableList<Item> placed = Items.relocate(built);
    assertEquals(0, placed.get(0).offset());
    assertEquals(2, placed.get(1).offset());
    assertEquals(7, placed.get(2).offset());
  }

  @Test
  void shortItemOfPicksTheMinimalSize() {
    assertEquals(hex("26 FF 00"), ShortItem.of(ItemTag.LOGICAL_MAXIMUM, 255, true).encoded());
    assertEquals(hex("25 FF"), ShortItem.of(ItemTag.LOGICAL_MAXIMUM, 255, false).encoded());
    assertEquals(hex("15 81"), ShortItem.of(ItemTag.LOGICAL_MINIMUM, -127, true).encoded());
    assertEquals(
        hex("17 00 00 FF FF"), ShortItem.of(ItemTag.LOGICAL_MINIMUM, -65536, true).encoded());
    assertEquals(hex("24"), ShortItem.of(ItemTag.LOGICAL_MAXIMUM, 0, true).encoded());
  }

  @Test
  void truncatedShortItemNamesItsOffset() {
    DescriptorFormatException e =
        assertThrows(
            DescriptorFormatException.class,
            () -> Items.parse(hex("05 01 26 FF ; Logical Maximum wants 2 bytes, 1 left")));
    assertEquals(2, e.offset());
    assertTrue(e.getMessage().startsWith("byte 2:"), e.getMessage());
    assertTrue(e.getMessage().contains("Logical Maximum"), e.getMessage());
    assertTrue(e.getMessage().contains("needs 2 data bytes, only 1 remain"), e.getMessage());

    DescriptorFormatException four =
        assertThrows(DescriptorFormatException.class, () -> Items.parse(hex("C0 0B 30 00")));
    assertEquals(1, four.offset());
  }

  @Test
  void truncatedLongItemNamesItsOffset() {
    DescriptorFormatException header =
        assertThrows(DescriptorFormatException.class, () -> Items.parse(hex("C0 FE 01")));
    assertEquals(1, header.offset());
    DescriptorFormatException data =
        assertThrows(DescriptorFormatException.class, () -> Items.parse(hex("FE 05 00 01 02")));
    assertEquals(0, data.offset());
    assertTrue(data.getMessage().contains("5 data bytes, only 2 remain"), data.getMessage());
  }

  @Test
  void emptyDescriptorHasNoItems() {
    assertTrue(Items.parse(Bytes.EMPTY).isEmpty());
  }
}
