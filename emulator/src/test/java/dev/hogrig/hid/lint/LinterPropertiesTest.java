package dev.hogrig.hid.lint;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogrig.hid.Item;
import dev.hogrig.hid.LongItem;
import dev.hogrig.hid.ReportDescriptor;
import dev.hogrig.hid.ShortItem;
import dev.hogrig.hid.lint.LintOptions.BootProtocol;
import dev.hogrig.util.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The linter's promise to the CLI: whatever items a descriptor holds, linting returns findings (it
 * never throws), sorted by offset, each pointing inside the descriptor with a one-line message.
 */
class LinterPropertiesTest {

  /** Prefixes of the items real descriptors are made of, so structure gets exercised. */
  private static final Integer[] COMMON = {
    0x05, 0x06, 0x09, 0x0a, 0x0b, 0x15, 0x16, 0x25, 0x26, 0x35, 0x45, 0x55, 0x65, 0x75, 0x76,
    0x85, 0x95, 0x96, 0xa4, 0xb4, 0x19, 0x29, 0x1b, 0x2b, 0xa9, 0x81, 0x91, 0xb1, 0xa1, 0xc0
  };

  @Provide
  Arbitrary<List<Integer>> prefixes() {
    return Arbitraries.oneOf(Arbitraries.of(COMMON), Arbitraries.integers().between(0, 255))
        .list()
        .ofMaxSize(60);
  }

  @Property(tries = 400)
  void lintNeverThrowsAndFindingsAreSortedAndInside(
      @ForAll("prefixes") List<Integer> prefixes, @ForAll long seed) {
    Random rnd = new Random(seed);
    List<Item> items = new ArrayList<>();
    for (int p : prefixes) {
      if (p == LongItem.PREFIX) {
        items.add(new LongItem(0, rnd.nextInt(256), Bytes.of(rnd.nextInt(256))));
        continue;
      }
      int n = (p & 3) == 3 ? 4 : p & 3;
      int[] data = new int[n];
      for (int i = 0; i < n; i++) {
        data[i] = rnd.nextInt(4) == 0 ? rnd.nextInt(256) : rnd.nextInt(3);
      }
      items.add(new ShortItem(0, p, Bytes.of(data)));
    }
    ReportDescriptor d = ReportDescriptor.of(items);
    for (BootProtocol boot : BootProtocol.values()) {
      List<Finding> findings = Linter.lint(d, LintOptions.defaults().withBootProtocol(boot));
      int last = -1;
      for (Finding f : findings) {
        assertTrue(f.offset() >= last, "sorted");
        assertTrue(f.offset() >= 0 && f.offset() <= d.bytes().size(), f::toString);
        assertTrue(!f.message().contains("\n") && !f.hint().contains("\n"), f::toString);
        last = f.offset();
      }
    }
  }
}
