package dev.hogrig.hid.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.hogrig.hid.ReportDescriptor;
import dev.hogrig.util.Bytes;
import java.util.List;
import java.util.stream.Collectors;

/** Helpers for linter tests: descriptors written as commented hex, and finding assertions. */
final class LintAssertions {
  private LintAssertions() {}

  /** Parses hex where everything after {@code //} on a line is a comment. */
  static ReportDescriptor descriptor(String commentedHex) {
    String hex =
        commentedHex
            .lines()
            .map(l -> l.contains("//") ? l.substring(0, l.indexOf("//")) : l)
            .collect(Collectors.joining(" "));
    return ReportDescriptor.parse(Bytes.fromHex(hex));
  }

  static List<Finding> lint(String commentedHex) {
    return Linter.lint(descriptor(commentedHex), LintOptions.defaults());
  }

  static List<Finding> lint(String commentedHex, LintOptions options) {
    return Linter.lint(descriptor(commentedHex), options);
  }

  /** Asserts exactly one finding of {@code rule}, with that severity and offset; returns it. */
  static Finding assertFinding(List<Finding> findings, Rule rule, Severity severity, int offset) {
    List<Finding> of = findings.stream().filter(f -> f.ruleId().equals(rule.id())).toList();
    if (of.size() != 1) {
      fail("expected one " + rule.id() + " finding, got " + of + " among " + findings);
    }
    Finding f = of.get(0);
    assertEquals(severity, f.severity(), f.toString());
    assertEquals(offset, f.offset(), f.toString());
    assertTrue(!f.message().isBlank() && !f.hint().isBlank(), f.toString());
    assertTrue(!f.message().contains("\n") && !f.hint().contains("\n"), "one line each");
    return f;
  }

  /** Asserts a finding of {@code rule} at {@code offset} among possibly several of that rule. */
  static Finding assertFindingAt(List<Finding> findings, Rule rule, Severity severity, int offset) {
    return findings.stream()
        .filter(f -> f.ruleId().equals(rule.id()) && f.offset() == offset)
        .peek(f -> assertEquals(severity, f.severity(), f.toString()))
        .findFirst()
        .orElseGet(() -> fail("no " + rule.id() + " at " + offset + " among " + findings));
  }

  static void assertNoFinding(List<Finding> findings, Rule rule) {
    List<Finding> of = findings.stream().filter(f -> f.ruleId().equals(rule.id())).toList();
    assertTrue(of.isEmpty(), () -> "unexpected " + of);
  }

  static void assertClean(List<Finding> findings) {
    assertTrue(findings.isEmpty(), () -> "expected no findings, got " + findings);
  }
}
