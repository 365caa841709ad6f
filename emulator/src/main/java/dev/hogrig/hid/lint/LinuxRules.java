package dev.hogrig.hid.lint;

import dev.hogrig.hid.Field;
import dev.hogrig.hid.Item;
import dev.hogrig.hid.ItemTag;
import dev.hogrig.hid.Report;
import dev.hogrig.hid.ShortItem;

/**
 * Limits of Linux hid-core (Linux 6.1), the rig's reference host. Each limit makes {@code
 * hid_open_report} fail, so the device gets no input node at all; the kernel log names the item
 * only by its value.
 *
 * <ul>
 *   <li>{@code HID_MAX_DESCRIPTOR_SIZE} = 4096 (include/uapi/linux/hid.h): largest descriptor
 *       hidraw, uhid ({@code UHID_CREATE2} checks {@code rd_size}) and usbhid accept.
 *   <li>{@code hid_parser_global}: {@code report_size > 256} → "invalid report_size"; {@code
 *       report_count > HID_MAX_USAGES} → "invalid report_count"; a Push with {@code
 *       HID_GLOBAL_STACK_SIZE} (4) states saved → "global environment stack overflow".
 *   <li>{@code HID_MAX_USAGES} = 12288 (include/linux/hid.h).
 *   <li>{@code hid_add_field}: {@code report->size > (HID_MAX_BUFFER_SIZE - 1) << 3} → "report is
 *       too long"; {@code HID_MAX_BUFFER_SIZE} = 16384 since Linux 5.11 (was 8192, before that
 *       4096).
 * </ul>
 */
final class LinuxRules {
  private LinuxRules() {}

  static final int HID_MAX_DESCRIPTOR_SIZE = 4096;
  static final int MAX_REPORT_SIZE = 256;
  static final int HID_MAX_USAGES = 12288;
  static final int HID_MAX_BUFFER_SIZE = 16384;
  static final long MAX_REPORT_BITS = (HID_MAX_BUFFER_SIZE - 1L) << 3;

  static void check(LintContext c) {
    int size = c.d.bytes().size();
    if (size > HID_MAX_DESCRIPTOR_SIZE) {
      c.report(
          Rule.LINUX_DESCRIPTOR_SIZE,
          c.offsetOfItemCovering(HID_MAX_DESCRIPTOR_SIZE),
          "descriptor is %d bytes; Linux accepts at most HID_MAX_DESCRIPTOR_SIZE = 4096 (this item crosses it)"
              .formatted(size),
          "Shorten the descriptor by %d bytes, e.g. merge repeated fields with Report Count"
              .formatted(size - HID_MAX_DESCRIPTOR_SIZE));
    }
    for (Item i : c.d.items()) {
      if (!(i instanceof ShortItem s) || s.tag().isEmpty()) {
        continue;
      }
      ItemTag tag = s.tag().get();
      if (tag == ItemTag.REPORT_SIZE && s.unsignedValue() > MAX_REPORT_SIZE) {
        c.report(
            Rule.LINUX_REPORT_SIZE,
            s.offset(),
            "Report Size %d is over 256 bits; hid-core fails with \"invalid report_size\""
                .formatted(s.unsignedValue()),
            "Split the value into several fields of at most 256 bits (Report Count > 1)");
      } else if (tag == ItemTag.REPORT_COUNT && s.unsignedValue() > HID_MAX_USAGES) {
        c.report(
            Rule.LINUX_REPORT_COUNT,
            s.offset(),
            "Report Count %d is over HID_MAX_USAGES = 12288; hid-core fails with \"invalid report_count\""
                .formatted(s.unsignedValue()),
            "Use a larger Report Size with a smaller count, or split into several main items");
      }
    }
    for (Report r : c.d.reports()) {
      if (r.bitLength() <= MAX_REPORT_BITS) {
        continue;
      }
      Field crossing = r.fields().get(0);
      for (Field f : r.fields()) {
        if (f.bitOffset() + f.bitLength() > MAX_REPORT_BITS) {
          crossing = f;
          break;
        }
      }
      c.report(
          Rule.LINUX_REPORT_LENGTH,
          crossing.itemOffset(),
          "%s is %d bits; hid-core allows %d ((HID_MAX_BUFFER_SIZE 16384 - 1) x 8) and fails with \"report is too long\""
              .formatted(HogpRules.name(r), r.bitLength(), MAX_REPORT_BITS),
          "Split the data over several reports with their own Report IDs");
    }
    for (ItemWalk.DeepPush p : c.walk.deepPushes) {
      c.report(
          Rule.LINUX_PUSH_DEPTH,
          p.push().offset(),
          "this Push nests %d deep; hid-core keeps at most HID_GLOBAL_STACK_SIZE = 4 saved states"
              .formatted(p.depth()),
          "Pop before pushing again, or set the globals explicitly instead of pushing");
    }
    for (Field f : c.fields) {
      if (f.usageCount() > HID_MAX_USAGES) {
        c.report(
            Rule.LINUX_USAGE_COUNT,
            f.itemOffset(),
            "%d usages for one %s; hid-core keeps only the first HID_MAX_USAGES = 12288"
                .formatted(f.usageCount(), f.type().displayName()),
            "Narrow the Usage Minimum/Maximum range to the usages the device really reports");
      }
    }
  }
}
