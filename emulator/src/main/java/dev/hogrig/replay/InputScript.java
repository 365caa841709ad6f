package dev.hogrig.replay;

import com.google.common.collect.ImmutableList;
import dev.hogrig.hid.Report;
import dev.hogrig.hid.ReportCodec;
import dev.hogrig.hid.ReportData;
import dev.hogrig.hid.ReportDescriptor;
import dev.hogrig.hid.ReportType;
import dev.hogrig.hid.Usage;
import dev.hogrig.hid.Usages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Scripted input for a device with a given descriptor: typed text, mouse paths, clicks and wheel
 * turns, touchpad gestures, as a timeline of {@link TimedReport}s for a {@link Replayer}.
 *
 * <pre>
 *   InputScript.on(descriptor, 133)         one report every 1/133 s (7.52 ms)
 *       .typeText("Hello, world!\n")        2 reports per character: key down, all up
 *       .pause(Duration.ofMillis(100))
 *       .move(300, -40, Duration.ofMillis(250))
 *       .click(1)
 *       .build()                            → ImmutableList&lt;TimedReport&gt;
 * </pre>
 *
 * <p>Every report is encoded with {@link ReportCodec} into the descriptor given, finding fields by
 * usage (HUT 1.5), never by byte offset: the same script types on a boot keyboard, on the keyboard
 * half of a composite device (report ID 1), or on an N-key-rollover bitmap. When the descriptor
 * lacks what an action needs (a touchpad gesture on a mouse, a wheel turn on a mouse without
 * Wheel), the action throws a {@link ReplayException} naming the usage.
 *
 * <p>Time: report {@code k} of the script is planned at {@code k / rate} seconds plus the pauses
 * before it, rounded to the nanosecond, so 133 Hz does not drift by the rounding of 7 518 796.99
 * ns.
 *
 * <p>Mutable builder, not thread-safe.
 */
public final class InputScript {
  /** How long a tap's finger stays down: well under libinput's 180 ms tap timeout. */
  public static final Duration TAP_HOLD = Duration.ofMillis(40);

  /** How long a click pad's button stays down in {@link #touchpadClick}. */
  public static final Duration CLICK_HOLD = Duration.ofMillis(80);

  private final ReportDescriptor descriptor;
  private final double rateHz;
  private final List<TimedReport> out = new ArrayList<>();
  private long frames;
  private long pausedNanos;
  private KeyboardEncoder keyboard;
  private MouseEncoder mouse;
  private TouchpadEncoder touchpad;
  private final Set<Usage> held = new LinkedHashSet<>();

  private InputScript(ReportDescriptor descriptor, double rateHz) {
    this.descriptor = Objects.requireNonNull(descriptor);
    if (!(rateHz >= 1 && rateHz <= 10_000)) {
      throw new ReplayException("report rate must be 1..10000 Hz, got " + rateHz);
    }
    this.rateHz = rateHz;
  }

  /**
   * A script for {@code descriptor} sending {@code rateHz} reports per second while it acts.
   *
   * @throws ReplayException when the rate is outside 1..10000 Hz
   */
  public static InputScript on(ReportDescriptor descriptor, double rateHz) {
    return new InputScript(descriptor, rateHz);
  }

  public double rateHz() {
    return rateHz;
  }

  /** Planned time of the next report, after the start. */
  public Duration elapsed() {
    return Duration.ofNanos(now());
  }

  /** The reports so far, in time order. */
  public ImmutableList<TimedReport> build() {
    return ImmutableList.copyOf(out);
  }

  /** Sends nothing for {@code d}. */
  public InputScript pause(Duration d) {
    if (d.isNegative()) {
      throw new ReplayException("a pause cannot be negative: " + d);
    }
    pausedNanos += d.toNanos();
    return this;
  }

  // ------------------------------------------------------------------------------- keyboard

  /**
   * Types {@code text} on the US layout ({@link UsLayout}): per character one report with its key
   * (and Left Shift for capitals and shifted symbols) down, then one with every key up. Key repeat
   * cannot start: a key is held for one report period, far below any host's repeat delay (Linux 250
   * ms by default), and two equal characters in a row are two separate presses.
   *
   * @throws ReplayException naming the character (and its code point) and its index in {@code text}
   *     when the US layout has no key for it, or the key or Shift that the descriptor lacks;
   *     nothing of {@code text} is added then
   */
  public InputScript typeText(String text) {
    List<KeyboardEncoder.Frame> frames = new ArrayList<>();
    List<String> origins = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int index = i;
      String what = "typing %s at index %d".formatted(show(c), i);
      UsLayout.KeyStroke s =
          UsLayout.stroke(c)
              .orElseThrow(
                  () ->
                      new ReplayException(
                          "cannot type %s at index %d of the text: the US keyboard layout has no key for it"
                              .formatted(show(c), index)));
      KeyboardEncoder.Frame down = keyboard().down(s, what);
      frames.add(down);
      frames.add(keyboard().up(down.report()));
      origins.add("typeText " + show(c) + " down");
      origins.add("typeText " + show(c) + " up");
    }
    List<TimedReport> encoded = new ArrayList<>();
    long k = frames();
    for (int i = 0; i < frames.size(); i++) {
      KeyboardEncoder.Frame f = frames.get(i);
      encoded.add(timed(k++, f.report(), f.data(), origins.get(i)));
    }
    commit(encoded);
    return this;
  }

  /**
   * Presses keys together, then releases them all: a chord such as Ctrl+C, {@code keys(0xE0, 0x06)}
   * (Keyboard page usage IDs, HUT 1.5 §10: 0xE0 Left Control .. 0xE7 Right GUI, 0x04 a ..). One
   * report down, one report up.
   *
   * @throws ReplayException when no Input report carries all of them
   */
  public InputScript keys(int... keyboardUsageIds) {
    String what = "keys " + java.util.Arrays.toString(keyboardUsageIds);
    for (int k : keyboardUsageIds) {
      if (k < 1 || k > 0xffff) {
        throw new ReplayException(what + ": Keyboard page usage IDs are 1..0xFFFF, got " + k);
      }
    }
    KeyboardEncoder.Frame down = keyboard().chord(keyboardUsageIds, what);
    long k = frames();
    commit(
        List.of(
            timed(k, down.report(), down.data(), what + " down"),
            timed(k + 1, down.report(), keyboard().up(down.report()).data(), what + " up")));
    return this;
  }

  private static String show(char c) {
    String glyph =
        switch (c) {
          case '\n' -> "\\n";
          case '\t' -> "\\t";
          case '\b' -> "\\b";
          case '\u001b' -> "ESC";
          default -> Character.isISOControl(c) ? "" : String.valueOf(c);
        };
    return "'%s' (U+%04X)".formatted(glyph, (int) c);
  }

  private KeyboardEncoder keyboard() {
    if (keyboard == null) {
      keyboard = new KeyboardEncoder(descriptor);
    }
    return keyboard;
  }

  // ------------------------------------------------------------------------------- mouse

  /**
   * Moves the pointer by ({@code dx}, {@code dy}) counts over {@code over}: one report per period,
   * the motion spread evenly with the remainders carried so the reports sum to exactly ({@code dx},
   * {@code dy}). Each report's X and Y stay within the fields' logical ranges (symmetric: min(max,
   * −min)); when {@code over} is too short for that, more reports are sent.
   *
   * @throws ReplayException when the descriptor has no Relative X and Y
   */
  public InputScript move(long dx, long dy, Duration over) {
    MouseEncoder m = mouse();
    long n = Math.max(1, periods(over));
    n = Math.max(n, ceilDiv(Math.abs(dx), limit(m.x)));
    n = Math.max(n, ceilDiv(Math.abs(dy), limit(m.y)));
    List<TimedReport> encoded = new ArrayList<>();
    long k = frames();
    for (long i = 1; i <= n; i++) {
      long sx = split(dx, i, n);
      long sy = split(dy, i, n);
      encoded.add(
          timed(k++, m.report, m.frame(held, sx, sy, 0, 0), "move step %d/%d".formatted(i, n)));
    }
    commit(encoded);
    return this;
  }

  /** {@link #move(long, long, Duration)} in as few reports as the field ranges allow. */
  public InputScript move(long dx, long dy) {
    return move(dx, dy, Duration.ZERO);
  }

  /** Presses and releases mouse button {@code n} (Button page usage n: 1 primary, 2 secondary). */
  public InputScript click(int button) {
    press(button);
    return release(button);
  }

  /** Presses mouse button {@code n} and keeps it down in later mouse reports (a drag). */
  public InputScript press(int button) {
    Usage b = mouse().button(button);
    held.add(b);
    mouseFrame(0, 0, "press button " + button);
    return this;
  }

  /** Releases mouse button {@code n}. */
  public InputScript release(int button) {
    Usage b = mouse().button(button);
    held.remove(b);
    mouseFrame(0, 0, "release button " + button);
    return this;
  }

  /**
   * Turns the wheel by {@code detents} (positive: away from the user, HUT 1.5 §4 Wheel), one detent
   * per report as a notched wheel sends them.
   *
   * @throws ReplayException when the mouse report has no Relative Wheel (Generic Desktop 0x38)
   */
  public InputScript wheel(int detents) {
    return turn(Usages.WHEEL, detents, "wheel");
  }

  /** Tilts the wheel sideways by {@code detents} (AC Pan, Consumer 0x238; positive: right). */
  public InputScript pan(int detents) {
    return turn(Usages.AC_PAN, detents, "pan");
  }

  private InputScript turn(Usage u, int detents, String what) {
    MouseEncoder m = mouse();
    m.field(u, what);
    List<TimedReport> encoded = new ArrayList<>();
    long k = frames();
    int step = Integer.signum(detents);
    for (int i = 1; i <= Math.abs(detents); i++) {
      ReportData d =
          u.equals(Usages.WHEEL) ? m.frame(held, 0, 0, step, 0) : m.frame(held, 0, 0, 0, step);
      encoded.add(timed(k++, m.report, d, "%s %d/%d".formatted(what, i, Math.abs(detents))));
    }
    commit(encoded);
    return this;
  }

  private void mouseFrame(long dx, long dy, String origin) {
    MouseEncoder m = mouse();
    commit(List.of(timed(frames(), m.report, m.frame(held, dx, dy, 0, 0), origin)));
  }

  private MouseEncoder mouse() {
    if (mouse == null) {
      mouse = new MouseEncoder(descriptor);
    }
    return mouse;
  }

  private static long limit(dev.hogrig.hid.Field f) {
    long l = Fields.symmetricLimit(f);
    if (l < 1) {
      throw new ReplayException(
          "the mouse's %s field has logical range %d..%d, which cannot move both ways"
              .formatted(
                  UsageNames.describe(f.usage(0).orElseThrow()), f.logicalMin(), f.logicalMax()));
    }
    return l;
  }

  // ------------------------------------------------------------------------------- touchpad

  /**
   * One finger from ({@code x0}, {@code y0}) to ({@code x1}, {@code y1}), in fractions 0..1 of the
   * surface (0, 0 top left), over {@code over}; then the finger lifts.
   */
  public InputScript touchMove(double x0, double y0, double x1, double y1, Duration over) {
    String what = "one-finger move";
    checkFractions(what, x0, y0, x1, y1);
    return gesture(what, new double[][] {{x0, y0, x1, y1}}, over);
  }

  /**
   * Two fingers side by side (a tenth of the width apart) around the centre, moving together by
   * ({@code dx}, {@code dy}) fractions of the surface over {@code over}: a two-finger scroll (dy
   * &gt; 0 moves the fingers down).
   */
  public InputScript twoFingerScroll(double dx, double dy, Duration over) {
    return together("two-finger scroll", new double[] {0.45, 0.55}, dx, dy, over);
  }

  /** Three fingers (0.4, 0.5, 0.6 of the width) moving together by ({@code dx}, {@code dy}). */
  public InputScript threeFingerSwipe(double dx, double dy, Duration over) {
    return together("three-finger swipe", new double[] {0.4, 0.5, 0.6}, dx, dy, over);
  }

  /**
   * Two fingers on a horizontal line through the centre, 0.2 of the width apart, whose distance is
   * multiplied by {@code scale} over {@code over} (&gt; 1 spreads: zoom in; &lt; 1 pinches).
   */
  public InputScript pinch(double scale, Duration over) {
    String what = "pinch";
    double half0 = 0.1;
    double half1 = half0 * scale;
    if (!(scale > 0) || half1 > 0.5) {
      throw new ReplayException(
          "pinch scale must be > 0 and at most %.1f (fingers start 0.2 of the width apart), got %s"
              .formatted(0.5 / half0, scale));
    }
    return gesture(
        what,
        new double[][] {{0.5 - half0, 0.5, 0.5 - half1, 0.5}, {0.5 + half0, 0.5, 0.5 + half1, 0.5}},
        over);
  }

  /** One finger down at ({@code x}, {@code y}) for {@link #TAP_HOLD}, then lifted. */
  public InputScript tap(double x, double y) {
    String what = "tap";
    checkFractions(what, x, y);
    return gesture(what, new double[][] {{x, y, x, y}}, TAP_HOLD);
  }

  /**
   * A click-pad click at ({@code x}, {@code y}): finger down, Button 1 pressed for {@link
   * #CLICK_HOLD} and released, finger lifted.
   */
  public InputScript touchpadClick(double x, double y) {
    String what = "touchpad click";
    checkFractions(what, x, y);
    TouchpadEncoder t = touchpad(what);
    t.requireFingers(1, what);
    t.requireButton(what);
    List<TouchpadEncoder.Finger> down =
        List.of(new TouchpadEncoder.Finger(0, t.x(x), t.y(y), true));
    List<TouchpadEncoder.Finger> up = List.of(new TouchpadEncoder.Finger(0, t.x(x), t.y(y), false));
    List<TimedReport> encoded = new ArrayList<>();
    long k = frames();
    encoded.add(touchFrame(t, k++, down, false, what + " touch"));
    long hold = Math.max(1, periods(CLICK_HOLD));
    for (long i = 0; i < hold; i++) {
      encoded.add(touchFrame(t, k++, down, true, what + " button down"));
    }
    encoded.add(touchFrame(t, k++, down, false, what + " button up"));
    encoded.add(touchFrame(t, k++, up, false, what + " lift"));
    commit(encoded);
    return this;
  }

  private InputScript together(String what, double[] xs, double dx, double dy, Duration over) {
    double[][] paths = new double[xs.length][];
    for (int i = 0; i < xs.length; i++) {
      double x0 = xs[i] - dx / 2;
      double y0 = 0.5 - dy / 2;
      paths[i] = new double[] {x0, y0, x0 + dx, y0 + dy};
      checkFractions(what, paths[i]);
    }
    return gesture(what, paths, over);
  }

  /**
   * Fingers {@code i} moving in a straight line from {@code paths[i][0..1]} to {@code
   * paths[i][2..3]}: n + 1 touching frames (n = periods in {@code over}, at least 1), positions at
   * 0, 1/n, ..., 1 of the way, then one frame with every finger lifted.
   */
  private InputScript gesture(String what, double[][] paths, Duration over) {
    TouchpadEncoder t = touchpad(what);
    t.requireFingers(paths.length, what);
    long n = Math.max(1, periods(over));
    List<TimedReport> encoded = new ArrayList<>();
    long k = frames();
    List<TouchpadEncoder.Finger> fingers = List.of();
    for (long i = 0; i <= n; i++) {
      fingers = fingersAt(t, paths, (double) i / n, true);
      encoded.add(touchFrame(t, k++, fingers, false, "%s frame %d/%d".formatted(what, i, n)));
    }
    encoded.add(touchFrame(t, k++, fingersAt(t, paths, 1, false), false, what + " lift"));
    commit(encoded);
    return this;
  }

  private static List<TouchpadEncoder.Finger> fingersAt(
      TouchpadEncoder t, double[][] paths, double along, boolean tip) {
    List<TouchpadEncoder.Finger> out = new ArrayList<>();
    for (int i = 0; i < paths.length; i++) {
      double[] p = paths[i];
      out.add(
          new TouchpadEncoder.Finger(
              i, t.x(p[0] + (p[2] - p[0]) * along), t.y(p[1] + (p[3] - p[1]) * along), tip));
    }
    return out;
  }

  private TimedReport touchFrame(
      TouchpadEncoder t,
      long k,
      List<TouchpadEncoder.Finger> fingers,
      boolean pressed,
      String origin) {
    return timed(k, t.report(), t.frame(fingers, pressed, at(k)), origin);
  }

  private static void checkFractions(String what, double... v) {
    for (double d : v) {
      if (!(d >= 0 && d <= 1)) {
        throw new ReplayException(
            "%s: positions are fractions 0..1 of the touchpad surface, and one would be at %.3f"
                .formatted(what, d));
      }
    }
  }

  private TouchpadEncoder touchpad(String what) {
    if (touchpad == null) {
      touchpad = new TouchpadEncoder(descriptor, what);
    }
    return touchpad;
  }

  // ------------------------------------------------------------------------------- timing

  private long frames() {
    return frames;
  }

  /** Report k's planned time: k periods plus the pauses so far. */
  private long at(long k) {
    return pausedNanos + Math.round(k * 1e9 / rateHz);
  }

  private long now() {
    return at(frames);
  }

  private long periods(Duration d) {
    return Math.round(d.toNanos() * rateHz / 1e9);
  }

  private TimedReport timed(long k, Report r, ReportData data, String origin) {
    return new TimedReport(
        at(k),
        ReportType.INPUT,
        r.id(),
        ReportCodec.encodePayload(descriptor, ReportType.INPUT, r.id(), data),
        origin);
  }

  /** Adds a whole action's reports at once, so that a failing action adds nothing. */
  private void commit(List<TimedReport> encoded) {
    out.addAll(encoded);
    frames += encoded.size();
  }

  /** The i-th of n steps of {@code total}: floor(total·i/n) − floor(total·(i−1)/n). */
  private static long split(long total, long i, long n) {
    return Math.floorDiv(total * i, n) - Math.floorDiv(total * (i - 1), n);
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
