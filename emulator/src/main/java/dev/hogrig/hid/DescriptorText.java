package dev.hogrig.hid;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.hogrig.util.Bytes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Report descriptors as text, in the format hid-tools' {@code hid-decode} prints, and back.
 *
 * <h2>Decode</h2>
 *
 * One item a line:
 *
 * <pre>
 * 0x05, 0x01,                    // Usage Page (Generic Desktop)        0
 * 0x09, 0x02,                    // Usage (Mouse)                       2
 * 0xa1, 0x01,                    // Collection (Application)            4
 * 0x09, 0x01,                    //  Usage (Pointer)                    6
 * 0xa1, 0x00,                    //  Collection (Physical)              8
 * 0x05, 0x09,                    //   Usage Page (Button)               10
 * 0x19, 0x01,                    //   Usage Minimum (1)                 12
 * 0x26, 0xff, 0x00,              //   Logical Maximum (255)             14
 * 0x81, 0x02,                    //   Input (Data,Var,Abs)              17
 * 0xc0,                          //  End Collection                     19
 * |&lt;----------- 30 ----------&gt;|    |&lt;------------ 35 -------------&gt;| offset
 * </pre>
 *
 * <ul>
 *   <li>the item's bytes, each {@code 0x%02x,} and separated by a space, padded to 30 characters;
 *   <li>{@code " // "}, then the description indented by one space per open collection (a
 *       Collection line at its parent's depth, its End Collection likewise), padded to 35
 *       characters;
 *   <li>a space and the item's byte offset in decimal.
 * </ul>
 *
 * Descriptions follow {@code get_human_descr} in hid-tools' {@code hidtools/hid.py}: {@code Usage
 * Page (Generic Desktop)}, {@code Usage (X)} named from {@link UsageTables} against the Usage Page
 * in force (Push/Pop included), {@code Usage (Vendor Usage 0x01)} when hid-tools' tables have no
 * name (all Button usages above 0 among them), {@code Usage Page (Vendor Usage Page 0xff01)} for a
 * page they do not name (0xFF00 is {@code Vendor Defined Page 1}), {@code Input (Data,Var,Abs)} /
 * {@code (Cnst,Arr,Abs,Wrap,NonLin,NoPref,Null,Vol,Buff)}, {@code Collection (Application)} with
 * hid-tools' spellings ({@code Named_array}, {@code Reserved 0x7}, {@code Vendor_defined 0x80}),
 * {@code Unit (SILinear: cm * s⁻¹)}, Logical/Physical Minimum signed and Maximum unsigned as
 * hid-tools prints them, {@code Unit Exponent (-2)} read as 4-bit two's complement, {@code Usage
 * Minimum (1)} in decimal. Where hid-tools' text would lose information or crash, hogrig prints
 * something that reads back to the same item:
 *
 * <ul>
 *   <li>a 4-byte (extended) Usage, Usage Minimum or Maximum names its own page: {@code Usage
 *       (Consumer: AC Pan)} (HID 1.11 6.2.2.8);
 *   <li>Designator, String and Delimiter items, and Push/Pop/End Collection items that carry data
 *       bytes, show their value: {@code String Index (3)};
 *   <li>a Unit that hid-tools' notation cannot carry (reserved system or nibble, no units) is hex:
 *       {@code Unit (0x01)}; main-item flag bits above bit 8 are appended as {@code ,0x200};
 *   <li>a Unit Exponent whose value does not fit in 4 bits is read as a signed number of its own
 *       width, as Linux hid-core does ({@code 0x55, 0xf8} is {@code Unit Exponent (-8)}), where
 *       hid-tools would subtract 16 from the unsigned value;
 *   <li>a Usage Page above 0xffff and a Collection type above 0xff are printed in hex;
 *   <li>reserved tags read {@code Reserved Tag 0xf0 (18)} (the prefix with the size bits clear,
 *       then the unsigned value, absent for a 0-byte item); long items (HID 1.11 6.2.2.3) read
 *       {@code Long Item (tag 0x12, data 01 02 03)}.
 * </ul>
 *
 * <h2>Compile</h2>
 *
 * {@link #compile} reads that output back, and also hand-written lines: any indentation, blank
 * lines, lines starting with {@code #} (comments), and {@code # 0x05, 0x01, // ...} lines as
 * hid-recorder prefixes them (a {@code #} line is an item only when a byte column follows the
 * {@code #} and then the line ends or {@code //} follows, so prose such as {@code # 0xCD, Scan Next
 * Track 0xB5} in a file header stays a comment). Lines starting with {@code //} are comments too,
 * and {@code //} ends a hand-written description ({@code Usage (X) // the x axis}); no item or
 * usage name contains {@code //}. The trailing offset is optional and ignored. Names of items,
 * pages, usages, collection types, flags and units are matched ignoring case; any value may also be
 * a number, decimal or {@code 0x} hex. Named usages resolve against the Usage Page in force.
 *
 * <p><b>Which bytes are emitted.</b> The description is authoritative. It is encoded minimally: at
 * least one data byte when the item shows a value (so {@code Logical Minimum (0)} is {@code 15 00}
 * as in HID 1.11 Appendix B), none for {@code End Collection}, {@code Push} and {@code Pop};
 * Logical/Physical Minimum/Maximum as signed numbers ({@code Logical Maximum (255)} is {@code 26 ff
 * 00}), everything else unsigned, Unit Exponent -8..7 as a 4-bit two's complement nibble (8..15
 * cannot be written, since a value that fits in 4 bits reads back negative; others are signed
 * minimal). A usage written {@code Page: Usage} ({@code Usage (Consumer: AC Pan)}), or a number
 * above 0xffff, becomes a 4-byte extended usage. When the line also carries a byte column that
 * holds exactly one item of the same tag whose description (under the same Usage Page) is
 * identical, those bytes are kept as they are. That makes bytes → text → bytes exact for every
 * descriptor, non-minimal encodings ({@code 0x26, 0x01, 0x00}), vendor usages, reserved tags and
 * long items included, while an edited description still wins over stale bytes. A line that is only
 * a byte column ({@code 0x05, 0x01,}) is taken verbatim.
 *
 * <p>Errors are {@link TextCompileException}s naming line and column: {@code line 7, column 1:
 * unknown item "Usage Pgae"}.
 */
public final class DescriptorText {
  private DescriptorText() {}

  static final int BYTES_WIDTH = 30;
  static final int DESCRIPTION_WIDTH = 35;

  private static final UsageTables TABLES = UsageTables.standard();

  private static final String[] COLLECTION_NAMES = {
    "Physical", "Application", "Logical", "Report", "Named_array", "Usage_switch", "Usage_modifier"
  };

  private static final String[] FLAG_SET = {
    "Cnst", "Var", "Rel", "Wrap", "NonLin", "NoPref", "Null", "Vol", "Buff"
  };

  private static final ImmutableMap<String, Long> FLAG_WORDS =
      ImmutableMap.<String, Long>builder()
          .put("data", 0L)
          .put("arr", 0L)
          .put("array", 0L)
          .put("abs", 0L)
          .put("absolute", 0L)
          .put("nowrap", 0L)
          .put("lin", 0L)
          .put("linear", 0L)
          .put("pref", 0L)
          .put("nonull", 0L)
          .put("nonvol", 0L)
          .put("bitfield", 0L)
          .put("cnst", 0x1L)
          .put("const", 0x1L)
          .put("constant", 0x1L)
          .put("var", 0x2L)
          .put("variable", 0x2L)
          .put("rel", 0x4L)
          .put("relative", 0x4L)
          .put("wrap", 0x8L)
          .put("nonlin", 0x10L)
          .put("nopref", 0x20L)
          .put("null", 0x40L)
          .put("vol", 0x80L)
          .put("buff", 0x100L)
          .buildOrThrow();

  /** Unit systems 1..4 (HID 1.11 6.2.2.7, table "Unit"), named as hid-tools names them. */
  private static final String[] UNIT_SYSTEMS = {
    "None", "SILinear", "SIRotation", "EnglishLinear", "EnglishRotation"
  };

  /** Per system, the unit of nibbles 1..6: length, mass, time, temperature, current, light. */
  private static final String[][] UNIT_NAMES = {
    {},
    {"cm", "g", "s", "K", "A", "cd"},
    {"rad", "g", "s", "K", "A", "cd"},
    {"in", "slug", "s", "F", "A", "cd"},
    {"deg", "slug", "s", "F", "A", "cd"},
  };

  private static final String SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";
  private static final char SUPERSCRIPT_MINUS = '⁻';

  private static final ImmutableMap<String, ItemTag> TAGS_BY_KEY;

  static {
    ImmutableMap.Builder<String, ItemTag> b = ImmutableMap.builder();
    for (ItemTag t : ItemTag.values()) {
      b.put(key(t.displayName()), t);
    }
    TAGS_BY_KEY = b.buildOrThrow();
  }

  private static final Pattern RESERVED_NAME =
      Pattern.compile("reserved\\s*tag\\s*0x([0-9a-f]{1,2})", Pattern.CASE_INSENSITIVE);
  private static final Pattern LONG_ARG =
      Pattern.compile(
          "\\s*tag\\s+(0x[0-9a-f]{1,2}|[0-9]{1,3})\\s*(?:,\\s*data((?:\\s+[0-9a-f]{2})*))?\\s*",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern VENDOR_USAGE =
      Pattern.compile("vendor\\s+usage\\s+(0x[0-9a-f]{1,4})", Pattern.CASE_INSENSITIVE);
  private static final Pattern VENDOR_USAGE_PAGE =
      Pattern.compile("vendor\\s+usage\\s+page\\s+(0x[0-9a-f]{1,8})", Pattern.CASE_INSENSITIVE);
  private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,11}");
  private static final Pattern HEX = Pattern.compile("0[xX]0*([0-9a-fA-F]{1,8})");
  private static final Pattern TRAILING_OFFSET = Pattern.compile("(.*?)(?:\\s+[0-9]+)?\\s*");
  private static final Pattern UNIT_TERM =
      Pattern.compile("([A-Za-z]+)\\s*(?:([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)|\\^\\s*(-?[0-9]{1,2}))?");

  // ---------------------------------------------------------------- decode

  /** The text of a parsed descriptor, one line per item, each ending in a newline. */
  public static String decode(ReportDescriptor descriptor) {
    return decode(descriptor.items());
  }

  /**
   * The text of items, one line per item, each ending in a newline. Offsets are counted from the
   * first item, so built items get the offsets they would have when encoded.
   */
  public static String decode(List<? extends Item> items) {
    StringBuilder out = new StringBuilder();
    Context ctx = new Context();
    int depth = 0;
    int offset = 0;
    for (Item item : items) {
      String description = describe(item, ctx.page);
      int indent = depth;
      if (item instanceof ShortItem s && s.tag().isPresent()) {
        if (s.tag().get() == ItemTag.COLLECTION) {
          depth++;
        } else if (s.tag().get() == ItemTag.END_COLLECTION) {
          depth = Math.max(0, depth - 1);
          indent = depth;
        }
      }
      out.append(pad(byteColumn(item.encoded()), BYTES_WIDTH))
          .append(" // ")
          .append(pad(" ".repeat(indent) + description, DESCRIPTION_WIDTH))
          .append(' ')
          .append(offset)
          .append('\n');
      ctx.update(item);
      offset += item.length();
    }
    return out.toString();
  }

  /** {@code 0x05, 0x01,}: hid-decode's byte column, unpadded. */
  static String byteColumn(Bytes bytes) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < bytes.size(); i++) {
      if (i > 0) {
        b.append(' ');
      }
      b.append("0x%02x,".formatted(bytes.get(i)));
    }
    return b.toString();
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }

  /** The page in force after a Usage Page whose 32-bit value hid-decode cannot name a page by. */
  private static final int NO_PAGE = -1;

  /**
   * The page hid-decode names usages against after a Usage Page item of value {@code u}: {@code u}
   * itself, or for a value above 16 bits its high half when the low half is zero (hid-tools looks a
   * 32-bit key up by its high half, {@code HidUsageTable.__getitem__}), else no page at all. Such
   * values are malformed (HID 1.11 6.2.2.7: a Usage Page is 16 bits); this only keeps the text what
   * hid-decode prints.
   */
  static int pageInForce(long u) {
    if (u <= 0xffff) {
      return (int) u;
    }
    return (u & 0xffff) == 0 ? (int) (u >>> 16) : NO_PAGE;
  }

  /** hid-decode's text for a Usage Page value: the table name, else "Vendor Usage Page 0x..". */
  static String pageText(long u) {
    int page = pageInForce(u);
    if (page != NO_PAGE && TABLES.isKnownPage(page)) {
      return TABLES.pageName(page);
    }
    return "Vendor Usage Page 0x%02x".formatted(u);
  }

  /** Usage Page in force, with the Push/Pop stack, as both directions track it. */
  private static final class Context {
    int page;
    final Deque<Integer> stack = new ArrayDeque<>();

    void update(Item item) {
      if (!(item instanceof ShortItem s) || s.tag().isEmpty()) {
        return;
      }
      switch (s.tag().get()) {
        case USAGE_PAGE -> page = pageInForce(s.unsignedValue());
        case PUSH -> stack.push(page);
        case POP -> {
          if (!stack.isEmpty()) {
            page = stack.pop();
          }
        }
        default -> {}
      }
    }
  }

  /**
   * The human description of one item (without indentation), naming usages against {@code
   * usagePage}, the Usage Page in force before the item.
   */
  static String describe(Item item, int usagePage) {
    if (item instanceof LongItem l) {
      return "Long Item (tag 0x%02x".formatted(l.longTag())
          + (l.data().isEmpty() ? "" : ", data " + l.data().toHex())
          + ")";
    }
    ShortItem s = (ShortItem) item;
    long u = s.unsignedValue();
    Optional<ItemTag> maybeTag = s.tag();
    if (maybeTag.isEmpty()) {
      return "Reserved Tag 0x%02x".formatted(s.prefix() & 0xfc)
          + (s.size() == 0 ? "" : " (" + u + ")");
    }
    ItemTag tag = maybeTag.get();
    String name = tag.displayName();
    return switch (tag) {
      case INPUT, OUTPUT, FEATURE -> name + " (" + flagsText(u) + ")";
      case COLLECTION -> name + " (" + collectionText(u) + ")";
      case END_COLLECTION, PUSH, POP -> s.size() == 0 ? name : name + " (" + u + ")";
      case USAGE_PAGE -> name + " (" + pageText(u) + ")";
      case USAGE -> name + " (" + usageText(s, usagePage) + ")";
      case USAGE_MINIMUM, USAGE_MAXIMUM ->
          name + " (" + (s.size() == 4 ? extendedText(u) : Long.toString(u)) + ")";
      case LOGICAL_MINIMUM, PHYSICAL_MINIMUM -> name + " (" + s.signedValue() + ")";
      case UNIT_EXPONENT -> name + " (" + exponentValue(s) + ")";
      case UNIT -> name + " (" + unitText(u) + ")";
      default -> name + " (" + u + ")";
    };
  }

  private static String hex(long v) {
    return "0x%02x".formatted(v);
  }

  static String flagsText(long u) {
    StringBuilder b = new StringBuilder();
    b.append((u & 0x1) != 0 ? "Cnst," : "Data,");
    b.append((u & 0x2) != 0 ? "Var," : "Arr,");
    b.append((u & 0x4) != 0 ? "Rel" : "Abs");
    for (int bit = 3; bit <= 8; bit++) {
      if ((u & (1L << bit)) != 0) {
        b.append(',').append(FLAG_SET[bit]);
      }
    }
    long rest = u & ~0x1ffL;
    if (rest != 0) {
      b.append(',').append(hex(rest));
    }
    return b.toString();
  }

  static String collectionText(long u) {
    if (u < COLLECTION_NAMES.length) {
      return COLLECTION_NAMES[(int) u];
    }
    if (u <= 0x7f) {
      return "Reserved 0x%x".formatted(u);
    }
    if (u <= 0xff) {
      return "Vendor_defined 0x%x".formatted(u);
    }
    return hex(u);
  }

  private static String usageText(ShortItem s, int usagePage) {
    long u = s.unsignedValue();
    if (s.size() == 4) {
      return extendedText(u);
    }
    if (usagePage == NO_PAGE) {
      return "Vendor Usage 0x%02x".formatted(u);
    }
    return usageOnPage(new Usage(usagePage, (int) u));
  }

  private static String usageOnPage(Usage usage) {
    return TABLES.usageName(usage).orElse("Vendor Usage 0x%02x".formatted(usage.id()));
  }

  /** A 32-bit extended usage, HID 1.11 6.2.2.8: {@code Consumer: AC Pan}. */
  private static String extendedText(long u) {
    Usage usage = Usage.ofExtended(u);
    return TABLES.pageName(usage.page()) + ": " + usageOnPage(usage);
  }

  /** A 4-bit two's complement nibble when the value fits in 4 bits, else signed at its width. */
  static long exponentValue(ShortItem s) {
    long u = s.unsignedValue();
    if (u <= 0xf) {
      return u >= 8 ? u - 16 : u;
    }
    return s.signedValue();
  }

  /**
   * hid-tools' unit notation ({@code SILinear: cm * s⁻¹}), {@code None} for 0, or hex when that
   * notation cannot carry the value (system 5..15, bits 28..31 set, a system with no units).
   */
  static String unitText(long u) {
    if (u == 0) {
      return "None";
    }
    int system = (int) (u & 0xf);
    if (system < 1 || system > 4 || (u >>> 28) != 0) {
      return hex(u);
    }
    List<String> terms = new ArrayList<>();
    for (int nibble = 1; nibble <= 6; nibble++) {
      int raw = (int) ((u >>> (4 * nibble)) & 0xf);
      int exp = raw >= 8 ? raw - 16 : raw;
      if (exp != 0) {
        terms.add(UNIT_NAMES[system][nibble - 1] + superscript(exp));
      }
    }
    if (terms.isEmpty()) {
      return hex(u);
    }
    return UNIT_SYSTEMS[system] + ": " + String.join(" * ", terms);
  }

  private static String superscript(int exp) {
    if (exp == 1) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    for (char c : Integer.toString(exp).toCharArray()) {
      b.append(c == '-' ? SUPERSCRIPT_MINUS : SUPERSCRIPTS.charAt(c - '0'));
    }
    return b.toString();
  }

  // ---------------------------------------------------------------- compile

  /**
   * Compiles descriptor text (decode output or hand-written) to descriptor bytes.
   *
   * @throws TextCompileException naming line and column of the first error
   */
  public static Bytes compile(String text) {
    List<Item> items = new ArrayList<>();
    Context ctx = new Context();
    String[] lines = text.split("\r\n|\n|\r", -1);
    for (int i = 0; i < lines.length; i++) {
      for (Item item : new LineCompiler(i + 1, lines[i], ctx.page).compile()) {
        items.add(item);
        ctx.update(item);
      }
    }
    return Items.encode(items);
  }

  /** One line's worth of compiling; columns in errors are 1-based indexes into the raw line. */
  private static final class LineCompiler {
    private final int lineNo;
    private final String raw;
    private final int page;
    private int pos;

    LineCompiler(int lineNo, String raw, int page) {
      this.lineNo = lineNo;
      this.raw = raw;
      this.page = page;
    }

    private TextCompileException error(int index, String what) {
      return new TextCompileException(lineNo, index + 1, what);
    }

    private void skipSpace() {
      while (pos < raw.length() && Character.isWhitespace(raw.charAt(pos))) {
        pos++;
      }
    }

    private boolean startsWithByte() {
      return raw.regionMatches(true, pos, "0x", 0, 2);
    }

    List<Item> compile() {
      skipSpace();
      if (pos == raw.length()) {
        return List.of();
      }
      if (raw.startsWith("//", pos)) {
        return List.of(); // a comment
      }
      boolean hashed = false;
      if (raw.charAt(pos) == '#') {
        pos++;
        skipSpace();
        if (!startsWithByte()) {
          return List.of(); // a comment
        }
        hashed = true;
      }
      Bytes bytes = null;
      int bytesStart = pos;
      if (startsWithByte()) {
        int before = pos;
        bytes = hashed ? tryByteColumn() : readByteColumn();
        if (bytes == null) {
          return List.of(); // prose that happens to start with "0x": a comment
        }
        if (pos == raw.length()) {
          return verbatim(bytes, bytesStart);
        }
        if (!raw.startsWith("//", pos)) {
          if (hashed) {
            pos = before;
            return List.of(); // "# 0xCD, Scan Next Track 0xB5, ...": a prose comment
          }
          throw error(pos, "expected \"//\" between the item bytes and the description");
        }
        pos += 2;
        skipSpace();
        if (pos == raw.length() || raw.startsWith("//", pos)) {
          return verbatim(bytes, bytesStart);
        }
      }
      Item written = description();
      if (bytes != null) {
        Optional<Item> kept = sameItem(bytes, written);
        if (kept.isPresent()) {
          return List.of(kept.get());
        }
      }
      return List.of(written);
    }

    /** {@link #readByteColumn}, or null when the text there is not a byte column. */
    private Bytes tryByteColumn() {
      int start = pos;
      try {
        return readByteColumn();
      } catch (TextCompileException e) {
        pos = start;
        return null;
      }
    }

    private Bytes readByteColumn() {
      List<Integer> values = new ArrayList<>();
      while (pos < raw.length() && startsWithByte()) {
        int start = pos;
        pos += 2;
        int digits = 0;
        while (pos < raw.length() && Character.digit(raw.charAt(pos), 16) >= 0) {
          pos++;
          digits++;
        }
        if (digits < 1 || digits > 2) {
          throw error(start, "expected a byte such as 0x05, got \"" + token(start) + "\"");
        }
        values.add(Integer.parseInt(raw.substring(start + 2, pos), 16));
        skipSpace();
        if (pos < raw.length() && raw.charAt(pos) == ',') {
          pos++;
          skipSpace();
        }
      }
      int[] out = new int[values.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = values.get(i);
      }
      return Bytes.of(out);
    }

    /** The word at {@code start}, for messages. */
    private String token(int start) {
      int end = start;
      while (end < raw.length()
          && !Character.isWhitespace(raw.charAt(end))
          && raw.charAt(end) != ',') {
        end++;
      }
      return raw.substring(start, end);
    }

    private List<Item> verbatim(Bytes bytes, int start) {
      try {
        return new ArrayList<>(Items.parse(bytes));
      } catch (DescriptorFormatException e) {
        throw error(start, "these bytes are not whole items: " + e.getMessage());
      }
    }

    /** The item the byte column holds, if it is one item that describes as {@code written}. */
    private Optional<Item> sameItem(Bytes bytes, Item written) {
      ImmutableList<Item> parsed;
      try {
        parsed = Items.parse(bytes);
      } catch (DescriptorFormatException e) {
        return Optional.empty();
      }
      if (parsed.size() != 1) {
        return Optional.empty();
      }
      Item b = parsed.get(0);
      boolean sameTag =
          (b instanceof LongItem && written instanceof LongItem)
              || (b instanceof ShortItem sb
                  && written instanceof ShortItem sw
                  && (sb.prefix() & 0xfc) == (sw.prefix() & 0xfc));
      if (sameTag && describe(b, page).equals(describe(written, page))) {
        return Optional.of(b);
      }
      return Optional.empty();
    }

    /** Parses {@code Name [(argument)] [offset]} from {@code pos}. */
    private Item description() {
      int nameStart = pos;
      int comment = raw.indexOf("//", pos);
      String work = comment >= 0 ? raw.substring(0, comment) : raw; // no name holds "//"
      int open = work.indexOf('(', pos);
      String name;
      String arg = null;
      int argStart = -1;
      if (open >= 0) {
        name = work.substring(pos, open).strip();
        int close = work.lastIndexOf(')');
        if (close < open) {
          throw error(
              work.stripTrailing().length(),
              "expected \")\" to close the \"(\" in column " + (open + 1));
        }
        argStart = open + 1;
        while (argStart < close && Character.isWhitespace(work.charAt(argStart))) {
          argStart++;
        }
        arg = work.substring(argStart, close).strip();
        String after = work.substring(close + 1);
        if (!after.matches("\\s*([0-9]+\\s*)?")) {
          int at = close + 1;
          while (Character.isWhitespace(work.charAt(at))) {
            at++;
          }
          throw error(
              at, "unexpected text after \")\"; only the byte offset or a // comment may follow");
        }
      } else {
        Matcher m = TRAILING_OFFSET.matcher(work.substring(pos));
        m.matches();
        name = m.group(1).strip();
      }
      if (name.isEmpty()) {
        throw error(nameStart, "expected an item name such as \"Usage Page\"");
      }
      ItemTag tag = TAGS_BY_KEY.get(key(name));
      if (tag != null) {
        return shortItem(tag, name, arg, argStart, nameStart);
      }
      Matcher reserved = RESERVED_NAME.matcher(name);
      if (reserved.matches()) {
        return reservedItem(Integer.parseInt(reserved.group(1), 16), arg, argStart, nameStart);
      }
      if (key(name).equals("longitem")) {
        return longItem(arg, argStart, nameStart);
      }
      throw error(nameStart, "unknown item \"" + name + "\"");
    }

    private Item reservedItem(int prefix, String arg, int argStart, int nameStart) {
      if ((prefix & 0x3) != 0 || ItemTag.ofPrefix(prefix).isPresent()) {
        throw error(
            nameStart,
            "0x%02x is not a reserved item tag; expected a prefix with size bits 0 that HID 1.11 does not define"
                .formatted(prefix));
      }
      if (arg == null) {
        return new ShortItem(0, prefix, Bytes.EMPTY);
      }
      long v = unsigned(arg, argStart);
      int size = Math.max(1, ShortItem.minimalSize(v, false));
      if (prefix == 0xfc && size == 2) {
        size = 4; // 0xfc | 2 would be 0xfe, the long item prefix
      }
      return new ShortItem(0, prefix | sizeCode(size), littleEndian(v, size));
    }

    private Item longItem(String arg, int argStart, int nameStart) {
      if (arg == null) {
        throw error(nameStart, "Long Item needs \"(tag 0x12, data 01 02)\"");
      }
      Matcher m = LONG_ARG.matcher(arg);
      if (!m.matches()) {
        throw error(argStart, "expected \"tag 0x12\" or \"tag 0x12, data 01 02 ...\"");
      }
      String t = m.group(1);
      int tag =
          t.toLowerCase(Locale.ROOT).startsWith("0x")
              ? Integer.parseInt(t.substring(2), 16)
              : Integer.parseInt(t);
      if (tag > 0xff) {
        throw error(argStart, "a long item tag is one byte, 0 to 255");
      }
      Bytes data = m.group(2) == null ? Bytes.EMPTY : Bytes.fromHex(m.group(2));
      if (data.size() > 0xff) {
        throw error(argStart, "a long item holds at most 255 data bytes");
      }
      return new LongItem(0, tag, data);
    }

    private ShortItem shortItem(ItemTag tag, String name, String arg, int argStart, int nameStart) {
      if (arg == null) {
        if (tag == ItemTag.END_COLLECTION || tag == ItemTag.PUSH || tag == ItemTag.POP) {
          return ShortItem.of(tag);
        }
        throw error(
            nameStart + name.length(),
            tag.displayName()
                + " needs a value in parentheses, e.g. \""
                + tag.displayName()
                + " ("
                + example(tag)
                + ")\"");
      }
      return switch (tag) {
        case INPUT, OUTPUT, FEATURE -> unsignedItem(tag, flags(tag, arg, argStart));
        case COLLECTION -> unsignedItem(tag, collection(arg, argStart));
        case USAGE_PAGE -> unsignedItem(tag, pageValue(arg, argStart, true));
        case USAGE -> usageItem(tag, arg, argStart, false);
        case USAGE_MINIMUM, USAGE_MAXIMUM -> usageItem(tag, arg, argStart, true);
        case LOGICAL_MINIMUM, PHYSICAL_MINIMUM ->
            signedItem(tag, number(arg, argStart, Integer.MIN_VALUE, Integer.MAX_VALUE));
        case LOGICAL_MAXIMUM, PHYSICAL_MAXIMUM ->
            signedItem(tag, number(arg, argStart, Integer.MIN_VALUE, 0xffffffffL));
        case UNIT_EXPONENT -> exponentItem(arg, argStart);
        case UNIT -> unsignedItem(tag, unit(arg, argStart));
        default -> unsignedItem(tag, unsigned(arg, argStart));
      };
    }

    private static String example(ItemTag tag) {
      return switch (tag) {
        case INPUT, OUTPUT, FEATURE -> "Data,Var,Abs";
        case COLLECTION -> "Application";
        case USAGE_PAGE -> "Generic Desktop";
        case USAGE -> "X";
        case UNIT -> "SILinear: cm";
        case UNIT_EXPONENT -> "-2";
        default -> "1";
      };
    }

    private long unsigned(String arg, int at) {
      return number(arg, at, 0, 0xffffffffL);
    }

    private long number(String arg, int at, long min, long max) {
      OptionalLong v = parseNumber(arg);
      if (v.isEmpty() || v.getAsLong() < min || v.getAsLong() > max) {
        throw error(at, "expected a number from %d to %d, got \"%s\"".formatted(min, max, arg));
      }
      return v.getAsLong();
    }

    private long flags(ItemTag tag, String arg, int argStart) {
      long value = 0;
      int at = argStart;
      for (String word : arg.split(",", -1)) {
        String w = word.strip();
        int col = at + (word.length() - word.stripLeading().length());
        Long bits = FLAG_WORDS.get(w.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", ""));
        if (bits == null) {
          OptionalLong n = parseNumber(w);
          if (n.isEmpty() || n.getAsLong() < 0 || n.getAsLong() > 0xffffffffL) {
            throw error(
                col,
                "unknown %s flag \"%s\"; expected Data or Cnst, Arr or Var, Abs or Rel, Wrap, NonLin, NoPref, Null, Vol, Buff, or a number"
                    .formatted(tag.displayName(), w));
          }
          bits = n.getAsLong();
        }
        value |= bits;
        at += word.length() + 1;
      }
      return value;
    }

    private long collection(String arg, int at) {
      String k = arg.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]+", " ").strip();
      for (int i = 0; i < COLLECTION_NAMES.length; i++) {
        if (COLLECTION_NAMES[i].toLowerCase(Locale.ROOT).replace('_', ' ').equals(k)) {
          return i;
        }
      }
      String num = k;
      if (k.startsWith("reserved ")) {
        num = k.substring("reserved ".length());
      } else if (k.startsWith("vendor defined ")) {
        num = k.substring("vendor defined ".length());
      }
      OptionalLong v = parseNumber(num.strip());
      if (v.isEmpty() || v.getAsLong() < 0 || v.getAsLong() > 0xffffffffL) {
        throw error(
            at,
            "unknown collection type \"%s\"; expected Physical, Application, Logical, Report, Named Array, Usage Switch, Usage Modifier or a number"
                .formatted(arg));
      }
      return v.getAsLong();
    }

    /** A page by name, "Vendor Usage Page 0x.." or number; {@code wide} allows 32-bit numbers. */
    private long pageValue(String arg, int at, boolean wide) {
      OptionalInt named = TABLES.page(arg);
      if (named.isPresent()) {
        return named.getAsInt();
      }
      long max = wide ? 0xffffffffL : 0xffff;
      Matcher m = VENDOR_USAGE_PAGE.matcher(arg);
      if (m.matches() && Long.parseLong(m.group(1).substring(2), 16) <= max) {
        return Long.parseLong(m.group(1).substring(2), 16);
      }
      OptionalLong v = parseNumber(arg);
      if (v.isPresent() && v.getAsLong() >= 0 && v.getAsLong() <= max) {
        return v.getAsLong();
      }
      throw error(at, "unknown usage page \"" + arg + "\"; use a number such as 0xff00");
    }

    /** A usage id on {@code onPage} by name, "Vendor Usage 0x..", or number up to {@code max}. */
    private OptionalLong usageId(String text, int onPage, long max, boolean numbersFirst) {
      if (numbersFirst) {
        OptionalLong v = parseNumber(text);
        if (v.isPresent()) {
          return v.getAsLong() >= 0 && v.getAsLong() <= max ? v : OptionalLong.empty();
        }
      }
      Optional<Usage> named = TABLES.usage(onPage, text);
      if (named.isPresent()) {
        return OptionalLong.of(named.get().id());
      }
      Matcher m = VENDOR_USAGE.matcher(text);
      if (m.matches()) {
        return OptionalLong.of(Long.parseLong(m.group(1).substring(2), 16));
      }
      OptionalLong v = parseNumber(text);
      if (v.isPresent() && v.getAsLong() >= 0 && v.getAsLong() <= max) {
        return v;
      }
      return OptionalLong.empty();
    }

    private ShortItem usageItem(ItemTag tag, String arg, int argStart, boolean numbersFirst) {
      int colon = arg.indexOf(": ");
      if (colon >= 0) {
        String pageText = arg.substring(0, colon).strip();
        long extPage = pageValue(pageText, argStart, false);
        String rest = arg.substring(colon + 2);
        String usageText = rest.strip();
        int usageAt = argStart + colon + 2 + (rest.length() - rest.stripLeading().length());
        OptionalLong id = usageId(usageText, (int) extPage, 0xffff, false);
        if (id.isEmpty()) {
          throw error(
              usageAt,
              "unknown usage \"%s\" on page %s; use a number"
                  .formatted(usageText, TABLES.pageName((int) extPage)));
        }
        return ShortItem.ofSize(tag, (extPage << 16) | id.getAsLong(), 4);
      }
      OptionalLong id = usageId(arg, page, 0xffffffffL, numbersFirst);
      if (id.isEmpty()) {
        throw error(
            argStart,
            "unknown usage \"%s\" on page %s; use a number"
                .formatted(arg, page == NO_PAGE ? "(none)" : TABLES.pageName(page)));
      }
      return unsignedItem(tag, id.getAsLong());
    }

    private ShortItem exponentItem(String arg, int at) {
      long v = number(arg, at, Integer.MIN_VALUE, Integer.MAX_VALUE);
      if (v >= 8 && v <= 15) {
        throw error(
            at,
            "Unit Exponent %d cannot be written: values that fit in 4 bits are read as 4-bit two's complement (-8..7), HID 1.11 6.2.2.7"
                .formatted(v));
      }
      if (v >= -8 && v <= 7) {
        return ShortItem.ofSize(ItemTag.UNIT_EXPONENT, v & 0xf, 1);
      }
      return signedItem(ItemTag.UNIT_EXPONENT, v);
    }

    private long unit(String arg, int at) {
      if (arg.equalsIgnoreCase("none")) {
        return 0;
      }
      OptionalLong n = parseNumber(arg);
      if (n.isPresent()) {
        if (n.getAsLong() < 0 || n.getAsLong() > 0xffffffffL) {
          throw error(at, "expected a unit from 0 to 0xffffffff, got \"" + arg + "\"");
        }
        return n.getAsLong();
      }
      int colon = arg.indexOf(':');
      int system = -1;
      if (colon >= 0) {
        String sys = arg.substring(0, colon).strip();
        for (int i = 1; i < UNIT_SYSTEMS.length; i++) {
          if (UNIT_SYSTEMS[i].equalsIgnoreCase(sys)) {
            system = i;
          }
        }
      }
      if (system < 0) {
        throw error(
            at,
            "expected a unit such as \"SILinear: cm\" (systems SILinear, SIRotation, EnglishLinear, EnglishRotation), \"None\" or a number");
      }
      long value = system;
      boolean[] seen = new boolean[7];
      int termAt = at + colon + 1;
      for (String term : arg.substring(colon + 1).split("\\*", -1)) {
        String t = term.strip();
        int col = termAt + (term.length() - term.stripLeading().length());
        termAt += term.length() + 1;
        Matcher m = UNIT_TERM.matcher(t);
        if (!m.matches()) {
          throw error(col, "expected a unit such as \"cm\" or \"s⁻¹\", got \"" + t + "\"");
        }
        int nibble = -1;
        for (int i = 0; i < 6; i++) {
          if (UNIT_NAMES[system][i].equalsIgnoreCase(m.group(1))) {
            nibble = i + 1;
          }
        }
        if (nibble < 0) {
          throw error(
              col,
              "unit \"%s\" is not one of %s's units %s"
                  .formatted(
                      m.group(1), UNIT_SYSTEMS[system], String.join(", ", UNIT_NAMES[system])));
        }
        if (seen[nibble]) {
          throw error(col, "unit \"" + m.group(1) + "\" appears twice");
        }
        seen[nibble] = true;
        int exp = 1;
        if (m.group(2) != null) {
          exp = fromSuperscript(m.group(2), col);
        } else if (m.group(3) != null) {
          exp = Integer.parseInt(m.group(3));
        }
        if (exp < -8 || exp > 7) {
          throw error(col, "a unit exponent is 4 bits: -8 to 7, got " + exp);
        }
        value |= (long) (exp & 0xf) << (4 * nibble);
      }
      return value;
    }

    private int fromSuperscript(String s, int col) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == SUPERSCRIPT_MINUS && i == 0) {
          b.append('-');
        } else if (SUPERSCRIPTS.indexOf(c) >= 0) {
          b.append((char) ('0' + SUPERSCRIPTS.indexOf(c)));
        } else {
          throw error(col, "bad exponent \"" + s + "\"");
        }
      }
      if (b.length() == 0 || b.toString().equals("-") || b.length() > 3) {
        throw error(col, "bad exponent \"" + s + "\"");
      }
      return Integer.parseInt(b.toString());
    }
  }

  // ---------------------------------------------------------------- encoding helpers

  private static ShortItem unsignedItem(ItemTag tag, long value) {
    return ShortItem.ofSize(tag, value, Math.max(1, ShortItem.minimalSize(value, false)));
  }

  private static ShortItem signedItem(ItemTag tag, long value) {
    int size = value > Integer.MAX_VALUE ? 4 : Math.max(1, ShortItem.minimalSize(value, true));
    return ShortItem.ofSize(tag, value, size);
  }

  private static int sizeCode(int size) {
    return size == 4 ? 3 : size;
  }

  private static Bytes littleEndian(long value, int size) {
    int[] out = new int[size];
    for (int i = 0; i < size; i++) {
      out[i] = (int) ((value >> (8 * i)) & 0xff);
    }
    return Bytes.of(out);
  }

  /** Decimal (optionally negative) or 0x hex, within 32 bits either way; empty otherwise. */
  static OptionalLong parseNumber(String s) {
    String t = s.strip();
    if (DECIMAL.matcher(t).matches()) {
      long v = Long.parseLong(t);
      return v >= Integer.MIN_VALUE && v <= 0xffffffffL ? OptionalLong.of(v) : OptionalLong.empty();
    }
    Matcher m = HEX.matcher(t);
    if (m.matches()) {
      return OptionalLong.of(Long.parseLong(m.group(1), 16));
    }
    return OptionalLong.empty();
  }

  /** Item names compare ignoring case and spaces: "UsageMinimum" is "Usage Minimum". */
  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
  }
}
