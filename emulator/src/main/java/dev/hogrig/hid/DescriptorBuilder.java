package dev.hogrig.hid;

import com.google.common.collect.ImmutableList;
import dev.hogrig.util.Bytes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Composes a report descriptor in code, one item per call, in the order written:
 *
 * <pre>
 *   Bytes mouse = DescriptorBuilder.create()
 *       .usagePage(PAGE_GENERIC_DESKTOP).usage(MOUSE)
 *       .application(app -> app
 *           .usage(POINTER)
 *           .physical(p -> p
 *               .usagePage(PAGE_BUTTON).usageRange(1, 3)
 *               .logicalRange(0, 1).reportCount(3).reportSize(1).input(MainFlags.DATA_VAR_ABS)
 *               ...))
 *       .build();
 * </pre>
 *
 * <p>Collections are only opened through a lambda ({@link #collection}, {@link #application},
 * {@link #physical}, {@link #logical}) whose End Collection the builder writes, so the result is
 * always balanced. Push and Pop are the caller's to pair.
 *
 * <h2>Encoding choices</h2>
 *
 * <ul>
 *   <li>Every item that carries a value gets the smallest data size that holds it, but at least one
 *       byte: a value of 0 could legally be sent with no data (HID 1.11 §6.2.2.2), yet the spec's
 *       own examples (Appendix B: {@code 15 00}, {@code 81 00}, {@code A1 00}) and almost every
 *       real device write one byte, and some parsers only read data when it is present. End
 *       Collection, Push and Pop carry no data.
 *   <li>Logical and Physical Minimum and Maximum are written as signed numbers (HID 1.11 §6.2.2.7),
 *       so Logical Maximum 255 is {@code 26 FF 00}, not {@code 25 FF}. Linux reads a maximum as
 *       unsigned when the minimum is not negative and would accept {@code 25 FF}, but hosts that
 *       follow the spec literally (Windows' HID parser among them) read it as -1. The signed form
 *       means the same thing to every host.
 *   <li>Unit Exponent is written as the 4-bit two's complement nibble of HID 1.11 §6.2.2.7's table
 *       (-2 is {@code 55 0E}), the form real devices and Windows use; it must be -8..7.
 *   <li>{@link #usage(Usage)} writes a 1- or 2-byte Usage when the usage is on the Usage Page in
 *       force, otherwise a 4-byte extended usage (page in the high 16 bits, HID 1.11 §6.2.2.8).
 *       Changing the Usage Page while short usages wait for their main item is refused: hosts
 *       disagree on which page those usages then take (Linux uses the page at the main item).
 * </ul>
 */
public final class DescriptorBuilder {
  private final List<Item> items = new ArrayList<>();
  private final Deque<Integer> pushedPages = new ArrayDeque<>();
  private int usagePage = -1;

  /** Short-form usages written since the last main item, which depend on the current page. */
  private final List<Usage> pendingShortUsages = new ArrayList<>();

  private DescriptorBuilder() {}

  public static DescriptorBuilder create() {
    return new DescriptorBuilder();
  }

  // ---------------------------------------------------------------- global items (§6.2.2.7)

  public DescriptorBuilder usagePage(int page) {
    if (page < 0 || page > 0xffff) {
      throw new IllegalArgumentException("usage page is 16-bit: " + page);
    }
    if (page != usagePage && !pendingShortUsages.isEmpty()) {
      throw new IllegalStateException(
          ("Usage Page 0x%04x after Usage %s and before its main item: hosts disagree on which"
                  + " page such a usage takes. Write the Usage Page first.")
              .formatted(page, pendingShortUsages.get(0)));
    }
    usagePage = page;
    return unsigned(ItemTag.USAGE_PAGE, page);
  }

  public DescriptorBuilder logicalMinimum(long value) {
    return signed(ItemTag.LOGICAL_MINIMUM, value);
  }

  public DescriptorBuilder logicalMaximum(long value) {
    return signed(ItemTag.LOGICAL_MAXIMUM, value);
  }

  /** Logical Minimum then Logical Maximum. */
  public DescriptorBuilder logicalRange(long min, long max) {
    return logicalMinimum(min).logicalMaximum(max);
  }

  public DescriptorBuilder physicalMinimum(long value) {
    return signed(ItemTag.PHYSICAL_MINIMUM, value);
  }

  public DescriptorBuilder physicalMaximum(long value) {
    return signed(ItemTag.PHYSICAL_MAXIMUM, value);
  }

  /** Physical Minimum then Physical Maximum. */
  public DescriptorBuilder physicalRange(long min, long max) {
    return physicalMinimum(min).physicalMaximum(max);
  }

  /** Unit Exponent -8..7, written as a 4-bit nibble (see the class notes). */
  public DescriptorBuilder unitExponent(int exponent) {
    if (exponent < -8 || exponent > 7) {
      throw new IllegalArgumentException("unit exponent must be -8..7: " + exponent);
    }
    return add(ShortItem.ofSize(ItemTag.UNIT_EXPONENT, exponent & 0xf, 1));
  }

  /** Unit, the nibble-coded system and exponents of HID 1.11 §6.2.2.7 (e.g. 0x11 cm). */
  public DescriptorBuilder unit(long unit) {
    return unsigned(ItemTag.UNIT, unit);
  }

  public DescriptorBuilder reportSize(long bits) {
    return unsigned(ItemTag.REPORT_SIZE, bits);
  }

  public DescriptorBuilder reportCount(long count) {
    return unsigned(ItemTag.REPORT_COUNT, count);
  }

  /** Report ID 1..255 (0 is reserved, HID 1.11 §6.2.2.7; the wire prefix is one byte). */
  public DescriptorBuilder reportId(int id) {
    if (id < 1 || id > 0xff) {
      throw new IllegalArgumentException("report ID must be 1..255: " + id);
    }
    return unsigned(ItemTag.REPORT_ID, id);
  }

  public DescriptorBuilder push() {
    pushedPages.push(usagePage);
    return add(ShortItem.of(ItemTag.PUSH));
  }

  public DescriptorBuilder pop() {
    if (!pushedPages.isEmpty()) {
      int page = pushedPages.pop();
      if (page != usagePage && !pendingShortUsages.isEmpty()) {
        throw new IllegalStateException(
            "Pop changes the Usage Page after Usage %s and before its main item"
                .formatted(pendingShortUsages.get(0)));
      }
      usagePage = page;
    }
    return add(ShortItem.of(ItemTag.POP));
  }

  // ----------------------------------------------------------------- local items (§6.2.2.8)

  /** Usage: short form on the current Usage Page, otherwise a 4-byte extended usage. */
  public DescriptorBuilder usage(Usage usage) {
    return local(ItemTag.USAGE, usage);
  }

  /** Usage ID on the current Usage Page. */
  public DescriptorBuilder usage(int id) {
    return usage(onCurrentPage(id));
  }

  public DescriptorBuilder usages(Usage... usages) {
    for (Usage u : usages) {
      usage(u);
    }
    return this;
  }

  public DescriptorBuilder usageMinimum(Usage usage) {
    return local(ItemTag.USAGE_MINIMUM, usage);
  }

  public DescriptorBuilder usageMaximum(Usage usage) {
    return local(ItemTag.USAGE_MAXIMUM, usage);
  }

  /** Usage Minimum then Usage Maximum. */
  public DescriptorBuilder usageRange(Usage min, Usage max) {
    return usageMinimum(min).usageMaximum(max);
  }

  /** Usage Minimum then Usage Maximum, IDs on the current Usage Page. */
  public DescriptorBuilder usageRange(int minId, int maxId) {
    return usageRange(onCurrentPage(minId), onCurrentPage(maxId));
  }

  /** Any other item with an unsigned value, e.g. String Index or Designator Index. */
  public DescriptorBuilder item(ItemTag tag, long value) {
    if (tag.type() == ItemType.MAIN) {
      throw new IllegalArgumentException("use input/output/feature/collection for " + tag);
    }
    return unsigned(tag, value);
  }

  /** Appends a prepared item as is (e.g. a deliberately odd encoding for a test). */
  public DescriptorBuilder item(Item item) {
    return add(item);
  }

  // ------------------------------------------------------------------ main items (§6.2.2.4)

  public DescriptorBuilder input(MainFlags flags) {
    return main(ItemTag.INPUT, flags.bits());
  }

  public DescriptorBuilder output(MainFlags flags) {
    return main(ItemTag.OUTPUT, flags.bits());
  }

  public DescriptorBuilder feature(MainFlags flags) {
    return main(ItemTag.FEATURE, flags.bits());
  }

  /**
   * Collection of {@code kind} (see {@link HidCollection} constants) around what {@code body}
   * writes, then End Collection.
   */
  public DescriptorBuilder collection(int kind, Consumer<DescriptorBuilder> body) {
    if (kind < 0 || kind > 0xff) {
      throw new IllegalArgumentException("collection type is one byte: " + kind);
    }
    main(ItemTag.COLLECTION, kind);
    body.accept(this);
    return main(ItemTag.END_COLLECTION, -1);
  }

  public DescriptorBuilder application(Consumer<DescriptorBuilder> body) {
    return collection(HidCollection.APPLICATION, body);
  }

  public DescriptorBuilder physical(Consumer<DescriptorBuilder> body) {
    return collection(HidCollection.PHYSICAL, body);
  }

  public DescriptorBuilder logical(Consumer<DescriptorBuilder> body) {
    return collection(HidCollection.LOGICAL, body);
  }

  // ------------------------------------------------------------------------------- output

  /** The items written so far, with offsets as laid out. */
  public ImmutableList<Item> items() {
    return Items.relocate(items);
  }

  /** The descriptor bytes. */
  public Bytes build() {
    return Items.encode(items);
  }

  /** The descriptor, parsed. */
  public ReportDescriptor buildDescriptor() {
    return ReportDescriptor.parse(build());
  }

  // ------------------------------------------------------------------------------ helpers

  private Usage onCurrentPage(int id) {
    if (usagePage < 0) {
      throw new IllegalStateException("usage ID " + id + " given before any Usage Page");
    }
    return new Usage(usagePage, id);
  }

  private DescriptorBuilder local(ItemTag tag, Usage usage) {
    Objects.requireNonNull(usage);
    if (usage.page() == usagePage) {
      pendingShortUsages.add(usage);
      return unsigned(tag, usage.id());
    }
    return add(ShortItem.ofSize(tag, usage.extended(), 4));
  }

  private DescriptorBuilder main(ItemTag tag, long value) {
    pendingShortUsages.clear();
    return value < 0 ? add(ShortItem.of(tag)) : unsigned(tag, value);
  }

  private DescriptorBuilder unsigned(ItemTag tag, long value) {
    if (value < 0 || value > 0xffffffffL) {
      throw new IllegalArgumentException(tag.displayName() + " must be 0..0xffffffff: " + value);
    }
    return add(ShortItem.ofSize(tag, value, Math.max(1, ShortItem.minimalSize(value, false))));
  }

  private DescriptorBuilder signed(ItemTag tag, long value) {
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          tag.displayName() + " must fit a signed 32-bit number: " + value);
    }
    return add(ShortItem.ofSize(tag, value, Math.max(1, ShortItem.minimalSize(value, true))));
  }

  private DescriptorBuilder add(Item item) {
    items.add(item);
    return this;
  }
}
