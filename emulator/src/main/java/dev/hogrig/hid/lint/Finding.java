package dev.hogrig.hid.lint;

/**
 * One thing the linter found.
 *
 * @param ruleId the {@link Rule#id()} that fired, e.g. {@code HID-REPORT-SIZE-ZERO}
 * @param severity usually the rule's default; boot-layout rules are downgraded to INFO when the
 *     linter only guessed that the device is boot-capable ({@link LintOptions.BootProtocol#AUTO})
 * @param offset byte offset in the descriptor of the offending item; the descriptor length when the
 *     problem is at the end (a Push never popped is reported at the Push, not here)
 * @param item the offending item rendered short, as hid-decode would, e.g. {@code Report Size (0)};
 *     {@code "(end of descriptor)"} when {@code offset} is past the last item
 * @param message one line: what is wrong, with the numbers
 * @param hint one line: how to fix it
 */
public record Finding(
    String ruleId, Severity severity, int offset, String item, String message, String hint) {

  /** The rule that produced this finding. */
  public Rule rule() {
    return Rule.byId(ruleId).orElseThrow();
  }

  @Override
  public String toString() {
    return "%d: %s %s [%s] %s (%s)".formatted(offset, severity, ruleId, item, message, hint);
  }
}
