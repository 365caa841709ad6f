package dev.hogrig.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogrig.hid.DecodedReport;
import dev.hogrig.hid.DescriptorLibrary;
import dev.hogrig.hid.ReportCodec;
import dev.hogrig.hid.ReportDescriptor;
import dev.hogrig.hid.Usage;
import dev.hogrig.hid.Usages;
import dev.hogrig.util.Bytes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Scripts encoded into the library descriptors and decoded back: the meaning survives (text typed
 * is the text read back, motions sum to what was asked, touch frames carry the right contacts). Key
 * codes are HUT 1.5 §10 (Keyboard/Keypad page 0x07); layouts HID 1.11 Appendix B and the library
 * files' headers.
 */
class InputScriptTest {
  static final ReportDescriptor BOOT_KEYBOARD = library("boot-keyboard");
  static final ReportDescriptor COMPOSITE = library("keyboard-touchpad");
  static final ReportDescriptor MOUSE = library("mouse-5btn");
  static final ReportDescriptor TOUCHPAD = library("ptp-clickpad");

  /** HID 1.11 Appendix B.2: 3 buttons, X and Y as int8, no wheel. */
  static final ReportDescriptor BOOT_MOUSE =
      ReportDescriptor.parse(
          Bytes.fromHex(
              "05 01 09 02 a1 01 09 01 a1 00 05 09 19 01 29 03 15 00 25 01 95 03 75 01 81 02"
                  + " 95 01 75 05 81 01 05 01 09 30 09 31 15 81 25 7f 75 08 95 02 81 06 c0 c0"));

  static ReportDescriptor library(String name) {
    return DescriptorLibrary.get(name).orElseThrow().parse();
  }

  static final Usage LEFT_SHIFT = new Usage(Usages.PAGE_KEYBOARD, 0xE1);

  static DecodedReport decode(ReportDescriptor d, TimedReport r) {
    return ReportCodec.decodePayload(d, r.type(), r.reportId(), r.payload());
  }

  // ----------------------------------------------------------------------- keyboard

  /** The keys pressed in a report: Keyboard-page usages below 0xE0 that an array slot selects. */
  static Set<Usage> keys(DecodedReport d) {
    return d.pressed();
  }

  @Test
  void keyCodesAreThoseOfTheUsageTables() {
    // HUT 1.5 §10: a 0x04, 1 0x1E, Enter 0x28, Space 0x2C; 'A' is Left Shift (0xE1) with 0x04.
    List<TimedReport> r = InputScript.on(BOOT_KEYBOARD, 133).typeText("aA1\n ").build();
    assertEquals(10, r.size(), "two reports per character: key down, then all up");
    assertEquals(Bytes.of(0x00, 0, 0x04, 0, 0, 0, 0, 0), r.get(0).payload());
    assertEquals(Bytes.of(0, 0, 0, 0, 0, 0, 0, 0), r.get(1).payload());
    // Boot keyboard byte 0 bit 1 is Left Shift (HID 1.11 Appendix B.1).
    assertEquals(Bytes.of(0x02, 0, 0x04, 0, 0, 0, 0, 0), r.get(2).payload());
    assertEquals(Bytes.of(0x00, 0, 0x1E, 0, 0, 0, 0, 0), r.get(4).payload());
    assertEquals(Bytes.of(0x00, 0, 0x28, 0, 0, 0, 0, 0), r.get(6).payload());
    assertEquals(Bytes.of(0x00, 0, 0x2C, 0, 0, 0, 0, 0), r.get(8).payload());
  }

  @Test
  void reportsFollowTheRateWithoutDrift() {
    List<TimedReport> r = InputScript.on(BOOT_KEYBOARD, 133).typeText("aaaa").build();
    // Report k at round(k / 133 s): 0, 7 518 797, 15 037 594, ...
    for (int k = 0; k < r.size(); k++) {
      assertEquals(Math.round(k * 1e9 / 133), r.get(k).atNanos());
    }
    assertEquals(
        Math.round(8 * 1e9 / 133) + 100_000_000,
        InputScript.on(BOOT_KEYBOARD, 133)
            .typeText("aaaa")
            .pause(Duration.ofMillis(100))
            .typeText("a")
            .build()
            .get(8)
            .atNanos());
  }

  /** An independent US-layout reading of HUT 1.5 §10: key code → {unshifted, shifted} character. */
  static final Map<Integer, String> US = new HashMap<>();

  static {
    for (int i = 0; i < 26; i++) {
      US.put(0x04 + i, "" + (char) ('a' + i) + (char) ('A' + i));
    }
    String[] digits = {"1!", "2@", "3#", "4$", "5%", "6^", "7&", "8*", "9(", "0)"};
    for (int i = 0; i < 10; i++) {
      US.put(0x1E + i, digits[i]);
    }
    US.put(0x28, "\n\n");
    US.put(0x2B, "\t\t");
    US.put(0x2C, "  ");
    US.put(0x2D, "-_");
    US.put(0x2E, "=+");
    US.put(0x2F, "[{");
    US.put(0x30, "]}");
    US.put(0x31, "\\|");
    US.put(0x33, ";:");
    US.put(0x34, "'\"");
    US.put(0x35, "`~");
    US.put(0x36, ",<");
    US.put(0x37, ".>");
    US.put(0x38, "/?");
  }

  /** What a host with a US keymap types from these reports: a character per key press. */
  static String typed(ReportDescriptor d, List<TimedReport> reports) {
    StringBuilder sb = new StringBuilder();
    Set<Usage> before = Set.of();
    for (TimedReport r : reports) {
      DecodedReport dec = decode(d, r);
      boolean shift = dec.value(LEFT_SHIFT).orElse(0L) == 1;
      Set<Usage> now = keys(dec);
      for (Usage u : now) {
        if (!before.contains(u)) {
          sb.append(US.get(u.id()).charAt(shift ? 1 : 0));
        }
      }
      before = now;
    }
    return sb.toString();
  }

  @Test
  void helloWorldTypesBackAsHelloWorld() {
    assertEquals(
        "Hello, world!\n",
        typed(
            BOOT_KEYBOARD, InputScript.on(BOOT_KEYBOARD, 133).typeText("Hello, world!\n").build()));
  }

  @Provide
  Arbitrary<String> usText() {
    StringBuilder all = new StringBuilder("\n\t ");
    for (char c = 33; c < 127; c++) {
      all.append(c);
    }
    return Arbitraries.strings().withChars(all.toString().toCharArray()).ofMaxLength(40);
  }

  @Property(tries = 200)
  void anyPrintableAsciiTextTypesBackUnchanged(@ForAll("usText") String text) {
    assertEquals(
        text, typed(BOOT_KEYBOARD, InputScript.on(BOOT_KEYBOARD, 133).typeText(text).build()));
  }

  @Property(tries = 50)
  void onTheCompositeTheKeyboardIsReportOne(@ForAll("usText") String text) {
    List<TimedReport> r = InputScript.on(COMPOSITE, 133).typeText(text).build();
    assertTrue(r.stream().allMatch(t -> t.reportId() == 1));
    assertEquals(text, typed(COMPOSITE, r));
  }

  @Property(tries = 100)
  void everyKeyIsReleasedBeforeTheNextPressSoNothingRepeats(@ForAll("usText") String text) {
    List<TimedReport> r = InputScript.on(BOOT_KEYBOARD, 133).typeText(text).build();
    for (int i = 1; i < r.size(); i += 2) {
      assertEquals(Set.of(), keys(decode(BOOT_KEYBOARD, r.get(i))));
      assertEquals(0L, decode(BOOT_KEYBOARD, r.get(i)).value(LEFT_SHIFT).orElseThrow());
    }
  }

  @Test
  void chordsPressKeysTogether() {
    // Ctrl+C: Left Control (0xE0) is boot keyboard byte 0 bit 0, c is 0x06 (HUT 1.5 §10).
    List<TimedReport> r = InputScript.on(BOOT_KEYBOARD, 133).keys(0xE0, 0x06).build();
    assertEquals(Bytes.of(0x01, 0, 0x06, 0, 0, 0, 0, 0), r.get(0).payload());
    assertEquals(Bytes.of(0, 0, 0, 0, 0, 0, 0, 0), r.get(1).payload());
    // 0xE8 is reserved (HUT 1.5 §10) and not in the boot keyboard's modifier range 0xE0..0xE7.
    assertEquals(
        "keys [6, 232] needs usage 0xe8 (Keyboard 0x07:0xe8) in Input report with c and C"
            + " (Keyboard 0x07:0x06); it has none",
        assertThrows(
                ReplayException.class, () -> InputScript.on(BOOT_KEYBOARD, 133).keys(0x06, 0xE8))
            .getMessage());
  }

  @Test
  void aCharacterTheLayoutLacksIsNamedWithItsIndexAndNothingIsAdded() {
    InputScript s = InputScript.on(BOOT_KEYBOARD, 133).typeText("ok");
    ReplayException e = assertThrows(ReplayException.class, () -> s.typeText("café"));
    assertEquals(
        "cannot type 'é' (U+00E9) at index 3 of the text: the US keyboard layout has no key for it",
        e.getMessage());
    assertEquals(4, s.build().size());
  }

  @Test
  void typingOnAMouseNamesTheMissingKey() {
    assertEquals(
        "typing 'a' (U+0061) at index 0 needs key a and A (Keyboard 0x07:0x04), which no"
            + " Input report of the descriptor carries",
        assertThrows(ReplayException.class, () -> InputScript.on(MOUSE, 133).typeText("a"))
            .getMessage());
  }

  // ----------------------------------------------------------------------- mouse

  static long sum(ReportDescriptor d, List<TimedReport> r, Usage u) {
    return r.stream().mapToLong(t -> decode(d, t).value(u).orElse(0L)).sum();
  }

  @Property(tries = 200)
  void mousePathsSumToTheRequestedMotionWithinTheFieldRanges(
      @ForAll @IntRange(min = -2000, max = 2000) int dx,
      @ForAll @IntRange(min = -2000, max = 2000) int dy,
      @ForAll @IntRange(min = 0, max = 500) int millis) {
    // The boot mouse's X and Y are int8, -127..127: large moves must be split.
    List<TimedReport> r =
        InputScript.on(BOOT_MOUSE, 133).move(dx, dy, Duration.ofMillis(millis)).build();
    assertEquals(dx, sum(BOOT_MOUSE, r, Usages.X));
    assertEquals(dy, sum(BOOT_MOUSE, r, Usages.Y));
    for (TimedReport t : r) {
      assertTrue(Math.abs(decode(BOOT_MOUSE, t).value(Usages.X).orElseThrow()) <= 127);
    }
    long periods = Math.round(millis * 133 / 1000.0);
    long needed =
        Math.max(
            Math.max(1, periods), Math.max((Math.abs(dx) + 126) / 127, (Math.abs(dy) + 126) / 127));
    assertEquals(needed, r.size());
  }

  @Test
  void aMoveOverTimeSpreadsEvenly() {
    // 100 counts over 10 reports of the 16-bit mouse: 10 each.
    List<TimedReport> r = InputScript.on(MOUSE, 100).move(100, -30, Duration.ofMillis(100)).build();
    assertEquals(10, r.size());
    for (TimedReport t : r) {
      assertEquals(10L, decode(MOUSE, t).value(Usages.X).orElseThrow());
      assertEquals(-3L, decode(MOUSE, t).value(Usages.Y).orElseThrow());
    }
  }

  @Test
  void clickPressesThenReleasesAndDragsKeepTheButtonDown() {
    Usage b1 = new Usage(Usages.PAGE_BUTTON, 1);
    Usage b2 = new Usage(Usages.PAGE_BUTTON, 2);
    List<TimedReport> r =
        InputScript.on(MOUSE, 133).click(2).press(1).move(5, 0).release(1).build();
    assertEquals(
        List.of(1L, 0L, 0L, 0L, 0L),
        r.stream().map(t -> decode(MOUSE, t).value(b2).orElseThrow()).toList());
    assertEquals(
        List.of(0L, 0L, 1L, 1L, 0L),
        r.stream().map(t -> decode(MOUSE, t).value(b1).orElseThrow()).toList());
    // Boot mouse byte 0 bit 1 is Button 2 (HID 1.11 Appendix B.2).
    assertEquals(
        Bytes.of(0x02, 0, 0), InputScript.on(BOOT_MOUSE, 133).click(2).build().get(0).payload());
  }

  @Test
  void wheelSendsOneDetentPerReport() {
    List<TimedReport> r = InputScript.on(MOUSE, 133).wheel(-3).pan(2).build();
    assertEquals(
        List.of(-1L, -1L, -1L, 0L, 0L),
        r.stream().map(t -> decode(MOUSE, t).value(Usages.WHEEL).orElseThrow()).toList());
    assertEquals(
        List.of(0L, 0L, 0L, 1L, 1L),
        r.stream().map(t -> decode(MOUSE, t).value(Usages.AC_PAN).orElseThrow()).toList());
    // mouse-hires keeps Wheel in a Logical collection with its Resolution Multiplier: same report.
    ReportDescriptor hires = library("mouse-hires");
    assertEquals(
        1L,
        decode(hires, InputScript.on(hires, 133).wheel(1).build().get(0))
            .value(Usages.WHEEL)
            .orElseThrow());
  }

  @Test
  void whatAMouseLacksIsNamed() {
    assertEquals(
        "wheel needs Wheel (Generic Desktop 0x01:0x38) as a Relative value in the mouse's Input"
            + " report; it has none",
        assertThrows(ReplayException.class, () -> InputScript.on(BOOT_MOUSE, 133).wheel(1))
            .getMessage());
    assertEquals(
        "button 4 needs Button 4 (Button 0x09:0x04) in the mouse's Input report; it has none",
        assertThrows(ReplayException.class, () -> InputScript.on(BOOT_MOUSE, 133).click(4))
            .getMessage());
    assertEquals(
        "mouse input needs X (Generic Desktop 0x01:0x30) as a Relative value of an Input report;"
            + " the descriptor has none",
        assertThrows(ReplayException.class, () -> InputScript.on(TOUCHPAD, 133).move(1, 1))
            .getMessage());
  }

  // ----------------------------------------------------------------------- touchpad

  /** Per frame: contact count, and the tip switches of the contacts it counts. */
  record Frame(
      long count, List<Long> tips, List<Long> ids, List<Long> xs, List<Long> ys, long button) {}

  static List<Frame> frames(ReportDescriptor d, List<TimedReport> r) {
    List<Frame> out = new ArrayList<>();
    for (TimedReport t : r) {
      DecodedReport dec = decode(d, t);
      long n = dec.value(Usages.CONTACT_COUNT).orElseThrow();
      List<Long> tips = new ArrayList<>();
      List<Long> ids = new ArrayList<>();
      List<Long> xs = new ArrayList<>();
      List<Long> ys = new ArrayList<>();
      for (int c = 0; c < n; c++) {
        tips.add(dec.value(c, Usages.TIP_SWITCH).orElseThrow());
        ids.add(dec.value(c, Usages.CONTACT_ID).orElseThrow());
        xs.add(dec.value(c, Usages.X).orElseThrow());
        ys.add(dec.value(c, Usages.Y).orElseThrow());
      }
      out.add(new Frame(n, tips, ids, xs, ys, dec.value(Usages.BUTTON_1).orElseThrow()));
    }
    return out;
  }

  @Test
  void oneFingerMoveTouchesMovesAndLifts() {
    // ptp-clickpad: X 0..4000, Y 0..2400. 100 ms at 100 Hz: 10 periods, 11 touching frames.
    List<Frame> f =
        frames(
            TOUCHPAD,
            InputScript.on(TOUCHPAD, 100).touchMove(0, 0, 1, 0.5, Duration.ofMillis(100)).build());
    assertEquals(12, f.size());
    for (int i = 0; i <= 10; i++) {
      assertEquals(1, f.get(i).count());
      assertEquals(List.of(1L), f.get(i).tips());
      assertEquals(List.of(400L * i), f.get(i).xs());
      assertEquals(List.of(120L * i), f.get(i).ys());
    }
    assertEquals(
        new Frame(1, List.of(0L), List.of(0L), List.of(4000L), List.of(1200L), 0), f.get(11));
  }

  @Test
  void twoAndThreeFingerGesturesMoveTheirContactsTogether() {
    List<Frame> two =
        frames(
            TOUCHPAD,
            InputScript.on(TOUCHPAD, 100).twoFingerScroll(0, 0.2, Duration.ofMillis(50)).build());
    List<Frame> three =
        frames(
            TOUCHPAD,
            InputScript.on(TOUCHPAD, 100).threeFingerSwipe(0.3, 0, Duration.ofMillis(50)).build());
    for (List<Frame> g : List.of(two, three)) {
      int n = g == two ? 2 : 3;
      for (int i = 0; i < g.size(); i++) {
        Frame fr = g.get(i);
        assertEquals(n, fr.count());
        assertEquals(n, Set.copyOf(fr.ids()).size(), "distinct contact IDs");
        assertEquals(Set.of(i < g.size() - 1 ? 1L : 0L), Set.copyOf(fr.tips()));
      }
    }
    // Scroll: 0.2 of 2400 down, fingers keep their X.
    assertEquals(480L, two.get(two.size() - 1).ys().get(0) - two.get(0).ys().get(0));
    assertEquals(two.get(0).xs(), two.get(two.size() - 1).xs());
    // Swipe: 0.3 of 4000 right for each of three fingers.
    for (int c = 0; c < 3; c++) {
      assertEquals(1200L, three.get(three.size() - 1).xs().get(c) - three.get(0).xs().get(c));
    }
  }

  @Test
  void pinchChangesTheDistanceBetweenTwoFingersByTheScale() {
    List<Frame> f =
        frames(TOUCHPAD, InputScript.on(TOUCHPAD, 100).pinch(2, Duration.ofMillis(100)).build());
    Frame first = f.get(0);
    Frame last = f.get(f.size() - 2);
    long d0 = first.xs().get(1) - first.xs().get(0);
    long d1 = last.xs().get(1) - last.xs().get(0);
    assertEquals(800, d0, "0.2 of 4000");
    assertEquals(1600, d1);
    assertEquals(first.ys(), last.ys());
  }

  @Test
  void tapAndClick() {
    List<Frame> tap = frames(TOUCHPAD, InputScript.on(TOUCHPAD, 100).tap(0.5, 0.5).build());
    // TAP_HOLD 40 ms at 100 Hz: 4 periods, 5 touching frames, then the lift.
    assertEquals(6, tap.size());
    assertTrue(tap.stream().allMatch(fr -> fr.count() == 1 && fr.button() == 0));
    assertEquals(List.of(0L), tap.get(5).tips());

    List<Frame> click =
        frames(TOUCHPAD, InputScript.on(TOUCHPAD, 100).touchpadClick(0.5, 0.8).build());
    // touch, 8 frames (CLICK_HOLD 80 ms) with Button 1, button up, lift.
    assertEquals(11, click.size());
    assertEquals(
        List.of(0L, 1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L, 0L, 0L),
        click.stream().map(Frame::button).toList());
    assertEquals(List.of(0L), click.get(10).tips());
    assertTrue(
        click.stream()
            .allMatch(fr -> fr.xs().equals(List.of(2000L)) && fr.ys().equals(List.of(1920L))));
  }

  @Test
  void scanTimeCountsHundredsOfMicroseconds() {
    List<TimedReport> r = InputScript.on(TOUCHPAD, 100).tap(0.5, 0.5).build();
    for (TimedReport t : r) {
      assertEquals(
          t.atNanos() / 100_000, decode(TOUCHPAD, t).value(Usages.SCAN_TIME).orElseThrow());
    }
  }

  @Test
  void gesturesOnTheCompositeUseReportTwo() {
    // keyboard-touchpad header: Input 1 keyboard, Input 2 touchpad.
    List<TimedReport> r = InputScript.on(COMPOSITE, 133).typeText("a").tap(0.1, 0.1).build();
    assertEquals(List.of(1, 1), r.subList(0, 2).stream().map(TimedReport::reportId).toList());
    assertTrue(r.subList(2, r.size()).stream().allMatch(t -> t.reportId() == 2));
    assertEquals(1, frames(COMPOSITE, r.subList(2, r.size())).get(0).count());
  }

  @Test
  void touchpadGesturesOnAMouseNameTheMissingUsage() {
    assertEquals(
        "tap needs Contact Count (Digitizers 0x0d:0x54) in an Input report, as a touchpad has; the"
            + " descriptor has none",
        assertThrows(ReplayException.class, () -> InputScript.on(MOUSE, 133).tap(0.5, 0.5))
            .getMessage());
  }

  @Test
  void positionsOffTheSurfaceAreRefused() {
    assertEquals(
        "two-finger scroll: positions are fractions 0..1 of the touchpad surface, and one would be"
            + " at -0.050",
        assertThrows(
                ReplayException.class,
                () -> InputScript.on(TOUCHPAD, 133).twoFingerScroll(0, 1.1, Duration.ofMillis(50)))
            .getMessage());
  }
}
