package dev.hogrig.hid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hogrig.hid.lint.LintOptions;
import dev.hogrig.hid.lint.Linter;
import dev.hogrig.util.Bytes;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Random and mutated descriptors: the parser, the decoder and the linter must only ever raise
 * hogrig's own typed error, whatever the bytes. Bounded by try counts, not time, so a run is
 * repeatable from its seed.
 */
class DescriptorFuzzTest {

  @Property(tries = 3000)
  void randomBytesOnlyEverRaiseTheTypedError(@ForAll @Size(max = 300) byte[] raw) {
    exercise(Bytes.copyOf(raw));
  }

  @Property(tries = 3000)
  void mutatedLibraryDescriptorsOnlyEverRaiseTheTypedError(@ForAll("mutated") Bytes bytes) {
    exercise(bytes);
  }

  @Property(tries = 500)
  void itemsThatParseReencodeToTheSameBytes(@ForAll("mutated") Bytes bytes) {
    List<Item> items;
    try {
      items = Items.parse(bytes);
    } catch (DescriptorFormatException e) {
      return;
    }
    assertEquals(bytes, Items.encode(items));
  }

  private static void exercise(Bytes bytes) {
    ReportDescriptor d;
    try {
      d = ReportDescriptor.parse(bytes);
    } catch (DescriptorFormatException e) {
      return;
    }
    // A descriptor that splits into items must decode to text and lint without failing.
    String text = DescriptorText.decode(d);
    assertEquals(bytes, DescriptorText.compile(text), "bytes -> text -> bytes is exact");
    Linter.lint(d, LintOptions.defaults());
  }

  @Provide
  Arbitrary<Bytes> mutated() {
    Arbitrary<byte[]> base = Arbitraries.of(DescriptorLibrary.all()).map(d -> d.bytes().toArray());
    return base.flatMap(
        b ->
            Arbitraries.integers()
                .between(1, 8)
                .flatMap(
                    n ->
                        Arbitraries.integers()
                            .between(0, Integer.MAX_VALUE)
                            .list()
                            .ofSize(3 * n)
                            .map(r -> mutate(b, r))));
  }

  /** Flips, overwrites, deletes or truncates bytes at positions drawn from {@code r}. */
  private static Bytes mutate(byte[] original, List<Integer> r) {
    byte[] b = original.clone();
    int len = b.length;
    for (int i = 0; i + 2 < r.size() && len > 0; i += 3) {
      int pos = r.get(i) % len;
      int val = r.get(i + 1) & 0xff;
      switch (r.get(i + 2) % 4) {
        case 0 -> b[pos] ^= (byte) (1 << (val % 8));
        case 1 -> b[pos] = (byte) val;
        case 2 -> {
          System.arraycopy(b, pos + 1, b, pos, len - pos - 1);
          len--;
        }
        default -> len = pos + 1;
      }
    }
    return Bytes.copyOf(b, 0, len);
  }
}
