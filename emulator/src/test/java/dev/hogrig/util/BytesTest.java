package dev.hogrig.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class BytesTest {

  @Test
  void parsesTheHexFormsPeopleCopyFromDescriptorDumps() {
    Bytes expected = Bytes.of(0x05, 0x01, 0x09, 0x02);
    assertEquals(expected, Bytes.fromHex("05 01 09 02"));
    assertEquals(expected, Bytes.fromHex("05010902"));
    assertEquals(expected, Bytes.fromHex("0x05, 0x01,\n0x09, 0x02,"));
    assertEquals(expected, Bytes.fromHex("05:01:09:02"));
  }

  @Test
  void printsLowercaseHexSeparatedBySingleSpaces() {
    assertEquals("05 01 a1 ff", Bytes.of(0x05, 0x01, 0xa1, 0xff).toHex());
    assertEquals("[05 01]", Bytes.of(5, 1).toString());
  }

  @Test
  void badHexNamesTheOffendingDigit() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Bytes.fromHex("05 0g"));
    assertTrue(e.getMessage().contains("'g'"), e.getMessage());
    assertTrue(e.getMessage().contains("hex digit 4"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Bytes.fromHex("05 1"));
  }

  @Test
  void isImmutableAndComparesByValue() {
    byte[] raw = {1, 2, 3};
    Bytes b = Bytes.copyOf(raw);
    raw[0] = 9;
    b.toArray()[1] = 9;
    assertEquals(Bytes.of(1, 2, 3), b);
    assertEquals(Bytes.of(1, 2, 3).hashCode(), b.hashCode());
    assertNotEquals(Bytes.of(1, 2), b);
  }

  @Test
  void getReturnsUnsignedValues() {
    assertEquals(0xff, Bytes.of(0xff).get(0));
    assertEquals(0x80, Bytes.of(-128).get(0));
  }

  @Property(tries = 200)
  void hexRoundTrips(@ForAll byte[] raw) {
    Bytes b = Bytes.copyOf(raw);
    assertEquals(b, Bytes.fromHex(b.toHex()));
  }

  @Property(tries = 200)
  void sliceAndConcatAreInverse(@ForAll byte[] raw, @ForAll int cut) {
    Bytes b = Bytes.copyOf(raw);
    int at = raw.length == 0 ? 0 : Math.floorMod(cut, raw.length + 1);
    assertEquals(b, b.slice(0, at).concat(b.slice(at, b.size())));
  }
}
