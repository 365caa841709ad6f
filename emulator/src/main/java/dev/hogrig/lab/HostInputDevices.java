package dev.hogrig.lab;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The lab's reference host, observed: which HID devices the guest kernel has, which driver bound
 * each (hid-generic, hid-multitouch, ...), and which input devices it made with which event codes,
 * absolute ranges and input properties. This is what a Linux desktop would make of a peripheral,
 * taken from the kernel itself rather than from BlueZ.
 *
 * <p>One {@link #list} costs one guest shell round trip (0.4 s and up under TCG; 3 s for two
 * devices on a busy machine): the guest-side script {@code host-inputs.sh} reads sysfs, runs {@code
 * evemu-describe} for the event nodes of devices with {@code EV_ABS} (sysfs has no file for axis
 * ranges), and prints one tagged dump:
 *
 * <pre>
 *  HID 0005:1D6B:0103.0003        /sys/bus/hid/devices/0005:1D6B:0103.0003
 *  U HID_ID=0005:00001D6B:00000103   its uevent, one KEY=VALUE a line
 *  U HID_NAME=Rig ptp
 *  DRIVER hid-multitouch           basename of the driver symlink
 *  HIDRAW hidraw2
 *  INPUT input9                    .../input/input9 (= /sys/class/input/input9)
 *  NAME Rig ptp Touchpad
 *  PHYS ... / UNIQ ...
 *  CAP key e520 10000 0 0 0 0      capabilities/key: hex words of unsigned long,
 *                                  most significant first (bit n = code n)
 *  PROPS 5                         properties: same format, bit n = INPUT_PROP n
 *  EVENT event9
 *  E A: 35 0 4000 0 0 40           evemu-describe lines ("A: code-hex min max fuzz flat res")
 *  ENDINPUT
 *  ENDHID
 * </pre>
 */
public final class HostInputDevices {
  private HostInputDevices() {}

  private static final String SCRIPT = "host-inputs.sh";

  /** The guest's HID devices and their input devices, in one shell round trip. */
  public static ImmutableList<HidDeviceInfo> list(GuestShell shell) {
    GuestShell.Result r = shell.run(script(), Duration.ofSeconds(60));
    if (!r.ok()) {
      throw new LabException(
          "listing the guest's HID devices failed (exit " + r.exitCode() + "): " + r.output());
    }
    return parse(r.output());
  }

  /**
   * Lists the guest's HID devices until one matches {@code which}, for at most {@code timeout}.
   *
   * @throws LabException when none matched in time; the message lists what was there
   */
  public static HidDeviceInfo await(
      GuestShell shell, Predicate<HidDeviceInfo> which, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    ImmutableList<HidDeviceInfo> last;
    do {
      last = list(shell);
      Optional<HidDeviceInfo> hit = last.stream().filter(which).findFirst();
      if (hit.isPresent()) {
        return hit.get();
      }
      sleep(200);
    } while (System.nanoTime() < deadline);
    StringBuilder seen = new StringBuilder();
    for (HidDeviceInfo h : last) {
      seen.append("\n  ")
          .append(h.sysName())
          .append(" \"")
          .append(h.name())
          .append("\" driver=")
          .append(h.driver().orElse("(none)"))
          .append(" inputs=")
          .append(h.inputs().stream().map(InputDeviceInfo::name).toList());
    }
    throw new LabException(
        "no matching HID device in the guest within "
            + timeout.toMillis()
            + " ms; there were:"
            + (seen.length() == 0 ? " none" : seen));
  }

  /**
   * Parses the dump {@code host-inputs.sh} prints (see the class comment).
   *
   * @throws LabException naming the line when a line is not of the expected form
   */
  public static ImmutableList<HidDeviceInfo> parse(String dump) {
    ImmutableList.Builder<HidDeviceInfo> out = ImmutableList.builder();
    HidBuilder hid = null;
    InputBuilder input = null;
    String[] lines = dump.split("\n", -1);
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n];
      if (line.isEmpty()) {
        continue;
      }
      int sp = line.indexOf(' ');
      String tag = sp < 0 ? line : line.substring(0, sp);
      String rest = sp < 0 ? "" : line.substring(sp + 1);
      Where at = new Where(n + 1, line);
      switch (tag) {
        case "HID" -> hid = new HidBuilder(rest);
        case "U" -> {
          int eq = rest.indexOf('=');
          if (eq > 0) {
            need(hid, at).uevent.put(rest.substring(0, eq), rest.substring(eq + 1));
          }
        }
        case "DRIVER" -> need(hid, at).driver = rest;
        case "HIDRAW" -> need(hid, at).hidraw = "/dev/" + rest;
        case "INPUT" -> {
          need(hid, at);
          input = new InputBuilder(rest);
        }
        case "NAME" -> need(input, at).name = rest;
        case "PHYS" -> need(input, at).phys = rest;
        case "UNIQ" -> need(input, at).uniq = rest;
        case "CAP" -> {
          int sp2 = rest.indexOf(' ');
          String kind = sp2 < 0 ? rest : rest.substring(0, sp2);
          String bits = sp2 < 0 ? "" : rest.substring(sp2 + 1);
          need(input, at).caps.put(kind, bits(bits, at));
        }
        case "PROPS" -> need(input, at).props = bits(rest, at);
        case "EVENT" -> need(input, at).eventNode = "/dev/input/" + rest;
        case "E" -> need(input, at).evemu.append(rest).append('\n');
        case "ENDINPUT" -> {
          need(hid, at).inputs.add(need(input, at).build(at));
          input = null;
        }
        case "ENDHID" -> {
          out.add(need(hid, at).build(at));
          hid = null;
        }
        default ->
            throw new LabException(
                "host-inputs dump line " + at.line + ": unknown tag \"" + tag + "\": " + at.text);
      }
    }
    if (hid != null || input != null) {
      throw new LabException("host-inputs dump ends inside a device record (truncated output?)");
    }
    return out.build();
  }

  /**
   * The bits set in a sysfs bitmap such as {@code capabilities/key}: hex words of the kernel's
   * {@code unsigned long} (64 bits on x86-64), most significant word first, separated by spaces
   * (bitmap_print_to_pagebuf / input's {@code input_print_bitmap}). Bit {@code i} of word {@code
   * w}, counting words from the right, is number {@code 64 * w + i}. Empty text is no bits.
   */
  static ImmutableSet<Integer> bits(String bitmap, Where at) {
    String t = bitmap.strip();
    if (t.isEmpty()) {
      return ImmutableSet.of();
    }
    String[] words = t.split("\\s+");
    TreeSet<Integer> set = new TreeSet<>();
    for (int w = 0; w < words.length; w++) {
      String word = words[words.length - 1 - w];
      if (!word.matches("[0-9a-fA-F]{1,16}")) {
        throw new LabException(
            "host-inputs dump line "
                + at.line
                + ": expected a bitmap of hex words, got \""
                + word
                + "\" in: "
                + at.text);
      }
      long v = Long.parseUnsignedLong(word, 16);
      for (int i = 0; i < 64; i++) {
        if ((v >>> i & 1) != 0) {
          set.add(64 * w + i);
        }
      }
    }
    return ImmutableSet.copyOf(set);
  }

  /** The bits of a sysfs bitmap (see {@link #bits(String, Where)}); for tests and callers. */
  public static ImmutableSet<Integer> bits(String bitmap) {
    return bits(bitmap, new Where(1, bitmap));
  }

  /**
   * The absolute axes of an {@code evemu-describe} text: its {@code A:} lines, {@code A: <code in
   * hex> <min> <max> <fuzz> <flat> <resolution>} (evemu's device file format 1.3), with the current
   * value from the {@code # Value} comment of that axis when present.
   */
  static ImmutableMap<Integer, AbsInfo> absInfo(String evemu, Where at) {
    Map<Integer, Integer> values = new TreeMap<>();
    Map<Integer, AbsInfo> out = new TreeMap<>();
    Integer absCode = null;
    boolean inAbs = false;
    for (String line : evemu.split("\n")) {
      String t = line.strip();
      if (t.startsWith("#")) {
        String c = t.substring(1).strip();
        if (c.startsWith("Event type ")) {
          inAbs = c.startsWith("Event type 3 ");
          absCode = null;
        } else if (inAbs && c.startsWith("Event code ")) {
          String num = c.substring("Event code ".length()).split("\\s+")[0];
          absCode = num.matches("\\d+") ? Integer.valueOf(num) : null;
        } else if (absCode != null && c.startsWith("Value ")) {
          String v = c.substring("Value ".length()).strip();
          if (v.matches("-?\\d+")) {
            values.put(absCode, Integer.valueOf(v));
          }
        }
        continue;
      }
      if (!t.startsWith("A:")) {
        continue;
      }
      String[] w = t.substring(2).strip().split("\\s+");
      try {
        int code = Integer.parseInt(w[0], 16);
        int min = Integer.parseInt(w[1]);
        int max = Integer.parseInt(w[2]);
        int fuzz = Integer.parseInt(w[3]);
        int flat = Integer.parseInt(w[4]);
        int res = w.length > 5 ? Integer.parseInt(w[5]) : 0;
        out.put(code, new AbsInfo(0, min, max, fuzz, flat, res));
      } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
        throw new LabException(
            "evemu-describe of input record ending at dump line "
                + at.line
                + ": expected \"A: <hex code> <min> <max> <fuzz> <flat> [<resolution>]\", got: "
                + t);
      }
    }
    ImmutableMap.Builder<Integer, AbsInfo> b = ImmutableMap.builder();
    for (Map.Entry<Integer, AbsInfo> e : out.entrySet()) {
      AbsInfo a = e.getValue();
      int v = values.getOrDefault(e.getKey(), 0);
      b.put(
          e.getKey(), new AbsInfo(v, a.minimum(), a.maximum(), a.fuzz(), a.flat(), a.resolution()));
    }
    return b.build();
  }

  record Where(int line, String text) {}

  private static <T> T need(T builder, Where at) {
    if (builder == null) {
      throw new LabException(
          "host-inputs dump line " + at.line + ": record line outside its HID/INPUT: " + at.text);
    }
    return builder;
  }

  private static final class HidBuilder {
    final String sysName;
    final Map<String, String> uevent = new LinkedHashMap<>();
    final List<InputDeviceInfo> inputs = new ArrayList<>();
    String driver;
    String hidraw;

    HidBuilder(String sysName) {
      this.sysName = sysName;
    }

    HidDeviceInfo build(Where at) {
      // HID_ID=0005:00001D6B:00000103 (bus:vendor:product, hex), hid-core's uevent.
      String id = uevent.getOrDefault("HID_ID", "");
      String[] p = id.split(":");
      int bus;
      int vendor;
      int product;
      try {
        bus = Integer.parseInt(p[0], 16);
        vendor = (int) Long.parseLong(p[1], 16);
        product = (int) Long.parseLong(p[2], 16);
      } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
        throw new LabException(
            "host-inputs dump, HID device "
                + sysName
                + " (before line "
                + at.line
                + "): expected HID_ID=BBBB:VVVVVVVV:PPPPPPPP in its uevent, got \""
                + id
                + "\"");
      }
      return new HidDeviceInfo(
          sysName,
          uevent.getOrDefault("HID_NAME", ""),
          bus,
          vendor,
          product,
          Optional.ofNullable(driver),
          Optional.ofNullable(hidraw),
          ImmutableMap.copyOf(uevent),
          ImmutableList.copyOf(inputs));
    }
  }

  private static final class InputBuilder {
    final String sysName;
    final Map<String, ImmutableSet<Integer>> caps = new LinkedHashMap<>();
    final StringBuilder evemu = new StringBuilder();
    String name = "";
    String phys = "";
    String uniq = "";
    String eventNode = "";
    ImmutableSet<Integer> props = ImmutableSet.of();

    InputBuilder(String sysName) {
      this.sysName = sysName;
    }

    ImmutableSet<EventCode> codes(String kind, int type) {
      ImmutableSet.Builder<EventCode> b = ImmutableSet.builder();
      for (int c : caps.getOrDefault(kind, ImmutableSet.of())) {
        b.add(new EventCode(type, c));
      }
      return b.build();
    }

    InputDeviceInfo build(Where at) {
      return new InputDeviceInfo(
          sysName,
          name,
          phys,
          uniq,
          eventNode,
          caps.getOrDefault("ev", ImmutableSet.of()),
          codes("key", InputEventCodes.EV_KEY),
          codes("rel", InputEventCodes.EV_REL),
          codes("abs", InputEventCodes.EV_ABS),
          codes("msc", InputEventCodes.EV_MSC),
          absInfo(evemu.toString(), at),
          props,
          evemu.toString());
    }
  }

  static String script() {
    return LabFiles.resource(SCRIPT);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LabException("interrupted while waiting for a guest HID device", e);
    }
  }
}
