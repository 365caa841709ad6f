package dev.hogrig.replay;

import dev.hogrig.hid.Usage;
import dev.hogrig.hid.UsageTables;
import dev.hogrig.hid.Usages;

/** Usages as people read them in messages: {@code Contact Count (Digitizers 0x0d:0x54)}. */
final class UsageNames {
  private UsageNames() {}

  static String describe(Usage u) {
    UsageTables t = UsageTables.standard();
    String name = name(u);
    return "%s (%s 0x%02x:0x%02x)".formatted(name, t.pageName(u.page()), u.page(), u.id());
  }

  /**
   * The usage's name alone: from the tables; "Button n" on the Button page, whose usage n is button
   * n (HUT 1.5 §12) although hid-decode names them as vendor usages; else "usage 0x..".
   */
  static String name(Usage u) {
    if (u.page() == Usages.PAGE_BUTTON && u.id() > 0) {
      return "Button " + u.id();
    }
    return UsageTables.standard().usageName(u).orElse("usage 0x%02x".formatted(u.id()));
  }
}
