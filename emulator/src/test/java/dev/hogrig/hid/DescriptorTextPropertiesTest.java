package dev.hogrig.hid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hogrig.util.Bytes;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of the text form that users rely on when they edit and recompile descriptors. */
class DescriptorTextPropertiesTest {

  /**
   * Any item a descriptor can hold: every short prefix but 0xFE (defined and reserved tags, all
   * four sizes, so non-minimal encodings too) with random data, and long items.
   */
  @Provide
  Arbitrary<Item> items() {
    Arbitrary<Item> shortItems =
        Arbitraries.integers()
            .between(0, 0xff)
            .filter(p -> p != LongItem.PREFIX)
            .flatMap(
                prefix ->
                    Arbitraries.bytes()
                        .array(byte[].class)
                        .ofSize(ShortItem.dataSize(prefix))
                        .map(data -> (Item) new ShortItem(0, prefix, Bytes.copyOf(data))));
    // Defined tags with values near the interesting edges (0, 4-bit, sign bits) and with named
    // pages and usages (Generic Desktop, Button, Consumer, Digitizers) more often.
    Arbitrary<Item> edgy =
        Combinators.combine(
                Arbitraries.of(ItemTag.values()),
                Arbitraries.of(0, 1, 2, 4),
                Arbitraries.of(
                    0L,
                    1L,
                    7L,
                    8L,
                    15L,
                    16L,
                    0x7fL,
                    0x80L,
                    0xffL,
                    0x100L,
                    0x7fffL,
                    0x8000L,
                    0xffffL,
                    0x10000L,
                    0x7fffffffL,
                    0x80000000L,
                    0xffffffffL,
                    0x000c0238L))
            .as((tag, size, value) -> (Item) ShortItem.ofSize(tag, value, size));
    Arbitrary<Item> longItems =
        Combinators.combine(
                Arbitraries.integers().between(0, 0xff),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(20))
            .as((tag, data) -> (Item) new LongItem(0, tag, Bytes.copyOf(data)));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, shortItems),
        net.jqwik.api.Tuple.of(6, edgy),
        net.jqwik.api.Tuple.of(1, longItems));
  }

  @Provide
  Arbitrary<List<Item>> descriptors() {
    return items().list().ofMaxSize(60);
  }

  @Property(tries = 800)
  void bytesToTextToBytesIsExact(@ForAll("descriptors") List<Item> items) {
    Bytes bytes = Items.encode(items);
    String text = DescriptorText.decode(Items.parse(bytes));
    assertEquals(bytes, DescriptorText.compile(text), text);
  }

  /**
   * The description column alone means the same thing: compiling only the descriptions yields items
   * that decode to the same descriptions (the encoding may be smaller).
   */
  @Property(tries = 500)
  void descriptionsAloneCompileToTheSameDescriptions(@ForAll("descriptors") List<Item> items) {
    String text = DescriptorText.decode(Items.parse(Items.encode(items)));
    String humanOnly = descriptions(text);
    Bytes recompiled = DescriptorText.compile(humanOnly);
    assertEquals(humanOnly, descriptions(DescriptorText.decode(Items.parse(recompiled))), text);
  }

  private static String descriptions(String decoded) {
    StringBuilder b = new StringBuilder();
    for (String line : decoded.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      String d = line.substring(line.indexOf(" // ") + 4);
      b.append(d.replaceFirst("\\s+[0-9]+$", "").strip()).append('\n');
    }
    return b.toString();
  }

  @Provide
  Arbitrary<String> garbage() {
    Arbitrary<String> tokens =
        Arbitraries.of(
            "0x",
            "0x05,",
            "0xzz",
            "0x123,",
            "//",
            " // ",
            "#",
            "# ",
            "(",
            ")",
            ",",
            ":",
            ": ",
            "*",
            "-",
            "^",
            "⁻",
            "²",
            "¹",
            " ",
            "  ",
            "\n",
            "\t",
            "Usage",
            "Usage Page",
            "Input",
            "Collection",
            "End Collection",
            "Unit",
            "Unit Exponent",
            "Logical Maximum",
            "Push",
            "Pop",
            "Reserved Tag 0x",
            "Long Item",
            "tag 0x12",
            "data",
            "SILinear",
            "cm",
            "s",
            "Generic Desktop",
            "Vendor Usage 0x",
            "Vendor Usage Page 0x",
            "Consumer",
            "AC Pan",
            "Button 9",
            "Data",
            "Var",
            "Cnst",
            "Vendor_defined",
            "99999999999",
            "-1",
            "0",
            "4294967296",
            "ff",
            "fe",
            "f0",
            "é",
            "\u0000",
            "Usage Minimum",
            "Delimiter");
    return tokens.list().ofMaxSize(30).map(l -> String.join("", l));
  }

  @Property(tries = 2000)
  void garbageOnlyEverFailsWithTextCompileException(@ForAll("garbage") String text) {
    compileOrCompileError(text);
  }

  @Property(tries = 1500)
  void mutatedDecodeOutputOnlyEverFailsWithTextCompileException(
      @ForAll("descriptors") List<Item> items, @ForAll("mutations") List<Mutation> mutations) {
    StringBuilder text = new StringBuilder(DescriptorText.decode(Items.parse(Items.encode(items))));
    for (Mutation m : mutations) {
      if (text.length() == 0) {
        break;
      }
      int at = Math.floorMod(m.position(), text.length());
      switch (m.kind()) {
        case 0 -> text.deleteCharAt(at);
        case 1 -> text.insert(at, m.c());
        default -> text.setCharAt(at, m.c());
      }
    }
    compileOrCompileError(text.toString());
  }

  record Mutation(int kind, int position, char c) {}

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 2),
            Arbitraries.integers(),
            Arbitraries.of(
                '(', ')', ',', ':', 'x', '0', '9', 'f', '-', ' ', '\n', '#', '/', '*', '²'))
        .as(Mutation::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(6);
  }

  private static void compileOrCompileError(String text) {
    try {
      DescriptorText.compile(text);
    } catch (TextCompileException expected) {
      // the one failure users may see
    }
  }
}
