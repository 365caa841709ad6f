package dev.hogrig.hid.lint;

import dev.hogrig.hid.HidCollection;
import dev.hogrig.hid.Item;
import dev.hogrig.hid.ItemTag;
import dev.hogrig.hid.LongItem;
import dev.hogrig.hid.MainFlags;
import dev.hogrig.hid.ShortItem;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders one item the short way hid-decode does, e.g. {@code Report Size (0)}, {@code Input
 * (Data,Var,Abs)}, {@code Usage Page (0x0d)}. Usage-like values are hex (the linter has no usage
 * names), counts and sizes decimal, logical and physical bounds signed decimal.
 */
final class ItemText {
  private ItemText() {}

  static String render(Item item) {
    if (item instanceof LongItem l) {
      return "Long Item (tag 0x%02x, %d bytes)".formatted(l.longTag(), l.data().size());
    }
    ShortItem s = (ShortItem) item;
    if (s.tag().isEmpty()) {
      return "Reserved (" + s.encoded().toHex() + ")";
    }
    ItemTag tag = s.tag().get();
    String name = tag.displayName();
    return switch (tag) {
      case INPUT, OUTPUT, FEATURE ->
          name + " (" + flags(tag, new MainFlags(s.unsignedValue())) + ")";
      case COLLECTION -> name + " (" + HidCollection.kindName((int) s.unsignedValue()) + ")";
      case END_COLLECTION, PUSH, POP -> name;
      case USAGE_PAGE, USAGE, USAGE_MINIMUM, USAGE_MAXIMUM, UNIT ->
          name + " (0x" + hex(s.unsignedValue(), Math.max(1, s.size())) + ")";
      case LOGICAL_MINIMUM, LOGICAL_MAXIMUM, PHYSICAL_MINIMUM, PHYSICAL_MAXIMUM, UNIT_EXPONENT ->
          name + " (" + s.signedValue() + ")";
      default -> name + " (" + s.unsignedValue() + ")";
    };
  }

  private static String hex(long value, int bytes) {
    return String.format("%0" + (bytes * 2) + "x", value);
  }

  /** "Data,Var,Abs" and friends, in hid-decode's order and spelling. */
  static String flags(ItemTag tag, MainFlags f) {
    List<String> out = new ArrayList<>();
    out.add(f.constant() ? "Cnst" : "Data");
    out.add(f.variable() ? "Var" : "Arr");
    out.add(f.relative() ? "Rel" : "Abs");
    if (f.wrap()) out.add("Wrap");
    if (f.nonLinear()) out.add("NonLin");
    if (f.noPreferredState()) out.add("NoPref");
    if (f.nullState()) out.add("Null");
    if (tag != ItemTag.INPUT && f.isVolatile()) out.add("Vol");
    if (f.bufferedBytes()) out.add("Buff");
    return String.join(",", out);
  }
}
