package dev.hogrig.hid.lint;

import dev.hogrig.hid.Field;
import dev.hogrig.hid.HidCollection;
import dev.hogrig.hid.Item;
import dev.hogrig.hid.ItemTag;
import dev.hogrig.hid.Problem;
import dev.hogrig.hid.Report;
import dev.hogrig.hid.ShortItem;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * HID 1.11 structure rules. Most of these the parser already noticed as {@link Problem}s; this maps
 * them to rules and messages, and adds what needs the items' own offsets (inverted ranges, Report
 * Size 0) or a view across reports (mixed and conflicting report IDs).
 */
final class StructureRules {
  private StructureRules() {}

  static void check(LintContext c) {
    problems(c);
    pushPop(c);
    usageRanges(c);
    mainItemState(c);
    reportIds(c);
  }

  private static void problems(LintContext c) {
    int opened = count(c, ItemTag.COLLECTION);
    int closed = count(c, ItemTag.END_COLLECTION);
    for (Problem p : c.d.problems()) {
      switch (p.kind()) {
        case END_COLLECTION_WITHOUT_COLLECTION ->
            c.report(
                Rule.HID_COLLECTION_UNBALANCED,
                p.offset(),
                "End Collection closes nothing: %d Collection items but %d End Collection items"
                    .formatted(opened, closed),
                "Remove this End Collection, or add the Collection it was meant to close");
        case COLLECTION_NOT_CLOSED ->
            c.report(
                Rule.HID_COLLECTION_UNBALANCED,
                p.offset(),
                "%s; %d Collection items but %d End Collection items"
                    .formatted(p.message(), opened, closed),
                "Add an End Collection (C0) after the collection's last item");
        case POP_WITHOUT_PUSH, PUSH_NOT_POPPED -> {
          // Reported from the item walk, which knows which Push was left open.
        }
        case RESERVED_ITEM ->
            c.report(
                Rule.HID_RESERVED_ITEM,
                p.offset(),
                p.message() + ": HID 1.11 defines no item with this tag",
                "Remove the item, or replace it with the item you meant (check the prefix byte)");
        case LONG_ITEM ->
            c.report(
                Rule.HID_LONG_ITEM,
                p.offset(),
                "long item: HID 1.11 defines no long item tags and Linux hid-core rejects the"
                    + " whole descriptor",
                "Remove the long item; carry vendor data in a vendor-page Feature report instead");
        case MAIN_ITEM_OUTSIDE_APPLICATION ->
            c.report(
                Rule.HID_MAIN_OUTSIDE_APPLICATION,
                p.offset(),
                p.message() + ": no host can assign its report to an application",
                "Put it inside Usage Page/Usage + Collection (Application) ... End Collection");
        case REPORT_ID_ZERO ->
            c.report(
                Rule.HID_REPORT_ID_ZERO,
                p.offset(),
                "Report ID 0 is reserved: it means \"no report ID\" on the wire",
                "Number reports from 1 (Report ID 1..255)");
        case UNPAIRED_USAGE_RANGE ->
            c.report(
                Rule.HID_USAGE_RANGE_UNPAIRED,
                p.offset(),
                p.message() + " before the next main item",
                "Give every Usage Minimum a Usage Maximum (and the reverse) before the main item");
        case USAGE_RANGE_ACROSS_PAGES ->
            c.report(
                Rule.HID_USAGE_RANGE_PAGES,
                p.offset(),
                p.message(),
                "Declare both bounds on one usage page, or split the range in two");
        case BAD_DELIMITER ->
            c.report(
                Rule.HID_DELIMITER,
                p.offset(),
                p.message(),
                "Open a set with Delimiter (1) and close it with Delimiter (0), without nesting");
        default -> {
          // A kind added later without a rule: nothing to say yet.
        }
      }
    }
  }

  private static int count(LintContext c, ItemTag tag) {
    int n = 0;
    for (Item i : c.d.items()) {
      if (i instanceof ShortItem s && s.tag().orElse(null) == tag) {
        n++;
      }
    }
    return n;
  }

  private static void pushPop(LintContext c) {
    int pushes = count(c, ItemTag.PUSH);
    int pops = count(c, ItemTag.POP);
    for (ShortItem pop : c.walk.strayPops) {
      c.report(
          Rule.HID_PUSH_POP_UNBALANCED,
          pop.offset(),
          "Pop with nothing pushed: %d Push items but %d Pop items".formatted(pushes, pops),
          "Remove this Pop, or add the Push it was meant to undo");
    }
    for (ShortItem push : c.walk.unpoppedPushes) {
      c.report(
          Rule.HID_PUSH_POP_UNBALANCED,
          push.offset(),
          "Push is never popped: %d Push items but %d Pop items".formatted(pushes, pops),
          "Add a Pop where the pushed global state should come back, or remove the Push");
    }
  }

  private static void usageRanges(LintContext c) {
    for (ItemWalk.Range r : c.walk.ranges) {
      boolean samePage = (r.minExtended() >>> 16) == (r.maxExtended() >>> 16);
      if (samePage && r.minExtended() > r.maxExtended()) {
        c.report(
            Rule.HID_USAGE_RANGE_INVERTED,
            r.min().offset(),
            "Usage Minimum 0x%02x is greater than Usage Maximum 0x%02x: the range holds no usages"
                .formatted(r.minExtended() & 0xffff, r.maxExtended() & 0xffff),
            "Swap the two bounds");
      }
    }
  }

  private static void mainItemState(LintContext c) {
    for (ItemWalk.MainItem m : c.walk.mains) {
      Optional<Field> field = c.fieldAt(m.item().offset());
      if (field.isEmpty()) {
        continue;
      }
      Field f = field.get();
      String what = m.item().tag().orElseThrow().displayName();
      if (f.logicalMin() > f.logicalMax()) {
        ShortItem max = m.globals().get(ItemTag.LOGICAL_MAXIMUM);
        ShortItem min = m.globals().get(ItemTag.LOGICAL_MINIMUM);
        int at = max != null ? max.offset() : min != null ? min.offset() : m.item().offset();
        boolean widen =
            max != null && max.signedValue() < 0 && max.unsignedValue() >= f.logicalMin();
        c.report(
            Rule.HID_LOGICAL_RANGE_INVERTED,
            at,
            "Logical Minimum %d is greater than Logical Maximum %d for the %s at byte %d"
                .formatted(f.logicalMin(), f.logicalMax(), what, m.item().offset()),
            widen
                ? "Logical Maximum reads as %d: encode %d in %d bytes so it stays positive"
                    .formatted(max.signedValue(), max.unsignedValue(), max.size() * 2)
                : "Swap the bounds, or set them to the values the field really reports");
      }
      if (f.physicalMin() > f.physicalMax()) {
        ShortItem max = m.globals().get(ItemTag.PHYSICAL_MAXIMUM);
        ShortItem min = m.globals().get(ItemTag.PHYSICAL_MINIMUM);
        int at = max != null ? max.offset() : min != null ? min.offset() : m.item().offset();
        c.report(
            Rule.HID_PHYSICAL_RANGE_INVERTED,
            at,
            "Physical Minimum %d is greater than Physical Maximum %d for the %s at byte %d"
                .formatted(f.physicalMin(), f.physicalMax(), what, m.item().offset()),
            "Swap the bounds, or reset both to 0 to mean \"same as logical\"");
      }
      if (f.size() == 0) {
        ShortItem size = m.globals().get(ItemTag.REPORT_SIZE);
        if (size != null) {
          c.report(
              Rule.HID_REPORT_SIZE_ZERO,
              size.offset(),
              "Report Size is 0, so the %s at byte %d declares %d values of 0 bits"
                  .formatted(what, m.item().offset(), f.count()),
              "Set Report Size to the number of bits each value needs (1..32)");
        } else {
          c.report(
              Rule.HID_REPORT_SIZE_ZERO,
              m.item().offset(),
              "no Report Size before this %s, so its %d values are 0 bits wide"
                  .formatted(what, f.count()),
              "Declare Report Size (bits per value) before the first main item");
        }
      }
    }
  }

  private static void reportIds(LintContext c) {
    Integer firstIdItem = null;
    for (Item i : c.d.items()) {
      if (i instanceof ShortItem s && s.tag().orElse(null) == ItemTag.REPORT_ID) {
        if (firstIdItem == null) {
          firstIdItem = s.offset();
        }
        if (s.unsignedValue() > 255) {
          c.report(
              Rule.HID_REPORT_ID_RANGE,
              s.offset(),
              "Report ID %d does not fit the one-byte ID that prefixes every report (1..255)"
                  .formatted(s.unsignedValue()),
              "Renumber the report with an ID from 1 to 255");
        }
      }
    }
    if (c.d.usesReportIds()) {
      long withIds = c.d.reports().stream().filter(r -> r.id() != 0).count();
      for (Report r : c.d.reports()) {
        if (r.id() == 0 && !r.fields().isEmpty()) {
          c.report(
              Rule.HID_REPORT_ID_MIXED,
              r.fields().get(0).itemOffset(),
              "this %s report has no Report ID, but %d other report(s) do (first Report ID at byte %d)"
                  .formatted(r.type().displayName(), withIds, firstIdItem),
              "Declare a Report ID before this item too: once one report has an ID, all must");
        }
      }
    }
    for (Report r : c.d.reports()) {
      if (r.id() == 0) {
        continue;
      }
      Map<Integer, Field> firstByTop = new LinkedHashMap<>();
      for (Field f : r.fields()) {
        Optional<HidCollection> top = LintContext.topLevel(f);
        if (top.isPresent()) {
          firstByTop.putIfAbsent(top.get().index(), f);
        }
      }
      if (firstByTop.size() < 2) {
        continue;
      }
      Field first = firstByTop.values().iterator().next();
      int firstTop = LintContext.topLevel(first).orElseThrow().offset();
      for (Field f : firstByTop.values()) {
        if (f == first) {
          continue;
        }
        HidCollection top = LintContext.topLevel(f).orElseThrow();
        c.report(
            Rule.HID_REPORT_ID_CONFLICT,
            f.itemOffset(),
            ("%s report ID %d has fields in the top-level collection at byte %d and again in the"
                    + " one at byte %d; a report cannot span two top-level collections")
                .formatted(r.type().displayName(), r.id(), firstTop, top.offset()),
            "Give this top-level collection its own Report ID");
      }
    }
  }
}
