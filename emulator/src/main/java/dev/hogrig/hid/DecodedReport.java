package dev.hogrig.hid;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.util.Optional;

/**
 * One report's bytes read back through its descriptor: every value of every field, in bit order.
 *
 * @param report the report the bytes were identified as (by type and report ID)
 * @param values every value of every field, padding included, in bit order
 */
public record DecodedReport(Report report, ImmutableList<DecodedReport.Value> values) {

  /** What a decoded value is. */
  public enum Kind {
    /** One value of a Variable data field, labelled with its usage. */
    VARIABLE,
    /** One slot of an Array data field; its usage is the one selected, if any. */
    ARRAY,
    /** A Constant field without usages: padding, expected to be zero. */
    PADDING,
    /** A Constant field that does carry usages (hosts ignore its value). */
    CONSTANT
  }

  /**
   * One value of a field.
   *
   * @param index the value's position within its field, 0-based
   * @param usage for a Variable or Constant field the usage labelling the value; for an Array slot
   *     the usage selected (empty when the slot selects nothing); empty for padding
   * @param contact the contact (repeated collection, see {@link ReportCodec}) the field sits in, or
   *     -1 when it sits in none
   * @param raw the bits as read, unsigned
   * @param logical the raw bits read as two's complement when the field's Logical Minimum is
   *     negative, otherwise as unsigned (HID 1.11 §5.8, §6.2.2.7)
   */
  public record Value(
      Kind kind,
      Field field,
      long index,
      Optional<Usage> usage,
      int contact,
      long raw,
      long logical) {

    /**
     * True when the value is outside its field's logical range, which HID 1.11 §6.2.2.5 calls a
     * null value (an Array slot that selects nothing is also null).
     */
    public boolean isNull() {
      if (kind == Kind.ARRAY) {
        return usage.isEmpty();
      }
      return logical < field.logicalMin() || logical > field.logicalMax();
    }
  }

  /** The logical value of the first Variable value labelled {@code usage} outside any contact. */
  public Optional<Long> value(Usage usage) {
    return value(-1, usage);
  }

  /** The logical value of the first Variable value labelled {@code usage} in contact {@code c}. */
  public Optional<Long> value(int contact, Usage usage) {
    return values(contact, usage).stream().findFirst();
  }

  /** All logical values labelled {@code usage} in contact {@code c} (-1: outside contacts). */
  public ImmutableList<Long> values(int contact, Usage usage) {
    return values.stream()
        .filter(v -> v.kind() == Kind.VARIABLE && v.contact() == contact)
        .filter(v -> v.usage().isPresent() && v.usage().get().equals(usage))
        .map(Value::logical)
        .collect(ImmutableList.toImmutableList());
  }

  /** Usages selected by Array slots outside any contact, e.g. the keys held on a keyboard. */
  public ImmutableSet<Usage> pressed() {
    return pressed(-1);
  }

  /** Usages selected by Array slots in contact {@code contact} (-1: outside contacts). */
  public ImmutableSet<Usage> pressed(int contact) {
    return values.stream()
        .filter(v -> v.kind() == Kind.ARRAY && v.contact() == contact && v.usage().isPresent())
        .map(v -> v.usage().get())
        .collect(ImmutableSet.toImmutableSet());
  }

  /** Number of contacts the report's layout has (not how many are touching). */
  public int contactCount() {
    return values.stream().mapToInt(Value::contact).max().orElse(-1) + 1;
  }

  /**
   * The decoded values as {@link ReportData}: Variable values set by usage and occurrence (null
   * values as {@link ReportData#setNull}), Array selections pressed. Encoding the result gives the
   * same bytes back, except that non-zero padding becomes zero and a null value may be written with
   * a different out-of-range number.
   */
  public ReportData toData() {
    ReportData data = new ReportData();
    java.util.Map<String, Integer> occurrence = new java.util.HashMap<>();
    for (Value v : values) {
      ReportData scope = v.contact() < 0 ? data : data.contact(v.contact());
      if (v.kind() == Kind.ARRAY) {
        v.usage().ifPresent(scope::press);
      } else if (v.kind() == Kind.VARIABLE && v.usage().isPresent()) {
        Usage u = v.usage().get();
        int k = occurrence.merge(v.contact() + "/" + u, 1, Integer::sum) - 1;
        if (v.isNull()) {
          scope.setNullAt(u, k);
        } else {
          scope.setAt(u, k, v.logical());
        }
      }
    }
    return data;
  }
}
