package dev.hogrig.probe;

import com.google.common.collect.ImmutableList;
import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decodes the probe page's JSON messages, checking every field. The page and this decoder ship
 * together (the page is a resource of this package), so anything else is refused: a missing or
 * unknown field, a wrong type, a value out of range, an unknown {@code kind} or {@code type}. JSON
 * is parsed strictly (RFC 8259: no comments, no unquoted names, no NaN), and the messages name the
 * event index and field: {@code event 3 (key): field 'code': expected a string, got 12}.
 *
 * <p>The hello ({@code POST /probe/{token}/hello}), see {@link PageInfo}:
 *
 * <pre>
 * { "pageClock": 1732390000123.4,        performance.timeOrigin + performance.now(), ms
 *   "userAgent": "...", "platform": "MacIntel", "language": "en-GB",
 *   "maxTouchPoints": 0, "devicePixelRatio": 2, "screenWidth": 1512, "screenHeight": 982,
 *   "pointerFine": true, "anyPointerCoarse": false, "hover": true,
 *   "uaData": null | { "platform": "macOS", "mobile": false,
 *                      "brands": [ {"brand": "Chromium", "version": "131"} ],
 *                      "platformVersion": "15.1.0", "model": "" } }
 * </pre>
 *
 * <p>A batch ({@code POST /probe/{token}/events}), see {@link Batch}; {@code clock} is absent
 * before the page's first round trip ({@link ClockSync}):
 *
 * <pre>
 * { "session": "s1", "seq": 0, "dropped": 0,
 *   "clock": { "offsetMs": -3.2, "rttMs": 1.1 },
 *   "events": [
 *     {"kind": "key", "type": "keydown", "t": 1732390000200.5, "key": "H", "code": "KeyH",
 *      "repeat": false, "location": 0,
 *      "shiftKey": true, "ctrlKey": false, "altKey": false, "metaKey": false},
 *     {"kind": "pointer", "type": "pointermove", "t": ..., "movementX": 3, "movementY": -1,
 *      "clientX": 130, "clientY": 90, "button": -1, "buttons": 0, "pointerType": "mouse",
 *      "pointerId": 1, "locked": false, + the four modifier keys},
 *     {"kind": "wheel", "type": "wheel", "t": ..., "deltaX": 0, "deltaY": 120, "deltaZ": 0,
 *      "deltaMode": 0, "clientX": 130, "clientY": 90, + the four modifier keys},
 *     {"kind": "touch", "type": "touchstart", "t": ..., "touches": 1,
 *      "changed": [ {"id": 0, "clientX": 10, "clientY": 20, "radiusX": 5, "radiusY": 5,
 *                    "force": 0.5} ]},
 *     {"kind": "gesture", "type": "gesturechange", "t": ..., "scale": 1.2, "rotation": 4.5} ] }
 * </pre>
 */
public final class ProbeDecoder {
  private ProbeDecoder() {}

  /** At most this many events per batch (the page sends at most 400). */
  public static final int MAX_EVENTS = 5000;

  /** At most this many contacts in one touch event's {@code changed}. */
  public static final int MAX_TOUCHES = 32;

  private static final int MAX_SHORT = 64;
  private static final int MAX_LONG = 1024;
  private static final double MAX_COORD = 1e7;

  private static final TypeAdapter<JsonElement> TREE = new Gson().getAdapter(JsonElement.class);

  /** The decoded hello and the page's clock when it sent it. */
  public record Hello(PageInfo page, double pageClock) {}

  /**
   * Decodes a hello.
   *
   * @throws ProbeFormatException saying which field is wrong
   */
  public static Hello hello(String json) {
    Fields f = new Fields("hello", object(parse(json), "hello"));
    double clock = f.number("pageClock", 0, 1e15);
    String ua = f.string("userAgent", MAX_LONG);
    String platform = f.string("platform", MAX_SHORT);
    String language = f.string("language", MAX_SHORT);
    int touchPoints = f.integer("maxTouchPoints", 0, 1000);
    double dpr = f.number("devicePixelRatio", 0, 100);
    int w = f.integer("screenWidth", 0, 1_000_000);
    int h = f.integer("screenHeight", 0, 1_000_000);
    boolean fine = f.bool("pointerFine");
    boolean coarse = f.bool("anyPointerCoarse");
    boolean hover = f.bool("hover");
    Optional<PageInfo.UaData> ua2 = Optional.empty();
    JsonElement d = f.take("uaData");
    if (!d.isJsonNull()) {
      Fields u = new Fields("hello: uaData", object(d, "hello: field 'uaData'"));
      String p = u.string("platform", MAX_SHORT);
      boolean mobile = u.bool("mobile");
      JsonArray brands = u.array("brands", 32);
      ImmutableList.Builder<PageInfo.Brand> b = ImmutableList.builder();
      for (int i = 0; i < brands.size(); i++) {
        String where = "hello: uaData.brands[" + i + "]";
        Fields bf = new Fields(where, object(brands.get(i), where));
        b.add(new PageInfo.Brand(bf.string("brand", MAX_SHORT), bf.string("version", MAX_SHORT)));
        bf.done();
      }
      String version = u.string("platformVersion", MAX_SHORT);
      String model = u.string("model", MAX_SHORT);
      u.done();
      ua2 = Optional.of(new PageInfo.UaData(p, mobile, b.build(), version, model));
    }
    f.done();
    return new Hello(
        new PageInfo(ua, platform, language, touchPoints, dpr, w, h, fine, coarse, hover, ua2),
        clock);
  }

  /**
   * Decodes a batch of events.
   *
   * @throws ProbeFormatException saying which event and field is wrong
   */
  public static Batch batch(String json) {
    Fields f = new Fields("batch", object(parse(json), "batch"));
    String session = f.string("session", MAX_SHORT);
    long seq = f.whole("seq", 0, Long.MAX_VALUE >> 11);
    long dropped = f.whole("dropped", 0, Long.MAX_VALUE >> 11);
    Optional<ClockSync> clock = Optional.empty();
    if (f.has("clock")) {
      JsonElement c = f.take("clock");
      if (!c.isJsonNull()) {
        Fields cf = new Fields("batch: clock", object(c, "batch: field 'clock'"));
        clock =
            Optional.of(
                new ClockSync(cf.number("offsetMs", -1e15, 1e15), cf.number("rttMs", 0, 1e9)));
        cf.done();
      }
    }
    JsonArray events = f.array("events", MAX_EVENTS);
    f.done();
    ImmutableList.Builder<ProbeEvent> out = ImmutableList.builderWithExpectedSize(events.size());
    for (int i = 0; i < events.size(); i++) {
      out.add(event(i, events.get(i)));
    }
    return new Batch(session, seq, clock, dropped, out.build());
  }

  private static ProbeEvent event(int index, JsonElement e) {
    String where = "event " + index;
    JsonObject o = object(e, where);
    Fields f = new Fields(where, o);
    String kindName = f.string("kind", MAX_SHORT);
    ProbeEvent.Kind kind = null;
    for (ProbeEvent.Kind k : ProbeEvent.Kind.values()) {
      if (k.wire().equals(kindName)) {
        kind = k;
      }
    }
    if (kind == null) {
      throw new ProbeFormatException(
          where + ": unknown kind " + quote(kindName) + " (key, pointer, wheel, touch, gesture)");
    }
    f = new Fields(where + " (" + kindName + ")", o);
    f.take("kind");
    String type = f.string("type", MAX_SHORT);
    if (!kind.types().contains(type)) {
      throw new ProbeFormatException(
          where
              + " ("
              + kindName
              + "): field 'type': "
              + quote(type)
              + " is not one of "
              + kind.types());
    }
    double t = f.number("t", 0, 1e15);
    ProbeEvent ev =
        switch (kind) {
          case KEY ->
              new ProbeEvent.Key(
                  type,
                  t,
                  f.string("key", MAX_SHORT),
                  f.string("code", MAX_SHORT),
                  f.modifiers(),
                  f.bool("repeat"),
                  f.integer("location", 0, 3));
          case POINTER ->
              new ProbeEvent.Pointer(
                  type,
                  t,
                  f.coord("movementX"),
                  f.coord("movementY"),
                  f.coord("clientX"),
                  f.coord("clientY"),
                  f.integer("button", -1, 31),
                  f.integer("buttons", 0, 0xFFFF),
                  f.string("pointerType", MAX_SHORT),
                  f.whole("pointerId", -1, Integer.MAX_VALUE * 2L),
                  f.bool("locked"),
                  f.modifiers());
          case WHEEL ->
              new ProbeEvent.Wheel(
                  type,
                  t,
                  f.coord("deltaX"),
                  f.coord("deltaY"),
                  f.coord("deltaZ"),
                  f.integer("deltaMode", 0, 2),
                  f.coord("clientX"),
                  f.coord("clientY"),
                  f.modifiers());
          case TOUCH -> touch(f, type, t);
          case GESTURE ->
              new ProbeEvent.Gesture(type, t, f.number("scale", 0, 1e6), f.coord("rotation"));
        };
    f.done();
    return ev;
  }

  private static ProbeEvent.Touch touch(Fields f, String type, double t) {
    int touches = f.integer("touches", 0, MAX_TOUCHES);
    JsonArray changed = f.array("changed", MAX_TOUCHES);
    ImmutableList.Builder<ProbeEvent.TouchPoint> b = ImmutableList.builder();
    for (int i = 0; i < changed.size(); i++) {
      String where = f.where + ": changed[" + i + "]";
      Fields p = new Fields(where, object(changed.get(i), where));
      b.add(
          new ProbeEvent.TouchPoint(
              p.whole("id", -(1L << 52), 1L << 52),
              p.coord("clientX"),
              p.coord("clientY"),
              p.number("radiusX", 0, MAX_COORD),
              p.number("radiusY", 0, MAX_COORD),
              p.number("force", 0, 1e6)));
      p.done();
    }
    return new ProbeEvent.Touch(type, t, touches, b.build());
  }

  private static JsonElement parse(String json) {
    JsonReader r = new JsonReader(new StringReader(json));
    r.setStrictness(Strictness.STRICT);
    try {
      JsonElement e = TREE.read(r);
      if (r.peek() != JsonToken.END_DOCUMENT) {
        throw new ProbeFormatException("malformed JSON: more after the first value");
      }
      return e;
    } catch (IOException | RuntimeException e) {
      if (e instanceof ProbeFormatException p) {
        throw p;
      }
      throw new ProbeFormatException("malformed JSON: " + e.getMessage());
    }
  }

  private static JsonObject object(JsonElement e, String where) {
    if (e == null || !e.isJsonObject()) {
      throw new ProbeFormatException(where + ": expected a JSON object, got " + shortText(e));
    }
    return e.getAsJsonObject();
  }

  static String quote(String s) {
    return "\"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
  }

  private static String shortText(JsonElement e) {
    String s = String.valueOf(e);
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }

  /** The fields of one object, taken one by one; {@link #done} refuses any left over. */
  private static final class Fields {
    final String where;
    private final JsonObject o;
    private final Set<String> taken = new HashSet<>();

    Fields(String where, JsonObject o) {
      this.where = where;
      this.o = o;
    }

    boolean has(String name) {
      return o.has(name);
    }

    JsonElement take(String name) {
      JsonElement e = o.get(name);
      if (e == null) {
        throw new ProbeFormatException(where + ": field '" + name + "' missing");
      }
      taken.add(name);
      return e;
    }

    private ProbeFormatException wrong(String name, String expected, JsonElement got) {
      return new ProbeFormatException(
          where + ": field '" + name + "': expected " + expected + ", got " + shortText(got));
    }

    String string(String name, int maxLength) {
      JsonElement e = take(name);
      if (!(e instanceof JsonPrimitive p) || !p.isString()) {
        throw wrong(name, "a string", e);
      }
      String s = p.getAsString();
      if (s.length() > maxLength) {
        throw new ProbeFormatException(
            where + ": field '" + name + "': " + s.length() + " characters, at most " + maxLength);
      }
      return s;
    }

    boolean bool(String name) {
      JsonElement e = take(name);
      if (!(e instanceof JsonPrimitive p) || !p.isBoolean()) {
        throw wrong(name, "true or false", e);
      }
      return p.getAsBoolean();
    }

    double number(String name, double min, double max) {
      JsonElement e = take(name);
      if (!(e instanceof JsonPrimitive p) || !p.isNumber()) {
        throw wrong(name, "a number", e);
      }
      double d = p.getAsDouble();
      if (!Double.isFinite(d) || d < min || d > max) {
        throw wrong(name, "a number in " + format(min) + ".." + format(max), e);
      }
      return d;
    }

    double coord(String name) {
      return number(name, -MAX_COORD, MAX_COORD);
    }

    long whole(String name, long min, long max) {
      double d = number(name, min, max);
      if (d != Math.rint(d)) {
        throw wrong(name, "a whole number", o.get(name));
      }
      return (long) d;
    }

    int integer(String name, int min, int max) {
      return (int) whole(name, min, max);
    }

    JsonArray array(String name, int maxSize) {
      JsonElement e = take(name);
      if (!e.isJsonArray()) {
        throw wrong(name, "an array", e);
      }
      JsonArray a = e.getAsJsonArray();
      if (a.size() > maxSize) {
        throw new ProbeFormatException(
            where + ": field '" + name + "': " + a.size() + " entries, at most " + maxSize);
      }
      return a;
    }

    ProbeEvent.Modifiers modifiers() {
      return new ProbeEvent.Modifiers(
          bool("shiftKey"), bool("ctrlKey"), bool("altKey"), bool("metaKey"));
    }

    void done() {
      for (Map.Entry<String, JsonElement> e : o.entrySet()) {
        if (!taken.contains(e.getKey())) {
          throw new ProbeFormatException(where + ": unknown field '" + e.getKey() + "'");
        }
      }
    }

    private static String format(double d) {
      return d == Math.rint(d) && Math.abs(d) < 1e18
          ? Long.toString((long) d)
          : String.format(Locale.ROOT, "%g", d);
    }
  }
}
