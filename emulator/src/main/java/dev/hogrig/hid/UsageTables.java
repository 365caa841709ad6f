package dev.hogrig.hid;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of usage pages and usages (HID Usage Tables 1.5), loaded from the text files in {@code
 * resources/dev/hogrig/hid/usages/} (format in the {@code README.txt} there).
 *
 * <p>Why data files and not Java constants: HUT grows with every review request, and the names must
 * be both printed (decode) and looked up again (compile); one table in one simple format serves
 * both directions and can be checked by eye against the spec.
 *
 * <p>Printed names are exactly those hid-tools 0.12's {@code hid-decode} prints (its usage tables
 * in {@code hidtools/data/*.hut}), so decoded text matches what people paste from hid-decode:
 * "Keyboard", "LEDs", "Consumer Devices", Consumer 0xE9 "Volume Up", Digitizers 0x59 "Button Type",
 * 0xFF00 "Vendor Defined Page 1". A usage hid-tools has no name for is printed by the caller as
 * hid-decode's fallback "Vendor Usage 0x%02x", even where HUT 1.5 names it (all Button usages above
 * 0, Digitizers 0x60 "Latency Mode", the whole Battery System page); a page it has no name for as
 * "Vendor Usage Page 0x%02x" (e.g. 0x0F, 0xFF01). HUT 1.5's names, generated names ("Button 3",
 * "Instance 2"), "Vendor Defined Page 0xFF01" and older hogrig names stay in the data as aliases:
 * accepted when looking up (ignoring case), never printed.
 */
public final class UsageTables {
  /** Where the data files live on the class path. */
  static final String RESOURCE_DIR = "/dev/hogrig/hid/usages/";

  private static final Pattern PAGE_LINE =
      Pattern.compile("page\\s+0[xX]([0-9A-Fa-f]{1,4})\\s+(\\S.*)");
  private static final Pattern USAGE_LINE = Pattern.compile("0[xX]([0-9A-Fa-f]{1,4})\\s+(\\S.*)");
  private static final Pattern PAGE_ALIAS = Pattern.compile("alias\\s+page\\s+(\\S.*)");
  private static final Pattern UNPRINTED_PAGE =
      Pattern.compile("alias\\s+page\\s+0[xX]([0-9A-Fa-f]{1,4})\\s+(\\S.*)");
  private static final Pattern RANGE_ALIAS =
      Pattern.compile("alias\\s+0[xX]([0-9A-Fa-f]{1,4})\\.\\.0[xX]([0-9A-Fa-f]{1,4})\\s+(\\S.*)");
  private static final Pattern USAGE_ALIAS =
      Pattern.compile("alias\\s+0[xX]([0-9A-Fa-f]{1,4})\\s+(\\S.*)");
  private static final Pattern RANGE_LINE =
      Pattern.compile("0[xX]([0-9A-Fa-f]{1,4})\\.\\.0[xX]([0-9A-Fa-f]{1,4})\\s+(\\S.*)");
  private static final Pattern VENDOR_PAGE =
      Pattern.compile("vendor defined page 0x([0-9a-f]{4})", Pattern.CASE_INSENSITIVE);
  private static final Pattern NUMBER = Pattern.compile("(0[xX][0-9A-Fa-f]+|[0-9]+)");

  /** A generated range of names: every id in [min, max] is {@code prefix + id + suffix}. */
  private record Generated(int min, int max, String prefix, String suffix, boolean printed) {
    Optional<String> name(int id) {
      return id >= min && id <= max ? Optional.of(prefix + id + suffix) : Optional.empty();
    }

    OptionalInt id(String name) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (!lower.startsWith(prefix.toLowerCase(Locale.ROOT))
          || !lower.endsWith(suffix.toLowerCase(Locale.ROOT))
          || name.length() <= prefix.length() + suffix.length()) {
        return OptionalInt.empty();
      }
      String digits = name.substring(prefix.length(), name.length() - suffix.length());
      if (!digits.matches("[1-9][0-9]{0,4}|0")) {
        return OptionalInt.empty();
      }
      int id = Integer.parseInt(digits);
      return id >= min && id <= max ? OptionalInt.of(id) : OptionalInt.empty();
    }
  }

  /** One usage page: its name, its listed usages, and its generated ranges. */
  private record Page(
      int id,
      String name,
      ImmutableMap<Integer, String> usages,
      ImmutableMap<String, Integer> byLowerName,
      ImmutableList<Generated> generated,
      ImmutableList<String> aliases) {}

  private static final class Holder {
    static final UsageTables STANDARD = load(RESOURCE_DIR);
  }

  private final ImmutableMap<Integer, Page> pages;
  private final ImmutableMap<String, Integer> pagesByLowerName;

  private UsageTables(ImmutableMap<Integer, Page> pages) {
    this.pages = pages;
    ImmutableMap.Builder<String, Integer> names = ImmutableMap.builder();
    for (Page p : pages.values()) {
      if (p.name() != null) {
        names.put(p.name().toLowerCase(Locale.ROOT), p.id());
      }
      for (String alias : p.aliases()) {
        names.put(alias.toLowerCase(Locale.ROOT), p.id());
      }
    }
    this.pagesByLowerName = names.buildOrThrow();
  }

  /**
   * The tables shipped with hogrig, loaded once.
   *
   * @throws IllegalStateException naming file:line if a shipped data file is malformed (a build
   *     defect, caught by the tests)
   */
  public static UsageTables standard() {
    return Holder.STANDARD;
  }

  /**
   * The name of a usage page as hid-decode prints it: from the tables, otherwise hid-decode's
   * fallback {@code "Vendor Usage Page 0x%02x"} (lower-case hex, so 0xFF01 is "Vendor Usage Page
   * 0xff01").
   */
  public String pageName(int pageId) {
    Page p = pages.get(pageId);
    if (p != null && p.name() != null) {
      return p.name();
    }
    return "Vendor Usage Page 0x%02x".formatted(pageId);
  }

  /** True when {@link #pageName} comes from the tables, not the fallback. */
  public boolean isKnownPage(int pageId) {
    Page p = pages.get(pageId);
    return p != null && p.name() != null;
  }

  /**
   * The name hid-decode prints for a usage, or empty when it has none (the caller prints "Vendor
   * Usage 0x.."). Alias names, generated or listed, are never returned.
   */
  public Optional<String> usageName(Usage usage) {
    Page p = pages.get(usage.page());
    if (p == null) {
      return Optional.empty();
    }
    String name = p.usages().get(usage.id());
    if (name != null) {
      return Optional.of(name);
    }
    for (Generated g : p.generated()) {
      if (!g.printed()) {
        continue;
      }
      Optional<String> n = g.name(usage.id());
      if (n.isPresent()) {
        return n;
      }
    }
    return Optional.empty();
  }

  /**
   * The usage called {@code name} (ignoring case) on page {@code pageId}, if the tables have it.
   */
  public Optional<Usage> usage(int pageId, String name) {
    Page p = pages.get(pageId);
    if (p == null) {
      return Optional.empty();
    }
    String trimmed = name.trim();
    Integer id = p.byLowerName().get(trimmed.toLowerCase(Locale.ROOT));
    if (id != null) {
      return Optional.of(new Usage(pageId, id));
    }
    for (Generated g : p.generated()) {
      OptionalInt gid = g.id(trimmed);
      if (gid.isPresent()) {
        return Optional.of(new Usage(pageId, gid.getAsInt()));
      }
    }
    return Optional.empty();
  }

  /**
   * The page called {@code name}, ignoring case: a table name, or "Vendor Defined Page 0xFF00"
   * style for the vendor range.
   */
  public OptionalInt page(String name) {
    String trimmed = name.trim();
    Integer id = pagesByLowerName.get(trimmed.toLowerCase(Locale.ROOT));
    if (id != null) {
      return OptionalInt.of(id);
    }
    Matcher m = VENDOR_PAGE.matcher(trimmed);
    if (m.matches()) {
      int v = Integer.parseInt(m.group(1), 16);
      if (v >= 0xff00) {
        return OptionalInt.of(v);
      }
    }
    return OptionalInt.empty();
  }

  /**
   * Loads the tables listed in {@code index.txt} under a class-path directory. Package-private so
   * tests can load deliberately broken tables.
   *
   * @throws IllegalStateException with "file:line: what" on the first malformed line
   */
  static UsageTables load(String resourceDir) {
    List<String> files = new ArrayList<>();
    List<String> index = readLines(resourceDir + "index.txt");
    for (int i = 0; i < index.size(); i++) {
      String line = index.get(i).strip();
      if (!line.isEmpty() && !line.startsWith("#")) {
        files.add(line);
      }
    }
    Map<Integer, PageBuilder> builders = new LinkedHashMap<>();
    Map<String, String> pageNameWhere = new HashMap<>();
    for (String file : files) {
      List<String> lines = readLines(resourceDir + file);
      PageBuilder current = null;
      for (int i = 0; i < lines.size(); i++) {
        String where = file + ":" + (i + 1);
        String line = lines.get(i).strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        Matcher m;
        if ((m = PAGE_LINE.matcher(line)).matches()) {
          int id = Integer.parseInt(m.group(1), 16);
          String name = checkName(m.group(2), where);
          if (builders.containsKey(id)) {
            throw new IllegalStateException(
                where + ": page 0x%02x is already defined".formatted(id));
          }
          String lower = name.toLowerCase(Locale.ROOT);
          if (pageNameWhere.containsKey(lower)) {
            throw new IllegalStateException(
                where + ": page name \"" + name + "\" already used at " + pageNameWhere.get(lower));
          }
          pageNameWhere.put(lower, where);
          current = new PageBuilder(id, name);
          builders.put(id, current);
        } else if ((m = UNPRINTED_PAGE.matcher(line)).matches()) {
          int id = Integer.parseInt(m.group(1), 16);
          String alias = checkName(m.group(2), where);
          if (builders.containsKey(id)) {
            throw new IllegalStateException(
                where + ": page 0x%02x is already defined".formatted(id));
          }
          String lower = alias.toLowerCase(Locale.ROOT);
          if (pageNameWhere.containsKey(lower)) {
            throw new IllegalStateException(
                where
                    + ": page name \""
                    + alias
                    + "\" already used at "
                    + pageNameWhere.get(lower));
          }
          pageNameWhere.put(lower, where);
          current = new PageBuilder(id, null);
          current.aliases.add(alias);
          builders.put(id, current);
        } else if ((m = PAGE_ALIAS.matcher(line)).matches()) {
          requirePage(current, where);
          String alias = checkName(m.group(1), where);
          String lower = alias.toLowerCase(Locale.ROOT);
          if (pageNameWhere.containsKey(lower)) {
            throw new IllegalStateException(
                where
                    + ": page name \""
                    + alias
                    + "\" already used at "
                    + pageNameWhere.get(lower));
          }
          pageNameWhere.put(lower, where);
          current.aliases.add(alias);
        } else if ((m = USAGE_ALIAS.matcher(line)).matches()) {
          requirePage(current, where);
          int id = Integer.parseInt(m.group(1), 16);
          String alias = checkName(m.group(2), where);
          String lower = alias.toLowerCase(Locale.ROOT);
          if (current.byLowerName.containsKey(lower)) {
            throw new IllegalStateException(
                where + ": name \"" + alias + "\" is already used on this page");
          }
          current.byLowerName.put(lower, id);
        } else if ((m = RANGE_ALIAS.matcher(line)).matches()
            || (m = RANGE_LINE.matcher(line)).matches()) {
          requirePage(current, where);
          boolean printed = !line.startsWith("alias");
          int min = Integer.parseInt(m.group(1), 16);
          int max = Integer.parseInt(m.group(2), 16);
          String template = m.group(3).strip();
          int at = template.indexOf("{n}");
          if (min > max || at < 0 || template.indexOf("{n}", at + 1) >= 0) {
            throw new IllegalStateException(
                where + ": expected \"0xMIN..0xMAX Name {n}\" with MIN <= MAX and one {n}");
          }
          current.generated.add(
              new Generated(
                  min, max, template.substring(0, at), template.substring(at + 3), printed));
        } else if ((m = USAGE_LINE.matcher(line)).matches()) {
          requirePage(current, where);
          int id = Integer.parseInt(m.group(1), 16);
          String name = checkName(m.group(2), where);
          if (current.usages.containsKey(id)) {
            throw new IllegalStateException(
                where + ": usage 0x%02x is already named on this page".formatted(id));
          }
          String lower = name.toLowerCase(Locale.ROOT);
          if (current.byLowerName.containsKey(lower)) {
            throw new IllegalStateException(
                where + ": name \"" + name + "\" is already used on this page");
          }
          current.usages.put(id, name);
          current.byLowerName.put(lower, id);
        } else {
          throw new IllegalStateException(
              where
                  + ": expected \"page 0xID Name\", \"0xID Name\", \"0xMIN..0xMAX Name {n}\","
                  + " \"alias page Name\", \"alias page 0xID Name\", \"alias 0xID Name\" or"
                  + " \"alias 0xMIN..0xMAX Name {n}\", got \""
                  + line
                  + "\"");
        }
      }
    }
    ImmutableMap.Builder<Integer, Page> pages = ImmutableMap.builder();
    for (PageBuilder b : builders.values()) {
      pages.put(
          b.id,
          new Page(
              b.id,
              b.name,
              ImmutableMap.copyOf(b.usages),
              ImmutableMap.copyOf(b.byLowerName),
              ImmutableList.copyOf(b.generated),
              ImmutableList.copyOf(b.aliases)));
    }
    return new UsageTables(pages.buildOrThrow());
  }

  private static final class PageBuilder {
    final int id;
    final String name;
    final Map<Integer, String> usages = new LinkedHashMap<>();
    final Map<String, Integer> byLowerName = new HashMap<>();
    final List<Generated> generated = new ArrayList<>();
    final List<String> aliases = new ArrayList<>();

    PageBuilder(int id, String name) {
      this.id = id;
      this.name = name;
    }
  }

  private static void requirePage(PageBuilder current, String where) {
    if (current == null) {
      throw new IllegalStateException(where + ": usage before any \"page\" line");
    }
  }

  /** Names must survive being printed inside "Usage (...)" and read back. */
  private static String checkName(String raw, String where) {
    String name = raw.strip();
    if (NUMBER.matcher(name).matches()) {
      throw new IllegalStateException(where + ": a name may not be a bare number: " + name);
    }
    if (name.contains(": ")) {
      throw new IllegalStateException(where + ": a name may not contain \": \": " + name);
    }
    return name;
  }

  private static List<String> readLines(String resource) {
    InputStream in = UsageTables.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException(resource + ": usage table resource not found");
    }
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return r.lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(resource, e);
    }
  }
}
