package dev.hogrig.hid.lint;

import dev.hogrig.hid.Field;
import dev.hogrig.hid.HidCollection;
import dev.hogrig.hid.ItemTag;
import dev.hogrig.hid.Report;
import dev.hogrig.hid.ReportType;
import dev.hogrig.hid.Usage;
import dev.hogrig.hid.UsageSpec;
import dev.hogrig.hid.Usages;
import java.util.List;
import java.util.Optional;

/**
 * Boot protocol layouts (HID 1.11 Appendix B). A host in boot mode (a BIOS, or a HOGP host that
 * wrote Boot Protocol Mode) does not read the descriptor; it assumes these bytes. The rule checks
 * that the report-mode report of the keyboard or mouse application, without its report-ID byte
 * (HOGP boot reports carry none), <em>starts with</em> the boot layout, so firmware can send the
 * same bytes in both modes. Extra bytes after the boot part are allowed: Appendix B.2 allows them
 * for the mouse, and a boot host simply reads the first 8 (keyboard) or 3 (mouse) bytes. Byte 1 of
 * the keyboard report is reserved and not checked. Of the LED bits, Num, Caps and Scroll Lock are
 * required; Compose and Kana may be padding instead (many keyboards have three LEDs), but a data
 * bit there must be the right LED.
 *
 * <pre>
 *   keyboard input (B.1)        bit 7 ........................ bit 0
 *     byte 0     modifiers      RGUI RALT RSFT RCTL LGUI LALT LSFT LCTL   Usage 0x07:0xE0..0xE7
 *     byte 1     reserved
 *     bytes 2..7 key codes      six 8-bit array values, Keyboard page 0x07
 *   keyboard LED output (B.1)
 *     byte 0     - - - KANA COMPOSE SCROLL CAPS NUM              Usage 0x08:0x01..0x05, 3 pad bits
 *   mouse input (B.2)
 *     byte 0     - - - - - B3 B2 B1                              Usage 0x09:0x01..0x03 (≥ 3 buttons)
 *     byte 1     X, signed 8-bit, relative
 *     byte 2     Y, signed 8-bit, relative
 * </pre>
 *
 * <p>Which applications are checked follows {@link LintOptions.BootProtocol}: YES checks the first
 * Keyboard and the first Mouse application; AUTO checks the first top-level application only if it
 * is a Keyboard or Mouse, reporting at INFO because boot support is a guess; NO checks nothing.
 */
final class BootRules {
  private BootRules() {}

  static void check(LintContext c) {
    List<HidCollection> apps = c.d.applications();
    switch (c.options.bootProtocol()) {
      case NO -> {}
      case YES -> {
        first(apps, Usages.KEYBOARD).ifPresent(a -> keyboard(c, a, Severity.ERROR));
        first(apps, Usages.MOUSE).ifPresent(a -> mouse(c, a, Severity.ERROR));
      }
      case AUTO -> {
        if (!apps.isEmpty()) {
          HidCollection a = apps.get(0);
          if (a.usage().equals(Optional.of(Usages.KEYBOARD))) {
            keyboard(c, a, Severity.INFO);
          } else if (a.usage().equals(Optional.of(Usages.MOUSE))) {
            mouse(c, a, Severity.INFO);
          }
        }
      }
      default -> throw new AssertionError(c.options.bootProtocol());
    }
  }

  private static Optional<HidCollection> first(List<HidCollection> apps, Usage usage) {
    return apps.stream().filter(a -> a.usage().equals(Optional.of(usage))).findFirst();
  }

  /** One value of one field: the field and which of its {@code count} values. */
  private record Slot(Field field, long index, boolean aligned) {}

  private static Optional<Slot> slotAt(Report r, long bit) {
    for (Field f : r.fields()) {
      if (f.size() > 0 && bit >= f.bitOffset() && bit < f.bitOffset() + f.bitLength()) {
        long rel = bit - f.bitOffset();
        return Optional.of(new Slot(f, rel / f.size(), rel % f.size() == 0));
      }
    }
    return Optional.empty();
  }

  private static Optional<Report> reportOf(LintContext c, HidCollection app, ReportType type) {
    return c.fieldsIn(app).stream()
        .filter(f -> f.type() == type)
        .findFirst()
        .flatMap(f -> c.d.report(type, f.reportId()));
  }

  private static void keyboard(LintContext c, HidCollection app, Severity sev) {
    Rule rule = Rule.BOOT_KEYBOARD_LAYOUT;
    String hint =
        "Lay the report out as HID 1.11 Appendix B.1 (8 modifier bits E0..E7, a reserved byte,"
            + " six 8-bit key codes), or lint with boot protocol off";
    Optional<Report> in = reportOf(c, app, ReportType.INPUT);
    if (in.isEmpty()) {
      c.report(rule, sev, app.offset(), "Keyboard application has no Input report", hint);
    } else {
      Report r = in.get();
      if (r.payloadLength() < 8) {
        c.report(
            rule,
            sev,
            r.fields().get(r.fields().size() - 1).itemOffset(),
            "%s payload is %d bytes; the boot keyboard report is 8"
                .formatted(HogpRules.name(r), r.payloadLength()),
            hint);
      } else {
        boolean ok = true;
        for (int b = 0; b < 8 && ok; b++) {
          Usage want = new Usage(Usages.PAGE_KEYBOARD, 0xE0 + b);
          ok = bitIs(c, rule, sev, r, b, want, "byte 0 bit " + b, "modifier " + want, hint);
        }
        for (int k = 0; k < 6 && ok; k++) {
          int bit = 16 + 8 * k;
          Slot s = slotAt(r, bit).orElseThrow();
          Field f = s.field();
          boolean keys =
              f.size() == 8
                  && s.aligned()
                  && f.flags().array()
                  && !f.flags().constant()
                  && onPage(f, Usages.PAGE_KEYBOARD);
          if (!keys) {
            c.report(
                rule,
                sev,
                f.itemOffset(),
                "byte %d of %s is %s; boot keyboard bytes 2..7 are six 8-bit key-code array slots"
                    .formatted(2 + k, HogpRules.name(r), describe(s)),
                hint);
            ok = false;
          }
        }
      }
    }
    String ledHint =
        "Declare the LED Output as HID 1.11 Appendix B.1: 5 x 1-bit LEDs (0x08:0x01..0x05) then 3"
            + " padding bits";
    Optional<Report> out = reportOf(c, app, ReportType.OUTPUT);
    if (out.isEmpty()) {
      c.report(
          Rule.BOOT_KEYBOARD_LEDS,
          sev,
          app.offset(),
          "Keyboard application has no LED Output report; a boot keyboard takes a 1-byte LED report",
          ledHint);
      return;
    }
    Report r = out.get();
    for (int b = 0; b < 5; b++) {
      Usage want = new Usage(Usages.PAGE_LED, 1 + b);
      boolean optional = b >= 3;
      if (optional && slotAt(r, b).map(s -> s.field().flags().constant()).orElse(true)) {
        continue;
      }
      if (!bitIs(c, Rule.BOOT_KEYBOARD_LEDS, sev, r, b, want, "bit " + b, "LED " + want, ledHint)) {
        return;
      }
    }
  }

  private static void mouse(LintContext c, HidCollection app, Severity sev) {
    Rule rule = Rule.BOOT_MOUSE_LAYOUT;
    String hint =
        "Start the report as HID 1.11 Appendix B.2: 3 button bits padded to a byte, then X and Y"
            + " as 8-bit relative values -127..127; or lint with boot protocol off";
    Optional<Report> in = reportOf(c, app, ReportType.INPUT);
    if (in.isEmpty()) {
      c.report(rule, sev, app.offset(), "Mouse application has no Input report", hint);
      return;
    }
    Report r = in.get();
    if (r.payloadLength() < 3) {
      c.report(
          rule,
          sev,
          r.fields().get(r.fields().size() - 1).itemOffset(),
          "%s payload is %d bytes; the boot mouse report needs at least 3"
              .formatted(HogpRules.name(r), r.payloadLength()),
          hint);
      return;
    }
    for (int b = 0; b < 3; b++) {
      Usage want = new Usage(Usages.PAGE_BUTTON, 1 + b);
      if (!bitIs(c, rule, sev, r, b, want, "byte 0 bit " + b, "button " + (b + 1), hint)) {
        return;
      }
    }
    Usage[] axes = {Usages.X, Usages.Y};
    for (int k = 0; k < 2; k++) {
      Slot s = slotAt(r, 8 + 8 * k).orElseThrow();
      Field f = s.field();
      boolean ok =
          f.size() == 8
              && s.aligned()
              && f.flags().variable()
              && f.flags().relative()
              && !f.flags().constant()
              && f.logicalMin() < 0
              && f.usageOfValue(s.index()).equals(Optional.of(axes[k]));
      if (!ok) {
        c.report(
            rule,
            sev,
            f.itemOffset(),
            "byte %d of %s is %s; the boot mouse has %s there as a signed 8-bit relative value"
                .formatted(1 + k, HogpRules.name(r), describe(s), k == 0 ? "X" : "Y"),
            hint);
        return;
      }
    }
  }

  /** Checks that {@code bit} is a 1-bit Data Var value with usage {@code want}; reports if not. */
  private static boolean bitIs(
      LintContext c,
      Rule rule,
      Severity sev,
      Report r,
      int bit,
      Usage want,
      String where,
      String wanted,
      String hint) {
    Optional<Slot> slot = slotAt(r, bit);
    if (slot.isPresent()) {
      Field f = slot.get().field();
      if (f.size() == 1
          && f.flags().variable()
          && !f.flags().constant()
          && f.usageOfValue(slot.get().index()).equals(Optional.of(want))) {
        return true;
      }
    }
    int at = slot.map(s -> s.field().itemOffset()).orElse(r.fields().get(0).itemOffset());
    c.report(
        rule,
        sev,
        at,
        "%s of %s is %s; the boot layout has %s there as a 1-bit variable"
            .formatted(
                where,
                HogpRules.name(r),
                slot.map(BootRules::describe).orElse("not declared"),
                wanted),
        hint);
    return false;
  }

  private static boolean onPage(Field f, int page) {
    if (f.usages().isEmpty()) {
      return false;
    }
    for (UsageSpec u : f.usages()) {
      if (u.count() > 0 && u.get(0).page() != page) {
        return false;
      }
    }
    return true;
  }

  /** "a 16-bit Data,Var,Rel value with usage X (0001:0030)" and the like. */
  private static String describe(Slot s) {
    Field f = s.field();
    String usage =
        f.flags().variable()
            ? f.usageOfValue(s.index()).map(u -> "usage " + named(u)).orElse("no usage")
            : f.usages().isEmpty()
                ? "no usages"
                : "usages "
                    + f.usage(0).map(BootRules::named).orElse(f.usages().get(0).toString())
                    + "...";
    return "a %d-bit %s value with %s%s"
        .formatted(
            f.size(),
            ItemText.flags(ItemTag.INPUT, f.flags()),
            usage,
            s.aligned() ? "" : " (not aligned to the byte)");
  }

  /** A usage as a person reads it: its name when the tables have one, and always its number. */
  private static String named(Usage u) {
    return dev.hogrig.hid.UsageTables.standard()
        .usageName(u)
        .map(n -> n + " (" + u + ")")
        .orElse(u.toString());
  }
}
