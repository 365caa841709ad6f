package dev.hogrig.hid.lint;

import com.google.common.collect.ImmutableList;
import dev.hogrig.hid.Field;
import dev.hogrig.hid.HidCollection;
import dev.hogrig.hid.Item;
import dev.hogrig.hid.Report;
import dev.hogrig.hid.ReportDescriptor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** What every rule group needs: the descriptor, the options, the item walk, and the sink. */
final class LintContext {
  final ReportDescriptor d;
  final LintOptions options;
  final ItemWalk walk;
  final ImmutableList<Field> fields;
  private final TreeMap<Integer, Item> itemsByOffset = new TreeMap<>();
  private final Map<Integer, Field> fieldsByOffset = new HashMap<>();
  private final List<Finding> findings = new ArrayList<>();
  private final Set<String> seen = new HashSet<>();

  LintContext(ReportDescriptor d, LintOptions options) {
    this.d = d;
    this.options = options;
    this.walk = ItemWalk.of(d.items());
    for (Item i : d.items()) {
      itemsByOffset.put(i.offset(), i);
    }
    ImmutableList.Builder<Field> all = ImmutableList.builder();
    for (Report r : d.reports()) {
      for (Field f : r.fields()) {
        all.add(f);
        fieldsByOffset.put(f.itemOffset(), f);
      }
    }
    this.fields =
        ImmutableList.sortedCopyOf(
            (a, b) -> Integer.compare(a.itemOffset(), b.itemOffset()), all.build());
  }

  void report(Rule rule, int offset, String message, String hint) {
    report(rule, rule.severity(), offset, message, hint);
  }

  /** Adds a finding; a second finding of the same rule at the same offset is dropped. */
  void report(Rule rule, Severity severity, int offset, String message, String hint) {
    if (seen.add(rule.id() + "@" + offset)) {
      findings.add(new Finding(rule.id(), severity, offset, itemText(offset), message, hint));
    }
  }

  List<Finding> findings() {
    return findings;
  }

  /** The item that covers byte {@code offset}, rendered short. */
  String itemText(int offset) {
    return itemAt(offset).map(ItemText::render).orElse("(end of descriptor)");
  }

  Optional<Item> itemAt(int offset) {
    Map.Entry<Integer, Item> e = itemsByOffset.floorEntry(offset);
    if (e == null || offset >= e.getKey() + e.getValue().length()) {
      return Optional.empty();
    }
    return Optional.of(e.getValue());
  }

  /** Offset of the first item that reaches byte {@code byteIndex} (for size limits). */
  int offsetOfItemCovering(int byteIndex) {
    return itemAt(byteIndex).map(Item::offset).orElse(byteIndex);
  }

  Optional<Field> fieldAt(int itemOffset) {
    return Optional.ofNullable(fieldsByOffset.get(itemOffset));
  }

  /** The top-level collection a field sits in, or empty outside every collection. */
  static Optional<HidCollection> topLevel(Field f) {
    return f.path().isEmpty() ? Optional.empty() : Optional.of(f.path().get(0));
  }

  /** Fields inside {@code c} (at any depth), in item order. */
  List<Field> fieldsIn(HidCollection c) {
    List<Field> out = new ArrayList<>();
    for (Field f : fields) {
      if (f.path().stream().anyMatch(p -> p.index() == c.index())) {
        out.add(f);
      }
    }
    return out;
  }
}
