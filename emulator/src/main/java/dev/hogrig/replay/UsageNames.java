package dev.hogrig.replay;

import dev.hogrig.hid.Usage;
import dev.hogrig.hid.UsageTables;

/** Usages as people read them in messages: {@code Contact Count (Digitizers 0x0d:0x54)}. */
final class UsageNames {
  private UsageNames() {}

  static String describe(Usage u) {
    UsageTables t = UsageTables.standard();
    String name = t.usageName(u).orElse("usage 0x%02x".formatted(u.id()));
    return "%s (%s 0x%02x:0x%02x)".formatted(name, t.pageName(u.page()), u.page(), u.id());
  }

  /** The usage's name alone, or {@code page:id} in hex when the tables have none. */
  static String name(Usage u) {
    return UsageTables.standard().usageName(u).orElse(u.toString());
  }
}
