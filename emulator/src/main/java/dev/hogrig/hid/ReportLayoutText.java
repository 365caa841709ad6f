package dev.hogrig.hid;

import java.util.List;

/**
 * Prints the report model of a descriptor: every report with its length on the wire and where each
 * field sits, so a person can check by eye what a host will read from each byte.
 *
 * <pre>
 * Input report 2: 30 bytes on the wire (report ID + 29 payload)
 *   bits   0..0    1 x 1   Digitizers: Tip Switch         0..1          finger 0
 *   bits   8..23   1 x 16  Generic Desktop: X             0..1228       finger 0
 * </pre>
 *
 * Bit ranges count from the first payload bit, after the report-ID byte (HID 1.11 §8.4).
 */
public final class ReportLayoutText {
  private ReportLayoutText() {}

  public static String describe(ReportDescriptor d) {
    StringBuilder out = new StringBuilder();
    UsageTables tables = UsageTables.standard();
    for (Report r : d.reports()) {
      out.append(r.type().displayName()).append(" report");
      out.append(r.id() == 0 ? " (no ID)" : " " + r.id());
      out.append(": ").append(r.wireLength()).append(r.wireLength() == 1 ? " byte" : " bytes");
      out.append(" on the wire");
      out.append(r.id() == 0 ? "" : " (report ID + " + r.payloadLength() + " payload)");
      out.append('\n');
      List<Integer> contacts = ReportCodec.contacts(d, r);
      for (int i = 0; i < r.fields().size(); i++) {
        Field f = r.fields().get(i);
        long end = f.bitOffset() + f.bitLength() - 1;
        out.append(
            String.format(
                "  bits %5d..%-5d %3d x %-3d %-4s %-34s %s%s%n",
                f.bitOffset(),
                end,
                f.count(),
                f.size(),
                f.isPadding() ? "" : (f.flags().variable() ? "Var" : "Arr"),
                f.isPadding() ? "(padding)" : usages(f, tables),
                f.isPadding() ? "" : f.logicalMin() + ".." + f.logicalMax(),
                contacts.get(i) >= 0 ? "  contact " + contacts.get(i) : ""));
      }
    }
    return out.toString().replaceAll("(?m)[ \t]+$", "");
  }

  private static String usages(Field f, UsageTables tables) {
    if (f.usages().isEmpty()) {
      return f.flags().constant() ? "(constant)" : "(no usage)";
    }
    StringBuilder s = new StringBuilder();
    for (UsageSpec spec : f.usages()) {
      if (s.length() > 0) {
        s.append(", ");
      }
      if (spec instanceof UsageRange r) {
        s.append(name(r.min(), tables)).append(" .. ").append(shortName(r.max(), tables));
      } else {
        s.append(name((Usage) spec, tables));
      }
      if (s.length() > 60) {
        s.append(", ...");
        break;
      }
    }
    return s.toString();
  }

  private static String name(Usage u, UsageTables tables) {
    return tables.pageName(u.page()) + ": " + shortName(u, tables);
  }

  private static String shortName(Usage u, UsageTables tables) {
    return tables.usageName(u).orElse(String.format("0x%02x", u.id()));
  }
}
