package dev.hogrig.lab;

import com.google.common.collect.ImmutableMap;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Names of Linux evdev event types ({@code EV_KEY}), codes ({@code KEY_A}, {@code BTN_LEFT}, {@code
 * REL_WHEEL_HI_RES}, {@code ABS_MT_SLOT}, ...) and input properties ({@code INPUT_PROP_BUTTONPAD}),
 * as the kernel's uapi header {@code linux/input-event-codes.h} defines them.
 *
 * <p>The table is the resource {@code input-event-codes.txt}, generated from the machine's header
 * (Debian {@code linux-libc-dev}) by {@code scripts/gen-input-event-codes}: one {@code KIND CODE
 * NAME [alias]} line per name. Where the header gives one value several names, the last numeric
 * definition is preferred (so 0x110 prints as {@code BTN_LEFT}, not the range start {@code
 * BTN_MOUSE}, as libevdev and evemu print it); names defined as another name ({@code
 * KEY_SCREENLOCK}) only parse.
 */
public final class InputEventCodes {
  private InputEventCodes() {}

  /** Event types (linux/input-event-codes.h, "Event types"). */
  public static final int EV_SYN = 0x00;

  public static final int EV_KEY = 0x01;
  public static final int EV_REL = 0x02;
  public static final int EV_ABS = 0x03;
  public static final int EV_MSC = 0x04;
  public static final int EV_SW = 0x05;
  public static final int EV_LED = 0x11;

  /** Input properties (linux/input-event-codes.h, "Device properties and quirks"). */
  public static final int INPUT_PROP_POINTER = 0x00;

  public static final int INPUT_PROP_DIRECT = 0x01;
  public static final int INPUT_PROP_BUTTONPAD = 0x02;
  public static final int INPUT_PROP_SEMI_MT = 0x03;
  public static final int INPUT_PROP_TOPBUTTONPAD = 0x04;

  /** The resource, on the class path. */
  public static final String RESOURCE = "/dev/hogrig/lab/input-event-codes.txt";

  private static final class Table {
    static final Table INSTANCE = load();

    final ImmutableMap<Integer, String> types;
    final ImmutableMap<String, Integer> typeByName;
    final ImmutableMap<Integer, String> props;
    final ImmutableMap<String, Integer> propByName;
    final ImmutableMap<Long, String> codes; // key: type << 32 | code
    final ImmutableMap<String, EventCode> codeByName;

    Table(
        Map<Integer, String> types,
        Map<String, Integer> typeByName,
        Map<Integer, String> props,
        Map<String, Integer> propByName,
        Map<Long, String> codes,
        Map<String, EventCode> codeByName) {
      this.types = ImmutableMap.copyOf(types);
      this.typeByName = ImmutableMap.copyOf(typeByName);
      this.props = ImmutableMap.copyOf(props);
      this.propByName = ImmutableMap.copyOf(propByName);
      this.codes = ImmutableMap.copyOf(codes);
      this.codeByName = ImmutableMap.copyOf(codeByName);
    }
  }

  private static Table load() {
    String text;
    try (InputStream in = InputEventCodes.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new LabException(RESOURCE + ": resource missing from the class path");
      }
      text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new LabException(RESOURCE + ": cannot read: " + e, e);
    }
    Map<Integer, String> types = new HashMap<>();
    Map<String, Integer> typeByName = new HashMap<>();
    Map<Integer, String> props = new HashMap<>();
    Map<String, Integer> propByName = new HashMap<>();
    Map<Long, String> codes = new HashMap<>();
    Map<String, EventCode> codeByName = new HashMap<>();
    // Type rows come first in the file, so "EV_KEY 30 KEY_A" can resolve its type name.
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] w = line.split("\\s+");
      int value;
      try {
        value = Integer.parseInt(w[1]);
      } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
        throw new LabException(
            RESOURCE + ":" + (i + 1) + ": expected KIND CODE NAME [alias], got: " + line);
      }
      if (w.length < 3) {
        throw new LabException(RESOURCE + ":" + (i + 1) + ": no name: " + line);
      }
      boolean alias = w.length > 3 && w[3].equals("alias");
      String name = w[2];
      if (w[0].equals("EV")) {
        typeByName.put(name, value);
        if (!alias) {
          types.putIfAbsent(value, name);
        }
      } else if (w[0].equals("PROP")) {
        propByName.put(name, value);
        if (!alias) {
          props.putIfAbsent(value, name);
        }
      } else {
        Integer type = typeByName.get(w[0]);
        if (type == null) {
          throw new LabException(RESOURCE + ":" + (i + 1) + ": unknown event type " + w[0]);
        }
        codeByName.put(name, new EventCode(type, value));
        if (!alias) {
          codes.putIfAbsent(key(type, value), name);
        }
      }
    }
    return new Table(types, typeByName, props, propByName, codes, codeByName);
  }

  private static long key(int type, int code) {
    return ((long) type << 32) | (code & 0xffffffffL);
  }

  /** {@code EV_KEY} for 1; {@code EV_0x1f} for a type the header does not name. */
  public static String typeName(int type) {
    String n = Table.INSTANCE.types.get(type);
    return n != null ? n : "EV_0x" + Integer.toHexString(type);
  }

  /**
   * The preferred name of a code ({@code KEY_A} for type 1 code 30), or {@code EV_KEY:0x2f0} when
   * the header names no such code.
   */
  public static String codeName(int type, int code) {
    String n = Table.INSTANCE.codes.get(key(type, code));
    return n != null ? n : typeName(type) + ":0x" + Integer.toHexString(code);
  }

  /** {@code INPUT_PROP_BUTTONPAD} for 2; {@code INPUT_PROP_0x1f} for an unnamed property. */
  public static String propName(int prop) {
    String n = Table.INSTANCE.props.get(prop);
    return n != null ? n : "INPUT_PROP_0x" + Integer.toHexString(prop);
  }

  /**
   * The code called {@code name} ({@code KEY_A}, {@code BTN_LEFT}, {@code BTN_MOUSE}, {@code
   * ABS_MT_POSITION_X}); aliases are accepted.
   *
   * @throws LabException when the header defines no such code name
   */
  public static EventCode code(String name) {
    EventCode c = Table.INSTANCE.codeByName.get(name);
    if (c == null) {
      throw new LabException(
          "no evdev code named \"" + name + "\" in linux/input-event-codes.h (" + RESOURCE + ")");
    }
    return c;
  }

  /**
   * The event type called {@code name} ({@code EV_ABS} is 3).
   *
   * @throws LabException for a name the header does not define
   */
  public static int type(String name) {
    Integer t = Table.INSTANCE.typeByName.get(name);
    if (t == null) {
      throw new LabException("no evdev event type named \"" + name + "\"");
    }
    return t;
  }

  /**
   * The input property called {@code name} ({@code INPUT_PROP_BUTTONPAD} is 2).
   *
   * @throws LabException for a name the header does not define
   */
  public static int prop(String name) {
    Integer p = Table.INSTANCE.propByName.get(name);
    if (p == null) {
      throw new LabException("no input property named \"" + name + "\"");
    }
    return p;
  }
}
