package dev.hogrig.hci;

import com.google.common.collect.ImmutableList;

/**
 * What {@link CaptureAudit} found.
 *
 * @param complete true when no rule found a gap
 * @param gaps one line per gap, for a person: what is missing, on which controller, where
 * @param checks one line per comparison that passed, as evidence of what was checked
 */
public record AuditResult(
    boolean complete, ImmutableList<String> gaps, ImmutableList<String> checks) {
  public static AuditResult of(ImmutableList<String> gaps, ImmutableList<String> checks) {
    return new AuditResult(gaps.isEmpty(), gaps, checks);
  }
}
