package dev.hogrig.hid;

import com.google.common.collect.ImmutableList;
import java.util.Optional;

/**
 * One Input, Output or Feature item as it lands in a report: {@code count} values of {@code size}
 * bits each, starting {@code bitOffset} bits into the report's payload (after the report ID byte,
 * if any), with the global and local state that was in force.
 *
 * <p>Usages follow HID 1.11, 6.2.2.8: for a variable field, value {@code i} has usage {@code i} and
 * the last usage repeats when there are fewer usages than values; for an array field, the usages
 * are the selectable ones and a value {@code v} selects usage {@code v - logicalMin}.
 *
 * @param itemOffset byte offset of the main item in the descriptor
 * @param logicalMin signed as HID 1.11 says; logicalMax is read unsigned when logicalMin ≥ 0, as
 *     Linux hid-core does
 * @param unitExponent already decoded from its 4-bit two's complement form
 * @param path enclosing collections, outermost first
 */
public record Field(
    int itemOffset,
    ReportType type,
    int reportId,
    long bitOffset,
    long size,
    long count,
    MainFlags flags,
    ImmutableList<UsageSpec> usages,
    long logicalMin,
    long logicalMax,
    long physicalMin,
    long physicalMax,
    long unit,
    int unitExponent,
    ImmutableList<HidCollection> path) {

  /** Total bits this field occupies: size × count. */
  public long bitLength() {
    return size * count;
  }

  /** Total number of usages listed for this field, ranges expanded. */
  public long usageCount() {
    long n = 0;
    for (UsageSpec u : usages) {
      n += u.count();
    }
    return n;
  }

  /** The {@code i}-th listed usage, ranges expanded; empty past the end. */
  public Optional<Usage> usage(long i) {
    if (i < 0) {
      return Optional.empty();
    }
    for (UsageSpec u : usages) {
      if (i < u.count()) {
        return Optional.of(u.get(i));
      }
      i -= u.count();
    }
    return Optional.empty();
  }

  /** Index of {@code u} among the listed usages (ranges expanded), or -1 if not listed. */
  public long indexOfUsage(Usage u) {
    long base = 0;
    for (UsageSpec spec : usages) {
      if (spec instanceof UsageRange r) {
        long x = u.extended();
        if (x >= r.min().extended() && x <= r.max().extended()) {
          return base + (x - r.min().extended());
        }
      } else if (spec.equals(u)) {
        return base;
      }
      base += spec.count();
    }
    return -1;
  }

  /** True when the field lists {@code u} among its usages (ranges included). */
  public boolean declaresUsage(Usage u) {
    return indexOfUsage(u) >= 0;
  }

  /**
   * For a variable field, the usage of value {@code index} (the last usage repeats); empty when the
   * field has no usages at all, as for padding.
   */
  public Optional<Usage> usageOfValue(long index) {
    long n = usageCount();
    if (n == 0) {
      return Optional.empty();
    }
    return usage(Math.min(index, n - 1));
  }

  /** Constant fields without usages are padding. */
  public boolean isPadding() {
    return flags.constant() && usages.isEmpty();
  }

  /** The innermost enclosing Application collection, if any. */
  public Optional<HidCollection> application() {
    for (int i = path.size() - 1; i >= 0; i--) {
      if (path.get(i).isApplication()) {
        return Optional.of(path.get(i));
      }
    }
    return Optional.empty();
  }
}
