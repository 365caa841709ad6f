package dev.hogrig.hid;

import com.google.common.collect.ImmutableList;
import dev.hogrig.util.Bytes;
import java.util.Optional;

/**
 * A parsed report descriptor: its exact items, its collections, the reports it declares, and the
 * structural problems the parser stepped over.
 *
 * <p>Parsing is lenient on structure (an extra End Collection or a stray Pop is recorded as a
 * {@link Problem}, not thrown) because the point of the rig is to explain descriptors that some
 * host rejects. Only bytes that cannot be split into items throw {@link DescriptorFormatException}.
 */
public record ReportDescriptor(
    Bytes bytes,
    ImmutableList<Item> items,
    ImmutableList<HidCollection> collections,
    ImmutableList<Report> reports,
    ImmutableList<Problem> problems) {

  /**
   * Parses descriptor bytes.
   *
   * @throws DescriptorFormatException naming the byte offset when the bytes are not items
   */
  public static ReportDescriptor parse(Bytes bytes) {
    return DescriptorParser.parse(bytes);
  }

  /** Parses items that were built or compiled rather than read. */
  public static ReportDescriptor of(java.util.List<? extends Item> items) {
    return parse(Items.encode(items));
  }

  /** True when the descriptor declares report IDs, so every report on the wire starts with one. */
  public boolean usesReportIds() {
    return reports.stream().anyMatch(r -> r.id() != 0);
  }

  public ImmutableList<Report> reports(ReportType type) {
    return reports.stream().filter(r -> r.type() == type).collect(ImmutableList.toImmutableList());
  }

  public Optional<Report> report(ReportType type, int id) {
    return reports.stream().filter(r -> r.type() == type && r.id() == id).findFirst();
  }

  /** Top-level Application collections, in order. */
  public ImmutableList<HidCollection> applications() {
    return collections.stream()
        .filter(c -> c.isApplication() && c.depth() == 0)
        .collect(ImmutableList.toImmutableList());
  }
}
