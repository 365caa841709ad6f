package dev.hogrig.replay;

import com.google.common.collect.ImmutableList;
import dev.hogrig.hid.Field;
import dev.hogrig.hid.Report;
import dev.hogrig.hid.ReportCodec;
import dev.hogrig.hid.ReportDescriptor;
import dev.hogrig.hid.ReportType;
import dev.hogrig.hid.Usage;
import java.util.Optional;
import java.util.function.Predicate;

/** Finding reports and fields by usage, never by offset: what lets a script fit any descriptor. */
final class Fields {
  private Fields() {}

  /**
   * The first data field of {@code report} in contact {@code contact} (-1: none) listing {@code u}.
   */
  static Optional<Field> find(
      ReportDescriptor d, Report report, int contact, Usage u, Predicate<Field> also) {
    ImmutableList<Integer> contacts = ReportCodec.contacts(d, report);
    for (int i = 0; i < report.fields().size(); i++) {
      Field f = report.fields().get(i);
      if (contacts.get(i) == contact
          && !f.flags().constant()
          && f.declaresUsage(u)
          && also.test(f)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /**
   * The first Input report having a data field (anywhere) that lists {@code u} and passes {@code
   * also}.
   */
  static Optional<Report> inputWith(ReportDescriptor d, Usage u, Predicate<Field> also) {
    for (Report r : d.reports(ReportType.INPUT)) {
      for (Field f : r.fields()) {
        if (!f.flags().constant() && f.declaresUsage(u) && also.test(f)) {
          return Optional.of(r);
        }
      }
    }
    return Optional.empty();
  }

  /** Largest magnitude a signed relative field carries both ways: min(max, −min). */
  static long symmetricLimit(Field f) {
    return Math.max(0, Math.min(f.logicalMax(), -f.logicalMin()));
  }

  static String reportName(Report r) {
    return r.type().displayName() + " report" + (r.id() == 0 ? "" : " " + r.id());
  }
}
