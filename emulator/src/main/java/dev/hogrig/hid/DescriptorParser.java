package dev.hogrig.hid;

import com.google.common.collect.ImmutableList;
import dev.hogrig.util.Bytes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Walks items with the global/local state machine of HID 1.11 section 6.2.2 and lays fields out
 * into reports. Stateless from the outside; one instance per parse.
 *
 * <p>Where HID 1.11 leaves room, this follows Linux hid-core ({@code drivers/hid/hid-core.c}), the
 * reference host of the rig: a Usage of 1 or 2 bytes takes the Usage Page in force at the main
 * item; Logical and Physical Maximum read as unsigned when the matching minimum is not negative; a
 * Unit Exponent that fits in 4 bits is a 4-bit two's complement number.
 */
final class DescriptorParser {

  /** Global items (HID 1.11, 6.2.2.7), immutable so Push can keep a copy safely. */
  private record Globals(
      int usagePage,
      ShortItem logicalMin,
      ShortItem logicalMax,
      ShortItem physicalMin,
      ShortItem physicalMax,
      long unitExponent,
      long unit,
      long reportSize,
      int reportId,
      long reportCount) {
    static final ShortItem ZERO = new ShortItem(0, 0x04, Bytes.EMPTY);
    static final Globals INITIAL = new Globals(0, ZERO, ZERO, ZERO, ZERO, 0, 0, 0, 0, 0);
  }

  private final List<Problem> problems = new ArrayList<>();
  private final List<HidCollection> collections = new ArrayList<>();
  private final Deque<HidCollection> open = new ArrayDeque<>();
  private final Deque<Globals> stack = new ArrayDeque<>();
  private final Map<String, List<Field>> reportFields = new LinkedHashMap<>();
  private final Map<String, Long> nextBit = new LinkedHashMap<>();
  private final Map<String, Report> reportKeys = new LinkedHashMap<>();

  private Globals g = Globals.INITIAL;
  private final List<Object> localUsages = new ArrayList<>(); // ShortItem usage or range pair
  private ShortItem pendingMin;
  private int delimiterDepth;

  static ReportDescriptor parse(Bytes bytes) {
    ImmutableList<Item> items = Items.parse(bytes);
    return new DescriptorParser().run(bytes, items);
  }

  private ReportDescriptor run(Bytes bytes, ImmutableList<Item> items) {
    for (Item item : items) {
      if (item instanceof LongItem l) {
        problems.add(
            new Problem(Problem.Kind.LONG_ITEM, l.offset(), "long item: HID 1.11 defines none"));
        continue;
      }
      ShortItem s = (ShortItem) item;
      Optional<ItemTag> tag = s.tag();
      if (tag.isEmpty()) {
        problems.add(
            new Problem(
                Problem.Kind.RESERVED_ITEM,
                s.offset(),
                "reserved item tag, prefix 0x%02x".formatted(s.prefix())));
        continue;
      }
      switch (tag.get().type()) {
        case MAIN -> main(tag.get(), s);
        case GLOBAL -> global(tag.get(), s);
        case LOCAL -> local(tag.get(), s);
        default -> throw new AssertionError(tag.get());
      }
    }
    for (HidCollection c : open) {
      problems.add(
          new Problem(
              Problem.Kind.COLLECTION_NOT_CLOSED,
              c.offset(),
              HidCollection.kindName(c.kind()) + " collection is never closed"));
    }
    if (!stack.isEmpty()) {
      problems.add(
          new Problem(
              Problem.Kind.PUSH_NOT_POPPED,
              bytes.size(),
              stack.size() + " Push item(s) never popped"));
    }
    ImmutableList.Builder<Report> reports = ImmutableList.builder();
    for (Map.Entry<String, List<Field>> e : reportFields.entrySet()) {
      Field first = e.getValue().get(0);
      reports.add(new Report(first.type(), first.reportId(), ImmutableList.copyOf(e.getValue())));
    }
    return new ReportDescriptor(
        bytes,
        items,
        ImmutableList.copyOf(collections),
        reports.build(),
        ImmutableList.copyOf(problems));
  }

  private void main(ItemTag tag, ShortItem s) {
    switch (tag) {
      case COLLECTION -> {
        HidCollection parent = open.peek();
        ImmutableList<UsageSpec> usages = resolveUsages(s.offset());
        // The first usage listed; an empty range (Usage Minimum above Maximum) stands for none.
        Optional<Usage> usage =
            usages.stream().filter(u -> u.count() > 0).findFirst().map(u -> u.get(0));
        HidCollection c =
            new HidCollection(
                collections.size(),
                s.offset(),
                (int) s.unsignedValue(),
                usage,
                parent == null ? -1 : parent.index(),
                open.size());
        collections.add(c);
        open.push(c);
      }
      case END_COLLECTION -> {
        if (open.isEmpty()) {
          problems.add(
              new Problem(
                  Problem.Kind.END_COLLECTION_WITHOUT_COLLECTION,
                  s.offset(),
                  "End Collection with no open collection"));
        } else {
          open.pop();
        }
      }
      case INPUT, OUTPUT, FEATURE -> field(tag, s);
      default -> throw new AssertionError(tag);
    }
    clearLocals();
  }

  private void field(ItemTag tag, ShortItem s) {
    ImmutableList<HidCollection> path = ImmutableList.copyOf(open).reverse();
    if (path.stream().noneMatch(HidCollection::isApplication)) {
      problems.add(
          new Problem(
              Problem.Kind.MAIN_ITEM_OUTSIDE_APPLICATION,
              s.offset(),
              tag.displayName() + " item outside any Application collection"));
    }
    ReportType type = ReportType.of(tag);
    String key = type + "/" + g.reportId();
    long bit = nextBit.getOrDefault(key, 0L);
    long logicalMin = g.logicalMin().signedValue();
    long logicalMax =
        logicalMin < 0 ? g.logicalMax().signedValue() : g.logicalMax().unsignedValue();
    long physicalMin = g.physicalMin().signedValue();
    long physicalMax =
        physicalMin < 0 ? g.physicalMax().signedValue() : g.physicalMax().unsignedValue();
    Field f =
        new Field(
            s.offset(),
            type,
            g.reportId(),
            bit,
            g.reportSize(),
            g.reportCount(),
            new MainFlags(s.unsignedValue()),
            resolveUsages(s.offset()),
            logicalMin,
            logicalMax,
            physicalMin,
            physicalMax,
            g.unit(),
            decodeExponent(g.unitExponent()),
            path);
    reportFields.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
    nextBit.put(key, bit + f.bitLength());
  }

  private static int decodeExponent(long raw) {
    if (raw >= 0 && raw <= 0xf) {
      return raw >= 8 ? (int) raw - 16 : (int) raw;
    }
    return (int) raw;
  }

  private void global(ItemTag tag, ShortItem s) {
    long u = s.unsignedValue();
    g =
        switch (tag) {
          case USAGE_PAGE -> withUsagePage(s);
          case LOGICAL_MINIMUM ->
              new Globals(
                  g.usagePage(),
                  s,
                  g.logicalMax(),
                  g.physicalMin(),
                  g.physicalMax(),
                  g.unitExponent(),
                  g.unit(),
                  g.reportSize(),
                  g.reportId(),
                  g.reportCount());
          case LOGICAL_MAXIMUM ->
              new Globals(
                  g.usagePage(),
                  g.logicalMin(),
                  s,
                  g.physicalMin(),
                  g.physicalMax(),
                  g.unitExponent(),
                  g.unit(),
                  g.reportSize(),
                  g.reportId(),
                  g.reportCount());
          case PHYSICAL_MINIMUM ->
              new Globals(
                  g.usagePage(),
                  g.logicalMin(),
                  g.logicalMax(),
                  s,
                  g.physicalMax(),
                  g.unitExponent(),
                  g.unit(),
                  g.reportSize(),
                  g.reportId(),
                  g.reportCount());
          case PHYSICAL_MAXIMUM ->
              new Globals(
                  g.usagePage(),
                  g.logicalMin(),
                  g.logicalMax(),
                  g.physicalMin(),
                  s,
                  g.unitExponent(),
                  g.unit(),
                  g.reportSize(),
                  g.reportId(),
                  g.reportCount());
          case UNIT_EXPONENT ->
              new Globals(
                  g.usagePage(),
                  g.logicalMin(),
                  g.logicalMax(),
                  g.physicalMin(),
                  g.physicalMax(),
                  s.size() == 0 ? 0 : (u <= 0xf ? u : s.signedValue()),
                  g.unit(),
                  g.reportSize(),
                  g.reportId(),
                  g.reportCount());
          case UNIT ->
              new Globals(
                  g.usagePage(),
                  g.logicalMin(),
                  g.logicalMax(),
                  g.physicalMin(),
                  g.physicalMax(),
                  g.unitExponent(),
                  u,
                  g.reportSize(),
                  g.reportId(),
                  g.reportCount());
          case REPORT_SIZE ->
              new Globals(
                  g.usagePage(),
                  g.logicalMin(),
                  g.logicalMax(),
                  g.physicalMin(),
                  g.physicalMax(),
                  g.unitExponent(),
                  g.unit(),
                  u,
                  g.reportId(),
                  g.reportCount());
          case REPORT_ID -> withReportId(s);
          case REPORT_COUNT ->
              new Globals(
                  g.usagePage(),
                  g.logicalMin(),
                  g.logicalMax(),
                  g.physicalMin(),
                  g.physicalMax(),
                  g.unitExponent(),
                  g.unit(),
                  g.reportSize(),
                  g.reportId(),
                  u);
          case PUSH -> {
            stack.push(g);
            yield g;
          }
          case POP -> {
            if (stack.isEmpty()) {
              problems.add(
                  new Problem(
                      Problem.Kind.POP_WITHOUT_PUSH, s.offset(), "Pop with nothing pushed"));
              yield g;
            }
            yield stack.pop();
          }
          default -> throw new AssertionError(tag);
        };
  }

  private Globals withUsagePage(ShortItem s) {
    return new Globals(
        (int) (s.unsignedValue() & 0xffff),
        g.logicalMin(),
        g.logicalMax(),
        g.physicalMin(),
        g.physicalMax(),
        g.unitExponent(),
        g.unit(),
        g.reportSize(),
        g.reportId(),
        g.reportCount());
  }

  private Globals withReportId(ShortItem s) {
    long id = s.unsignedValue();
    if (id == 0) {
      problems.add(
          new Problem(
              Problem.Kind.REPORT_ID_ZERO,
              s.offset(),
              "Report ID 0 is reserved (HID 1.11 6.2.2.7)"));
    }
    return new Globals(
        g.usagePage(),
        g.logicalMin(),
        g.logicalMax(),
        g.physicalMin(),
        g.physicalMax(),
        g.unitExponent(),
        g.unit(),
        g.reportSize(),
        (int) Math.min(id, Integer.MAX_VALUE),
        g.reportCount());
  }

  private void local(ItemTag tag, ShortItem s) {
    switch (tag) {
      case USAGE -> localUsages.add(s);
      case USAGE_MINIMUM -> {
        if (pendingMin != null) {
          unpaired(pendingMin);
        }
        pendingMin = s;
      }
      case USAGE_MAXIMUM -> {
        if (pendingMin == null) {
          unpaired(s);
        } else {
          localUsages.add(new ShortItem[] {pendingMin, s});
          pendingMin = null;
        }
      }
      case DELIMITER -> {
        long v = s.unsignedValue();
        if (v == 1 && delimiterDepth == 0) {
          delimiterDepth = 1;
        } else if (v == 0 && delimiterDepth == 1) {
          delimiterDepth = 0;
        } else {
          problems.add(
              new Problem(
                  Problem.Kind.BAD_DELIMITER,
                  s.offset(),
                  "Delimiter (%d) does not %s a set".formatted(v, v == 1 ? "open" : "close")));
        }
      }
      default -> {
        // Designator and string indices carry no layout information.
      }
    }
  }

  private void unpaired(ShortItem s) {
    problems.add(
        new Problem(
            Problem.Kind.UNPAIRED_USAGE_RANGE,
            s.offset(),
            s.tag().orElseThrow().displayName() + " without its matching bound"));
  }

  private Usage usageOf(ShortItem s) {
    if (s.size() == 4) {
      return Usage.ofExtended(s.unsignedValue());
    }
    return new Usage(g.usagePage(), (int) (s.unsignedValue() & 0xffff));
  }

  private ImmutableList<UsageSpec> resolveUsages(int mainOffset) {
    ImmutableList.Builder<UsageSpec> out = ImmutableList.builder();
    for (Object o : localUsages) {
      if (o instanceof ShortItem s) {
        out.add(usageOf(s));
      } else {
        ShortItem[] pair = (ShortItem[]) o;
        Usage min = usageOf(pair[0]);
        Usage max = usageOf(pair[1]);
        if (min.page() != max.page()) {
          problems.add(
              new Problem(
                  Problem.Kind.USAGE_RANGE_ACROSS_PAGES,
                  pair[0].offset(),
                  "Usage Minimum %s and Usage Maximum %s are on different pages"
                      .formatted(min, max)));
        }
        out.add(new UsageRange(min, max));
      }
    }
    if (pendingMin != null) {
      unpaired(pendingMin);
    }
    return out.build();
  }

  private void clearLocals() {
    localUsages.clear();
    pendingMin = null;
    if (delimiterDepth != 0) {
      delimiterDepth = 0;
    }
  }
}
