package dev.hogrig.hid.lint;

import com.google.common.collect.ImmutableList;
import dev.hogrig.hid.ReportDescriptor;
import java.util.Comparator;

/**
 * Checks a parsed report descriptor against HID 1.11, HID over GATT, Linux hid-core's limits,
 * Windows Precision Touchpad requirements and the boot report layouts, and says what is wrong in
 * terms a firmware author can act on: which item, what number, what to change.
 *
 * <p>The parser is lenient on purpose (it records {@link dev.hogrig.hid.Problem}s instead of
 * throwing), so everything here works on a descriptor that some host would refuse. Rules are
 * listed, with their sources, in {@link Rule}. Stateless.
 */
public final class Linter {
  private Linter() {}

  /** Lints with {@link LintOptions#defaults()}: ATT_MTU 23, boot checks on AUTO. */
  public static ImmutableList<Finding> lint(ReportDescriptor d) {
    return lint(d, LintOptions.defaults());
  }

  /**
   * Runs every rule.
   *
   * @return findings sorted by descriptor offset, then by rule (table order); at most one finding
   *     per rule and offset
   */
  public static ImmutableList<Finding> lint(ReportDescriptor d, LintOptions options) {
    LintContext ctx = new LintContext(d, options);
    StructureRules.check(ctx);
    HogpRules.check(ctx);
    LinuxRules.check(ctx);
    PtpRules.check(ctx);
    BootRules.check(ctx);
    return ImmutableList.sortedCopyOf(
        Comparator.comparingInt(Finding::offset)
            .thenComparing(f -> Rule.byId(f.ruleId()).orElseThrow().ordinal()),
        ctx.findings());
  }
}
