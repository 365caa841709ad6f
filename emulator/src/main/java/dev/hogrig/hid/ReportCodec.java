package dev.hogrig.hid;

import com.google.common.collect.ImmutableList;
import dev.hogrig.util.Bytes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Packs {@link ReportData} into the bytes of one report and reads report bytes back into a {@link
 * DecodedReport}, following the layout a {@link ReportDescriptor} declares. Stateless.
 *
 * <h2>Wire layout (HID 1.11 §5.6, §8.4)</h2>
 *
 * <pre>
 *   [report ID, 1 byte, only when the report's id != 0] [payload]
 *
 *   payload bit n lives in byte n / 8 at bit n % 8 (LSB first); a value of size s starting at
 *   bit b puts its least significant bit at b. A 12-bit X = 0xABC starting at payload bit 4:
 *
 *            bit 7 .......... 4   3 .......... 0
 *   byte 0: | 0xC (X bits 3..0) | earlier fields |
 *   byte 1: |      0xAB (X bits 11..4)           |
 * </pre>
 *
 * <p>{@link #encode}/{@link #decode} speak the USB / uhid form, with the report ID byte. HOGP
 * carries the report ID in the Report Reference descriptor instead, so a Report characteristic
 * value is the payload alone: use {@link #encodePayload}/{@link #decodePayload} for that.
 *
 * <h2>Values</h2>
 *
 * <ul>
 *   <li>A field whose Logical Minimum is negative holds two's complement numbers, otherwise
 *       unsigned ones. A value outside Logical Minimum..Maximum, or one that does not fit the
 *       field's Report Size, is a {@link ReportCodecException} naming the usage and the range:
 *       nothing is ever truncated.
 *   <li>Constant fields (padding, reserved bytes) are always written as zero.
 *   <li>Variable fields: value {@code i} carries the field's {@code i}-th usage, the last usage
 *       repeating (HID 1.11 §6.2.2.8). An unset value is written as logical 0 when 0 is in range;
 *       otherwise as the null value if the field has the Null State flag, else as Logical Minimum.
 *   <li>Array fields: each pressed usage the field lists is written as its index in the field's
 *       usage list plus Logical Minimum (HID 1.11 §6.2.2.5). Slots left over are written as 0,
 *       which means "nothing" either because 0 is outside the logical range (a null value) or
 *       because it selects usage ID 0, which every usage page reserves and the Keyboard page names
 *       "No event indicated" (HUT 1.5 §10). When 0 would select a real usage, a value just outside
 *       the logical range is written instead. More presses than the field has slots is an error (a
 *       real keyboard would send ErrorRollOver; the caller can press that itself).
 *   <li>Values up to 64 bits wide are supported; a wider data value is an error (wider Constant
 *       fields are fine, they are zero).
 * </ul>
 *
 * <h2>Contacts</h2>
 *
 * <p>A field sits in a contact when, between its innermost Application collection and itself, it is
 * inside a collection that is a Finger (Digitizers 0x22), or that has the same usage, kind and
 * depth as another collection under the same Application (the repeated per-contact collections of
 * multi-touch and multi-pen reports). The outermost such collection decides. Contacts are numbered
 * 0, 1, ... in the order the report's fields enter them; values of other fields are addressed
 * without a contact.
 */
public final class ReportCodec {
  private ReportCodec() {}

  /**
   * The wire bytes of the {@code type} report with ID {@code reportId} (0 when the descriptor uses
   * no report IDs): the ID byte when the ID is not 0, then the payload.
   *
   * @throws ReportCodecException when the descriptor has no such report, or {@code data} does not
   *     fit it (unknown usage or contact, value out of range, too many keys pressed)
   */
  public static Bytes encode(
      ReportDescriptor descriptor, ReportType type, int reportId, ReportData data) {
    Bytes payload = encodePayload(descriptor, type, reportId, data);
    if (reportId == 0) {
      return payload;
    }
    if (reportId > 0xff) {
      throw new ReportCodecException(
          "report ID %d does not fit the one-byte ID prefix (HID 1.11 §6.2.2.7: 1..255)"
              .formatted(reportId));
    }
    return Bytes.of(reportId).concat(payload);
  }

  /** As {@link #encode} but without the report ID byte: a HOGP Report characteristic value. */
  public static Bytes encodePayload(
      ReportDescriptor descriptor, ReportType type, int reportId, ReportData data) {
    Report report = report(descriptor, type, reportId);
    return new Encoder(descriptor, report, data).run();
  }

  /**
   * Identifies and decodes wire bytes: when the descriptor uses report IDs the first byte is the
   * ID, otherwise the bytes are the payload of the one report of {@code type}.
   *
   * @throws ReportCodecException for an unknown report ID or a length that does not match
   */
  public static DecodedReport decode(ReportDescriptor descriptor, ReportType type, Bytes wire) {
    if (!descriptor.usesReportIds()) {
      Report report = report(descriptor, type, 0);
      checkLength(report, wire.size(), report.wireLength(), "");
      return decodeReport(descriptor, report, wire);
    }
    if (wire.isEmpty()) {
      throw new ReportCodecException(
          "empty %s report: this descriptor uses report IDs, so it starts with an ID byte (%s)"
              .formatted(type.displayName(), describeIds(descriptor, type)));
    }
    Report report = report(descriptor, type, wire.get(0));
    checkLength(report, wire.size(), report.wireLength(), " (ID byte included)");
    return decodeReport(descriptor, report, wire.slice(1, wire.size()));
  }

  /** Decodes a payload without report ID byte, as a HOGP Report characteristic carries it. */
  public static DecodedReport decodePayload(
      ReportDescriptor descriptor, ReportType type, int reportId, Bytes payload) {
    Report report = report(descriptor, type, reportId);
    checkLength(report, payload.size(), report.payloadLength(), " (payload, no ID byte)");
    return decodeReport(descriptor, report, payload);
  }

  /**
   * The {@code type} report with ID {@code reportId}.
   *
   * @throws ReportCodecException naming the IDs the descriptor does declare
   */
  public static Report report(ReportDescriptor descriptor, ReportType type, int reportId) {
    return descriptor
        .report(type, reportId)
        .orElseThrow(
            () ->
                new ReportCodecException(
                    "the descriptor declares no %s report with ID %d; %s"
                        .formatted(type.displayName(), reportId, describeIds(descriptor, type))));
  }

  /**
   * For each field of {@code report} (same order), its contact index, or -1 when it sits in no
   * contact collection. See the class documentation for the rule.
   */
  public static ImmutableList<Integer> contacts(ReportDescriptor descriptor, Report report) {
    Map<Integer, Integer> ordinal = new HashMap<>();
    ImmutableList.Builder<Integer> out = ImmutableList.builder();
    for (Field f : report.fields()) {
      Optional<HidCollection> c = contactCollection(descriptor, f);
      if (c.isEmpty()) {
        out.add(-1);
      } else {
        Integer n = ordinal.get(c.get().index());
        if (n == null) {
          n = ordinal.size();
          ordinal.put(c.get().index(), n);
        }
        out.add(n);
      }
    }
    return out.build();
  }

  // ---------------------------------------------------------------------------------------------

  private static void checkLength(Report report, int got, int expected, String what) {
    if (got != expected) {
      throw new ReportCodecException(
          "%s report%s is %d bytes%s, got %d"
              .formatted(
                  report.type().displayName(),
                  report.id() == 0 ? "" : " " + report.id(),
                  expected,
                  what,
                  got));
    }
  }

  private static String describeIds(ReportDescriptor d, ReportType type) {
    List<Report> rs = d.reports(type);
    if (rs.isEmpty()) {
      return "it declares no %s reports at all".formatted(type.displayName());
    }
    if (rs.size() == 1 && rs.get(0).id() == 0) {
      return "it declares one %s report, without a report ID (use ID 0)"
          .formatted(type.displayName());
    }
    return "it declares %s report IDs %s"
        .formatted(
            type.displayName(),
            rs.stream().map(r -> Integer.toString(r.id())).collect(Collectors.joining(", ")));
  }

  private static Optional<HidCollection> contactCollection(ReportDescriptor d, Field f) {
    ImmutableList<HidCollection> path = f.path();
    int app = -1;
    for (int i = path.size() - 1; i >= 0; i--) {
      if (path.get(i).isApplication()) {
        app = i;
        break;
      }
    }
    int appIndex = app < 0 ? -1 : path.get(app).index();
    for (int i = app + 1; i < path.size(); i++) {
      if (isContact(d, path.get(i), appIndex)) {
        return Optional.of(path.get(i));
      }
    }
    return Optional.empty();
  }

  private static boolean isContact(ReportDescriptor d, HidCollection c, int appIndex) {
    if (c.isApplication() || c.usage().isEmpty()) {
      return false;
    }
    if (c.usage().get().equals(Usages.FINGER)) {
      return true;
    }
    List<String> layout = null;
    for (HidCollection o : d.collections()) {
      if (o.index() != c.index()
          && o.kind() == c.kind()
          && o.depth() == c.depth()
          && o.usage().equals(c.usage())
          && applicationOf(d, o) == appIndex) {
        if (layout == null) {
          layout = layout(d, c);
        }
        if (layout.equals(layout(d, o))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * What the fields inside {@code c} look like, so that two Physical (Pointer) collections of a
   * gamepad, one with X and Y and one with Z and Rz, do not count as two contacts.
   */
  private static List<String> layout(ReportDescriptor d, HidCollection c) {
    List<String> out = new ArrayList<>();
    for (Report r : d.reports()) {
      for (Field f : r.fields()) {
        if (f.path().contains(c)) {
          out.add(
              "%s %d %d %d %d %s"
                  .formatted(
                      f.type(), f.reportId(), f.size(), f.count(), f.flags().bits(), f.usages()));
        }
      }
    }
    return out;
  }

  private static int applicationOf(ReportDescriptor d, HidCollection c) {
    int i = c.parent();
    while (i >= 0) {
      HidCollection p = d.collections().get(i);
      if (p.isApplication()) {
        return p.index();
      }
      i = p.parent();
    }
    return -1;
  }

  private static String where(Field f) {
    return "%s report%s field at descriptor byte %d"
        .formatted(
            f.type().displayName(), f.reportId() == 0 ? "" : " " + f.reportId(), f.itemOffset());
  }

  private static String scopeName(int contact) {
    return contact < 0 ? "" : " in contact " + contact;
  }

  private static void checkWidth(Field f) {
    if (f.size() > 64 && !f.flags().constant() && f.count() > 0) {
      throw new ReportCodecException(
          "%s: values of %d bits are wider than the 64 bits this codec handles"
              .formatted(where(f), f.size()));
    }
  }

  private static boolean signed(Field f) {
    return f.logicalMin() < 0;
  }

  /** Whether {@code v} can be written in the field's Report Size with its signedness. */
  private static boolean representable(Field f, long v) {
    int size = (int) f.size();
    if (size >= 64) {
      return signed(f) || v >= 0;
    }
    if (signed(f)) {
      long lo = -(1L << (size - 1));
      return size > 0 && v >= lo && v <= -lo - 1;
    }
    return v >= 0 && v < (1L << size);
  }

  private static long mask(long raw, long size) {
    return size >= 64 ? raw : raw & ((1L << size) - 1);
  }

  private static long logical(Field f, long raw) {
    int size = (int) f.size();
    if (!signed(f) || size >= 64 || size == 0) {
      return raw;
    }
    return (raw << (64 - size)) >> (64 - size);
  }

  /** A raw value outside the logical range, for a null value; empty if the size has none. */
  private static Optional<Long> outOfRange(Field f) {
    if (0 < f.logicalMin() || 0 > f.logicalMax()) {
      return Optional.of(0L);
    }
    if (f.logicalMax() < Long.MAX_VALUE && representable(f, f.logicalMax() + 1)) {
      return Optional.of(mask(f.logicalMax() + 1, f.size()));
    }
    if (f.logicalMin() > Long.MIN_VALUE && representable(f, f.logicalMin() - 1)) {
      return Optional.of(mask(f.logicalMin() - 1, f.size()));
    }
    return Optional.empty();
  }

  private static void write(byte[] buf, long bitOffset, long size, long raw) {
    for (int b = 0; b < size && b < 64; b++) {
      if (((raw >>> b) & 1) != 0) {
        long bit = bitOffset + b;
        buf[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
      }
    }
  }

  private static long read(Bytes buf, long bitOffset, long size) {
    long raw = 0;
    for (int b = 0; b < size && b < 64; b++) {
      long bit = bitOffset + b;
      if (((buf.get((int) (bit >>> 3)) >> (bit & 7)) & 1) != 0) {
        raw |= 1L << b;
      }
    }
    return raw;
  }

  private static DecodedReport decodeReport(ReportDescriptor d, Report report, Bytes payload) {
    ImmutableList<Integer> contacts = contacts(d, report);
    ImmutableList.Builder<DecodedReport.Value> out = ImmutableList.builder();
    for (int i = 0; i < report.fields().size(); i++) {
      Field f = report.fields().get(i);
      checkWidth(f);
      int contact = contacts.get(i);
      for (long j = 0; j < f.count(); j++) {
        long raw = read(payload, f.bitOffset() + j * f.size(), f.size());
        long logical = logical(f, raw);
        DecodedReport.Kind kind;
        Optional<Usage> usage;
        if (f.flags().constant()) {
          kind = f.isPadding() ? DecodedReport.Kind.PADDING : DecodedReport.Kind.CONSTANT;
          usage = f.isPadding() ? Optional.empty() : f.usageOfValue(j);
        } else if (f.flags().variable()) {
          kind = DecodedReport.Kind.VARIABLE;
          usage = f.usageOfValue(j);
        } else {
          kind = DecodedReport.Kind.ARRAY;
          usage = Optional.empty();
          if (logical >= f.logicalMin() && logical <= f.logicalMax()) {
            usage = f.usage(logical - f.logicalMin()).filter(u -> u.id() != 0);
          }
        }
        out.add(new DecodedReport.Value(kind, f, j, usage, contact, raw, logical));
      }
    }
    return new DecodedReport(report, out.build());
  }

  /** One encode run: tracks which given values and presses have been used. */
  private static final class Encoder {
    private final Report report;
    private final ReportData data;
    private final ImmutableList<Integer> contacts;
    private final byte[] out;
    private final Map<Integer, Set<Usage>> unpressed = new HashMap<>();
    private final Map<String, Integer> occurrences = new HashMap<>();
    private final Set<String> used = new HashSet<>();

    Encoder(ReportDescriptor d, Report report, ReportData data) {
      this.report = report;
      this.data = data;
      this.contacts = contacts(d, report);
      this.out = new byte[report.payloadLength()];
    }

    private ReportData scope(int contact) {
      if (contact < 0) {
        return data;
      }
      ReportData c = data.contacts().get(contact);
      return c == null ? new ReportData() : c;
    }

    private Set<Usage> unpressed(int contact) {
      return unpressed.computeIfAbsent(contact, c -> new LinkedHashSet<>(scope(c).pressed()));
    }

    Bytes run() {
      Set<Integer> known = new TreeSet<>(contacts);
      known.remove(-1);
      for (int c : data.contacts().keySet()) {
        if (!known.contains(c)) {
          throw new ReportCodecException(
              "contact %d given, but %s report%s has %s"
                  .formatted(
                      c,
                      report.type().displayName(),
                      report.id() == 0 ? "" : " " + report.id(),
                      known.isEmpty() ? "no contacts" : "contacts 0.." + (known.size() - 1)));
        }
      }
      for (Field f : report.fields()) {
        checkWidth(f);
      }
      for (int i = 0; i < report.fields().size(); i++) {
        Field f = report.fields().get(i);
        if (!f.flags().constant() && f.flags().array()) {
          array(f, contacts.get(i));
        }
      }
      for (int i = 0; i < report.fields().size(); i++) {
        Field f = report.fields().get(i);
        if (!f.flags().constant() && f.flags().variable()) {
          variable(f, contacts.get(i));
        }
      }
      leftovers();
      return Bytes.copyOf(out);
    }

    private void array(Field f, int contact) {
      List<Usage> chosen = new ArrayList<>();
      List<Long> indices = new ArrayList<>();
      Set<Usage> pending = unpressed(contact);
      for (Usage u : pending) {
        long idx = f.indexOfUsage(u);
        if (idx >= 0) {
          chosen.add(u);
          indices.add(idx);
        }
      }
      if (chosen.size() > f.count()) {
        throw new ReportCodecException(
            "%d usages pressed%s (%s) but the %s holds only %d"
                .formatted(chosen.size(), scopeName(contact), chosen, where(f), f.count()));
      }
      pending.removeAll(chosen);
      for (int k = 0; k < chosen.size(); k++) {
        long v = indices.get(k) + f.logicalMin();
        if (v > f.logicalMax() || !representable(f, v)) {
          throw new ReportCodecException(
              "usage %s%s is entry %d of the %s, but its Logical Minimum..Maximum %d..%d only"
                      .formatted(
                          chosen.get(k),
                          scopeName(contact),
                          indices.get(k),
                          where(f),
                          f.logicalMin(),
                          f.logicalMax())
                  + " reaches the first %d entries"
                      .formatted(Math.max(0, f.logicalMax() - f.logicalMin() + 1)));
        }
        write(out, f.bitOffset() + k * f.size(), f.size(), mask(v, f.size()));
      }
      if (chosen.size() < f.count()) {
        long empty = emptySlot(f, contact);
        for (long k = chosen.size(); k < f.count(); k++) {
          write(out, f.bitOffset() + k * f.size(), f.size(), empty);
        }
      }
    }

    private long emptySlot(Field f, int contact) {
      boolean zeroInRange = 0 >= f.logicalMin() && 0 <= f.logicalMax();
      if (!zeroInRange) {
        return 0;
      }
      Optional<Usage> atZero = f.usage(-f.logicalMin());
      if (atZero.isEmpty() || atZero.get().id() == 0) {
        return 0;
      }
      return outOfRange(f)
          .orElseThrow(
              () ->
                  new ReportCodecException(
                      ("the %s%s has an empty slot, but every value of its %d bits selects a"
                              + " usage, so nothing can mean 'no key'")
                          .formatted(where(f), scopeName(contact), f.size())));
    }

    private void variable(Field f, int contact) {
      ReportData scope = scope(contact);
      for (long j = 0; j < f.count(); j++) {
        Optional<Usage> usage = f.usageOfValue(j);
        long bit = f.bitOffset() + j * f.size();
        if (usage.isEmpty()) {
          write(out, bit, f.size(), unset(f));
          continue;
        }
        Usage u = usage.get();
        String key = contact + "/" + u;
        int k = occurrences.merge(key, 1, Integer::sum) - 1;
        ReportData.Value v = scope.valueAt(u, k);
        long raw;
        if (v != null) {
          used.add(key + "#" + k);
          raw = v.isNull() ? nullValue(f, u, contact) : checked(f, u, contact, v.logical());
        } else if (k == 0 && unpressed(contact).remove(u)) {
          raw = checked(f, u, contact, 1);
        } else {
          raw = unset(f);
        }
        write(out, bit, f.size(), raw);
      }
    }

    private long checked(Field f, Usage u, int contact, long v) {
      if (v < f.logicalMin() || v > f.logicalMax()) {
        throw new ReportCodecException(
            "%s%s = %d is outside Logical Minimum..Maximum %d..%d (%s)"
                .formatted(u, scopeName(contact), v, f.logicalMin(), f.logicalMax(), where(f)));
      }
      if (!representable(f, v)) {
        throw new ReportCodecException(
            "%s%s = %d does not fit the %d-bit %s value of the %s"
                .formatted(
                    u,
                    scopeName(contact),
                    v,
                    f.size(),
                    signed(f) ? "signed" : "unsigned",
                    where(f)));
      }
      return mask(v, f.size());
    }

    private long nullValue(Field f, Usage u, int contact) {
      if (!f.flags().nullState()) {
        throw new ReportCodecException(
            "%s%s set to null, but the %s has no Null State flag (HID 1.11 §6.2.2.5)"
                .formatted(u, scopeName(contact), where(f)));
      }
      return outOfRange(f)
          .orElseThrow(
              () ->
                  new ReportCodecException(
                      "%s%s set to null, but every %d-bit value of the %s is in range"
                          .formatted(u, scopeName(contact), f.size(), where(f))));
    }

    private long unset(Field f) {
      if (0 >= f.logicalMin() && 0 <= f.logicalMax()) {
        return 0;
      }
      if (f.flags().nullState()) {
        Optional<Long> n = outOfRange(f);
        if (n.isPresent()) {
          return n.get();
        }
      }
      return representable(f, f.logicalMin()) ? mask(f.logicalMin(), f.size()) : 0;
    }

    /** Where else {@code u} is, when the caller addressed it in the wrong scope. */
    private String hint(Usage u, int contact) {
      Set<Integer> elsewhere = new TreeSet<>();
      for (int i = 0; i < report.fields().size(); i++) {
        Field f = report.fields().get(i);
        if (contacts.get(i) != contact && f.indexOfUsage(u) >= 0) {
          elsewhere.add(contacts.get(i));
        }
      }
      if (elsewhere.isEmpty()) {
        return "";
      }
      if (elsewhere.contains(-1)) {
        return " (it is outside contacts: set it on the report's data, not on a contact)";
      }
      return " (it is inside contacts %s: address it with contact(n))"
          .formatted(elsewhere.stream().map(String::valueOf).collect(Collectors.joining(", ")));
    }

    private void leftovers() {
      List<Integer> scopes = new ArrayList<>();
      scopes.add(-1);
      scopes.addAll(data.contacts().keySet());
      for (int contact : scopes) {
        ReportData scope = scope(contact);
        for (Map.Entry<Usage, List<ReportData.Value>> e : scope.values().entrySet()) {
          List<ReportData.Value> list = e.getValue();
          for (int k = 0; k < list.size(); k++) {
            String key = contact + "/" + e.getKey();
            if (list.get(k) == null || used.contains(key + "#" + k)) {
              continue;
            }
            int have = occurrences.getOrDefault(key, 0);
            throw new ReportCodecException(
                have == 0
                    ? "%s%s is not a Variable data value of %s report%s%s"
                        .formatted(
                            e.getKey(),
                            scopeName(contact),
                            report.type().displayName(),
                            report.id() == 0 ? "" : " " + report.id(),
                            hint(e.getKey(), contact))
                    : "%s%s has %d value(s) in %s report%s, but value #%d was given"
                        .formatted(
                            e.getKey(),
                            scopeName(contact),
                            have,
                            report.type().displayName(),
                            report.id() == 0 ? "" : " " + report.id(),
                            k));
          }
        }
        Set<Usage> left = unpressed(contact);
        if (!left.isEmpty()) {
          throw new ReportCodecException(
              "cannot press %s%s: no Array field of %s report%s lists it and no Variable field"
                      .formatted(
                          left.iterator().next(),
                          scopeName(contact),
                          report.type().displayName(),
                          report.id() == 0 ? "" : " " + report.id())
                  + " carries it");
        }
      }
    }
  }
}
