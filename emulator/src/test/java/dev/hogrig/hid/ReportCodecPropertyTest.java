package dev.hogrig.hid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.collect.ImmutableList;
import dev.hogrig.util.Bytes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For random in-range values, decoding what was encoded gives every value back, in every report of
 * several descriptors (boot keyboard, boot mouse, two-finger touch, report IDs, odd sizes).
 */
class ReportCodecPropertyTest {

  record Case(String name, ReportDescriptor descriptor, Report report) {
    @Override
    public String toString() {
      return name + " " + report.type() + " " + report.id();
    }
  }

  @Provide
  Arbitrary<Case> reports() {
    List<Case> cases = new ArrayList<>();
    Map<String, Bytes> descriptors = new java.util.LinkedHashMap<>();
    descriptors.put("boot keyboard", HidFixtures.BOOT_KEYBOARD);
    descriptors.put("boot mouse", HidFixtures.BOOT_MOUSE);
    descriptors.put("touch", HidFixtures.TWO_FINGER_TOUCH_SCREEN);
    descriptors.put("mouse+consumer", HidFixtures.MOUSE_AND_CONSUMER);
    descriptors.put("odd sizes", HidFixtures.ODD_SIZES);
    descriptors.forEach(
        (name, bytes) -> {
          ReportDescriptor d = ReportDescriptor.parse(bytes);
          for (Report r : d.reports()) {
            cases.add(new Case(name, d, r));
          }
        });
    return Arbitraries.of(cases);
  }

  /** Key of one expected value: contact, usage, occurrence. */
  private static String key(int contact, Usage u, int occurrence) {
    return contact + "/" + u + "#" + occurrence;
  }

  private static long randomIn(Random rnd, long min, long max) {
    return min + (long) Math.floor(rnd.nextDouble() * ((double) max - min + 1));
  }

  @Property(tries = 300)
  void decodeOfEncodeGivesEveryValueBack(@ForAll("reports") Case c, @ForAll long seed) {
    Random rnd = new Random(seed);
    Report report = c.report();
    ImmutableList<Integer> contacts = ReportCodec.contacts(c.descriptor(), report);
    ReportData data = new ReportData();
    Map<String, Long> expected = new HashMap<>();
    Map<Integer, Set<Usage>> expectedPressed = new HashMap<>();
    Map<String, Integer> occurrences = new HashMap<>();
    for (int i = 0; i < report.fields().size(); i++) {
      Field f = report.fields().get(i);
      int contact = contacts.get(i);
      ReportData scope = contact < 0 ? data : data.contact(contact);
      if (f.flags().constant()) {
        continue;
      }
      if (f.flags().variable()) {
        for (long j = 0; j < f.count(); j++) {
          Usage u = f.usageOfValue(j).orElseThrow();
          int k = occurrences.merge(contact + "/" + u, 1, Integer::sum) - 1;
          long v = randomIn(rnd, f.logicalMin(), f.logicalMax());
          scope.setAt(u, k, v);
          expected.put(key(contact, u, k), v);
        }
      } else {
        // Choose up to Report Count distinct selectable usages, skipping usage ID 0 ("none").
        Set<Usage> chosen = new LinkedHashSet<>();
        long n = Math.min(f.usageCount(), f.logicalMax() - f.logicalMin() + 1);
        int want = rnd.nextInt((int) f.count() + 1);
        for (int tries = 0; chosen.size() < want && tries < 50; tries++) {
          Usage u = f.usage(randomIn(rnd, 0, n - 1)).orElseThrow();
          if (u.id() != 0) {
            chosen.add(u);
          }
        }
        chosen.forEach(scope::press);
        expectedPressed.computeIfAbsent(contact, k -> new LinkedHashSet<>()).addAll(chosen);
      }
    }

    Bytes wire = ReportCodec.encode(c.descriptor(), report.type(), report.id(), data);
    assertEquals(report.wireLength(), wire.size());
    DecodedReport decoded = ReportCodec.decode(c.descriptor(), report.type(), wire);
    assertEquals(report, decoded.report());

    Map<String, Long> actual = new HashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    for (DecodedReport.Value v : decoded.values()) {
      if (v.kind() == DecodedReport.Kind.VARIABLE) {
        Usage u = v.usage().orElseThrow();
        int k = seen.merge(v.contact() + "/" + u, 1, Integer::sum) - 1;
        actual.put(key(v.contact(), u, k), v.logical());
      }
    }
    assertEquals(expected, actual);
    for (Map.Entry<Integer, Set<Usage>> e : expectedPressed.entrySet()) {
      assertEquals(e.getValue(), decoded.pressed(e.getKey()));
    }
    // Padding is always zero, and decoding then encoding gives the same bytes.
    for (DecodedReport.Value v : decoded.values()) {
      if (v.kind() == DecodedReport.Kind.PADDING) {
        assertEquals(0, v.raw());
      }
    }
    assertEquals(
        wire, ReportCodec.encode(c.descriptor(), report.type(), report.id(), decoded.toData()));
  }
}
