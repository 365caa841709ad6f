package dev.hogrig.hid;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.hogrig.util.Bytes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The values of one report, by usage, before they are packed into bytes by {@link ReportCodec}.
 *
 * <p>Values are addressed by {@link Usage} and logical value (the number the descriptor's Logical
 * Minimum..Maximum speaks of, not the raw bits):
 *
 * <pre>
 *   new ReportData().set(Usages.X, 300).press(KEY_A)
 *   data.contact(2).set(Usages.TIP_SWITCH, 1).set(Usages.X, 100)
 * </pre>
 *
 * <p><b>Contacts.</b> Multi-touch reports (HUT 1.5 §16, Digitizers) repeat one Logical collection
 * with usage Finger per contact, so "X" alone is ambiguous. A field inside such a repeated
 * collection is addressed through {@link #contact(int)}: contact {@code n} is the {@code n}-th
 * repeated collection (0-based) that the report's fields enter, in descriptor order. See {@link
 * ReportCodec} for exactly which collections count as contacts.
 *
 * <p><b>Repeated usages.</b> When one usage labels several values of a report (HID 1.11 §6.2.2.8:
 * the last usage of a Variable item repeats for its remaining values, e.g. a 256-byte vendor blob
 * under one usage), {@link #set(Usage, long)} addresses the first and {@link #setAt}, {@link
 * #setAll} and {@link #setBytes} the others, in bit order.
 *
 * <p><b>Arrays.</b> Keys of an Array field (the six key slots of a boot keyboard) are not set but
 * {@link #press pressed}; the codec turns the set of pressed usages into array indices. Pressing a
 * usage that only a 1-bit Variable field carries (Left Shift on a boot keyboard) sets it to 1.
 *
 * <p>Mutable and not thread-safe: a builder for one report. Unset values encode as described in
 * {@link ReportCodec}.
 */
public final class ReportData {
  /** One explicitly given value; {@code isNull} asks for the field's null (out of range) value. */
  record Value(long logical, boolean isNull) {}

  private final boolean root;
  private final Map<Usage, List<Value>> values = new LinkedHashMap<>();
  private final Set<Usage> pressed = new LinkedHashSet<>();
  private final Map<Integer, ReportData> contacts = new TreeMap<>();

  public ReportData() {
    this(true);
  }

  private ReportData(boolean root) {
    this.root = root;
  }

  /** Sets the (first) value labelled {@code usage} to logical value {@code value}. */
  public ReportData set(Usage usage, long value) {
    return setAt(usage, 0, value);
  }

  /**
   * Sets the {@code occurrence}-th value (0-based, in bit order within this report or contact)
   * labelled {@code usage}.
   */
  public ReportData setAt(Usage usage, int occurrence, long value) {
    return put(usage, occurrence, new Value(value, false));
  }

  /** Sets successive values labelled {@code usage}, starting with the first. */
  public ReportData setAll(Usage usage, long... values) {
    for (int i = 0; i < values.length; i++) {
      setAt(usage, i, values[i]);
    }
    return this;
  }

  /** Sets successive 8-bit values labelled {@code usage} from bytes 0..255 (a feature blob). */
  public ReportData setBytes(Usage usage, Bytes bytes) {
    for (int i = 0; i < bytes.size(); i++) {
      setAt(usage, i, bytes.get(i));
    }
    return this;
  }

  /**
   * Asks for the null value of the (first) field value labelled {@code usage}: a value outside the
   * logical range, which HID 1.11 §6.2.2.5 lets a field with the Null State flag send to mean "no
   * meaningful data" (a centred hat switch, say).
   */
  public ReportData setNull(Usage usage) {
    return setNullAt(usage, 0);
  }

  /** As {@link #setNull(Usage)}, for the {@code occurrence}-th value labelled {@code usage}. */
  public ReportData setNullAt(Usage usage, int occurrence) {
    return put(usage, occurrence, new Value(0, true));
  }

  /** Presses {@code usages}: array selections, or 1 for a Variable field with that usage. */
  public ReportData press(Usage... usages) {
    for (Usage u : usages) {
      pressed.add(Objects.requireNonNull(u));
    }
    return this;
  }

  /** Undoes {@link #press} for {@code usage}. */
  public ReportData release(Usage usage) {
    pressed.remove(usage);
    return this;
  }

  /**
   * The values of contact {@code index} (0-based), created on first use. Calls on the returned
   * object address fields inside that contact's collection only.
   *
   * @throws IllegalStateException when called on a contact: contacts do not nest
   */
  public ReportData contact(int index) {
    if (!root) {
      throw new IllegalStateException("contacts do not nest: call contact() on the report's data");
    }
    if (index < 0) {
      throw new IllegalArgumentException("contact index must be >= 0: " + index);
    }
    return contacts.computeIfAbsent(index, i -> new ReportData(false));
  }

  /** The (first) logical value set for {@code usage} here, if any and not null. */
  public Optional<Long> get(Usage usage) {
    List<Value> list = values.get(usage);
    if (list == null || list.isEmpty() || list.get(0) == null || list.get(0).isNull()) {
      return Optional.empty();
    }
    return Optional.of(list.get(0).logical());
  }

  /** Usages pressed here, in the order pressed. */
  public ImmutableSet<Usage> pressed() {
    return ImmutableSet.copyOf(pressed);
  }

  /** Contacts that have been addressed, by index. */
  public ImmutableMap<Integer, ReportData> contacts() {
    return ImmutableMap.copyOf(contacts);
  }

  /** Values by usage and occurrence; a null list element is an occurrence left unset. */
  ImmutableMap<Usage, List<Value>> values() {
    return ImmutableMap.copyOf(values);
  }

  Value valueAt(Usage usage, int occurrence) {
    List<Value> list = values.get(usage);
    return list == null || occurrence >= list.size() ? null : list.get(occurrence);
  }

  private ReportData put(Usage usage, int occurrence, Value v) {
    Objects.requireNonNull(usage);
    if (occurrence < 0) {
      throw new IllegalArgumentException("occurrence must be >= 0: " + occurrence);
    }
    List<Value> list = values.computeIfAbsent(usage, u -> new ArrayList<>());
    while (list.size() <= occurrence) {
      list.add(null);
    }
    list.set(occurrence, v);
    return this;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("ReportData{");
    values.forEach((u, l) -> sb.append(u).append('=').append(render(l)).append(' '));
    if (!pressed.isEmpty()) {
      sb.append("pressed=").append(pressed).append(' ');
    }
    contacts.forEach((i, c) -> sb.append("contact ").append(i).append('=').append(c).append(' '));
    return sb.toString().trim() + "}";
  }

  private static String render(List<Value> l) {
    List<String> out = new ArrayList<>();
    for (Value v : l) {
      out.add(v == null ? "unset" : v.isNull() ? "null" : Long.toString(v.logical()));
    }
    return out.size() == 1 ? out.get(0) : ImmutableList.copyOf(out).toString();
  }
}
