package dev.hogrig.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.hogrig.hid.DescriptorLibrary;
import dev.hogrig.hid.ReportCodec;
import dev.hogrig.hid.ReportData;
import dev.hogrig.hid.ReportDescriptor;
import dev.hogrig.hid.ReportType;
import dev.hogrig.hid.Usage;
import dev.hogrig.hid.Usages;
import dev.hogrig.util.Bytes;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The reference host, observed without Bluetooth: three library descriptors are given to the guest
 * kernel through /dev/uhid as Bluetooth devices, and the test checks which driver bound, which
 * input devices and event codes the kernel made, and which evdev events the reports (built with
 * {@link ReportCodec}) turn into. Expected values come from the HID specifications, the Microsoft
 * Precision Touchpad specification and the kernel's documented behaviour (cited per test). Boots on
 * the run's shared lab ({@link WithLab}) and removes its devices afterwards.
 */
@WithLab
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostObserverLabTest {
  private static final Duration BIND = Duration.ofSeconds(90);
  private static final Duration EVENTS = Duration.ofSeconds(30);
  private static final int VENDOR = 0x1d6b; // Linux Foundation, as the kernel's own test devices

  private static VirtualLab lab;
  private static UhidDevice keyboard;
  private static UhidDevice mouse;
  private static UhidDevice touchpad;
  private static ReportDescriptor kbdDesc;
  private static ReportDescriptor mouseDesc;
  private static ReportDescriptor ptpDesc;

  @BeforeAll
  static void createDevices(VirtualLab shared) {
    lab = shared;
    kbdDesc = DescriptorLibrary.get("boot-keyboard").orElseThrow().parse();
    mouseDesc = DescriptorLibrary.get("mouse-5btn").orElseThrow().parse();
    ptpDesc = DescriptorLibrary.get("ptp-clickpad").orElseThrow().parse();

    // The Precision Touchpad's feature reports, answered as a real pad would: Contact Count
    // Maximum 5 with Pad Type 0 (click pad), an all-zero certification blob (not certified),
    // Input Mode 0 (mouse: the host sets 3), surface and button switches off.
    UhidSpec ptp =
        UhidSpec.bluetooth(
                "Rig Touchpad", VENDOR, 0x0103, DescriptorLibrary.get("ptp-clickpad").get().bytes())
            .withFeature(
                3,
                ReportCodec.encode(
                    ptpDesc,
                    ReportType.FEATURE,
                    3,
                    new ReportData().set(Usages.CONTACT_COUNT_MAXIMUM, 5).set(Usages.PAD_TYPE, 0)))
            .withFeature(4, ReportCodec.encode(ptpDesc, ReportType.FEATURE, 4, new ReportData()))
            .withFeature(5, ReportCodec.encode(ptpDesc, ReportType.FEATURE, 5, new ReportData()))
            .withFeature(6, ReportCodec.encode(ptpDesc, ReportType.FEATURE, 6, new ReportData()));
    long t0 = System.nanoTime();
    ImmutableList<UhidDevice> devices =
        UhidDevice.createAll(
            lab,
            List.of(
                UhidSpec.bluetooth(
                    "Rig Keyboard",
                    VENDOR,
                    0x0101,
                    DescriptorLibrary.get("boot-keyboard").get().bytes()),
                UhidSpec.bluetooth(
                    "Rig Mouse", VENDOR, 0x0102, DescriptorLibrary.get("mouse-5btn").get().bytes()),
                ptp));
    System.out.printf(
        "host observer: 3 uhid devices, start command to all CREATED: %d ms%n",
        (System.nanoTime() - t0) / 1_000_000);
    keyboard = devices.get(0);
    mouse = devices.get(1);
    touchpad = devices.get(2);
  }

  @AfterAll
  static void removeDevices() {
    for (UhidDevice d : new UhidDevice[] {keyboard, mouse, touchpad}) {
      if (d != null) {
        try {
          d.close();
        } catch (LabException e) {
          // the lab's power-off ends it anyway
        }
      }
    }
  }

  /**
   * hid-generic binds a plain keyboard; hid-input maps Keyboard page usage 0x04 to KEY_A and the
   * modifiers 0xE0..0xE7 to KEY_LEFTCTRL..KEY_RIGHTMETA (HUT 1.5 §10; the kernel's hid_keyboard
   * table), and the LED page output report to EV_LED.
   */
  @Test
  @Order(1)
  void keyboardGetsHidGenericAndItsKeysInTheBitmap() {
    long t0 = System.nanoTime();
    HidDeviceInfo kbd = keyboard.awaitBound(BIND);
    System.out.printf(
        "host observer: keyboard bound and listed after %d ms more%n",
        (System.nanoTime() - t0) / 1_000_000);
    assertEquals("Rig Keyboard", kbd.name());
    assertEquals(HidDeviceInfo.BUS_BLUETOOTH, kbd.bus());
    assertEquals(VENDOR, kbd.vendor());
    assertEquals(0x0101, kbd.product());
    assertEquals("hid-generic", kbd.driver().orElse("(none)"));
    assertTrue(kbd.hidraw().orElse("").matches("/dev/hidraw\\d+"), kbd.hidraw().toString());
    assertEquals(1, kbd.inputs().size(), kbd.inputs().toString());
    InputDeviceInfo in = kbd.inputs().get(0);
    assertTrue(in.eventNode().matches("/dev/input/event\\d+"), in.eventNode());
    for (String key : List.of("KEY_A", "KEY_Z", "KEY_ENTER", "KEY_LEFTCTRL", "KEY_RIGHTMETA")) {
      assertTrue(in.has(key), key + " in " + in.keys());
    }
    assertTrue(in.types().contains(InputEventCodes.EV_KEY));
    assertTrue(in.types().contains(InputEventCodes.EV_LED));
    assertTrue(in.rels().isEmpty());
    assertTrue(in.props().isEmpty(), "a keyboard has no input properties: " + in.props());
  }

  /**
   * Typing 'a': the boot report {@code 00 00 04 00 00 00 00 00} (HID 1.11 Appendix B.1: modifiers,
   * reserved, key codes) then all zeros gives KEY_A 1 then KEY_A 0, one frame each.
   */
  @Test
  @Order(2)
  void typingAGivesKeyAPressThenRelease() {
    InputDeviceInfo in = keyboard.awaitBound(BIND).inputs().get(0);
    Bytes press =
        ReportCodec.encode(
            kbdDesc,
            ReportType.INPUT,
            0,
            new ReportData().press(new Usage(Usages.PAGE_KEYBOARD, 0x04)));
    assertEquals(Bytes.fromHex("00 00 04 00 00 00 00 00"), press);
    Bytes release = ReportCodec.encode(kbdDesc, ReportType.INPUT, 0, new ReportData());
    assertEquals(Bytes.fromHex("00 00 00 00 00 00 00 00"), release);
    try (InputEventStream events = InputEventStream.start(lab, in.eventNode())) {
      long t0 = System.nanoTime();
      keyboard.input(press);
      events.awaitFrames(1, EVENTS);
      long firstFrame = System.nanoTime() - t0;
      keyboard.input(release);
      ImmutableList<InputFrame> frames = events.awaitFrames(2, EVENTS);
      System.out.printf(
          "host observer: JVM writes a report -> its evdev frame is in the JVM's copy: %d ms%n",
          firstFrame / 1_000_000);
      assertEquals(List.of(1), frames.get(0).values("KEY_A"), frames.toString());
      assertEquals(List.of(0), frames.get(1).values("KEY_A"), frames.toString());
      // hid-input reports the HID usage (page << 16 | id) as MSC_SCAN before the key.
      assertEquals(List.of(0x00070004), frames.get(0).values("MSC_SCAN"), frames.toString());
    }
  }

  /**
   * hid-generic binds the mouse: buttons 1..5 become BTN_LEFT, BTN_RIGHT, BTN_MIDDLE, BTN_SIDE,
   * BTN_EXTRA; X, Y, Wheel become REL_X, REL_Y, REL_WHEEL and Consumer AC Pan REL_HWHEEL (HUT 1.5
   * §4, §15); since Linux 5.0 every wheel also gets its high-resolution twin (REL_WHEEL_HI_RES,
   * REL_HWHEEL_HI_RES, Documentation/input/event-codes.rst). A move of (-1, 2) arrives as REL_X -1,
   * REL_Y 2 in one frame.
   */
  @Test
  @Order(3)
  void mouseGetsRelativeAxesAndAMoveArrivesAsRelXRelY() {
    HidDeviceInfo m = mouse.awaitBound(BIND);
    assertEquals("hid-generic", m.driver().orElse("(none)"));
    InputDeviceInfo in = m.inputs().get(0);
    for (String code :
        List.of(
            "REL_X",
            "REL_Y",
            "REL_WHEEL",
            "REL_HWHEEL",
            "REL_WHEEL_HI_RES",
            "REL_HWHEEL_HI_RES",
            "BTN_LEFT",
            "BTN_RIGHT",
            "BTN_MIDDLE",
            "BTN_SIDE",
            "BTN_EXTRA")) {
      assertTrue(in.has(code), code + " in " + in.keys() + " " + in.rels());
    }
    Bytes move =
        ReportCodec.encode(
            mouseDesc, ReportType.INPUT, 0, new ReportData().set(Usages.X, -1).set(Usages.Y, 2));
    try (InputEventStream events = InputEventStream.start(lab, in.eventNode())) {
      mouse.input(move);
      InputFrame f = events.awaitFrames(1, EVENTS).get(0);
      assertEquals(List.of(-1), f.values("REL_X"), f.toString());
      assertEquals(List.of(2), f.values("REL_Y"), f.toString());
      assertTrue(f.values("REL_WHEEL").isEmpty(), "no wheel event for a zero wheel: " + f);
      // One wheel detent up and one pan step right: REL_WHEEL 1 with REL_WHEEL_HI_RES 120 (120
      // units a detent, Documentation/input/event-codes.rst), the same for the horizontal pair.
      mouse.input(
          ReportCodec.encode(
              mouseDesc,
              ReportType.INPUT,
              0,
              new ReportData().set(Usages.WHEEL, 1).set(Usages.AC_PAN, 1)));
      InputFrame w = events.awaitFrames(2, EVENTS).get(1);
      assertEquals(List.of(1), w.values("REL_WHEEL"), w.toString());
      assertEquals(List.of(120), w.values("REL_WHEEL_HI_RES"), w.toString());
      assertEquals(List.of(1), w.values("REL_HWHEEL"), w.toString());
      assertEquals(List.of(120), w.values("REL_HWHEEL_HI_RES"), w.toString());
      assertTrue(w.values("REL_X").isEmpty(), w.toString());
    }
  }

  /**
   * A Windows Precision Touchpad (the certification blob usage 0xFF0000C5 puts it in hid-core's
   * HID_GROUP_MULTITOUCH_WIN_8) is bound by hid-multitouch, which reads Contact Count Maximum and
   * the blob at probe and writes Input Mode = 3 (touchpad) and the surface/button switches on
   * (Microsoft, "Windows Precision Touchpad Required HID Top-Level Collections": Input Mode 0
   * mouse, 3 touchpad). A click pad (Pad Type 0) gets INPUT_PROP_BUTTONPAD; ABS_MT_POSITION_X/Y
   * span the descriptor's logical range with resolution = logical range / physical size in mm (4000
   * / 100 mm = 40, 2400 / 60 mm = 40; linux/input.h struct input_absinfo), and ABS_MT_SLOT 0..4 for
   * five contacts.
   */
  @Test
  @Order(4)
  void touchpadGetsHidMultitouchButtonpadAndTheDescriptorsRanges() {
    HidDeviceInfo p = touchpad.awaitBound(BIND);
    assertEquals("hid-multitouch", p.driver().orElse("(none)"));
    InputDeviceInfo pad = p.input("Touchpad").orElseThrow(() -> new AssertionError(p.inputs()));
    // hid-multitouch names it "<HID name> Touchpad", but hid-input leaves the suffix out when the
    // HID name already ends with it (observed here: "Rig Touchpad").
    assertEquals("Rig Touchpad", pad.name());
    assertTrue(pad.hasProp(InputEventCodes.INPUT_PROP_BUTTONPAD), "props " + pad.props());
    assertTrue(pad.hasProp(InputEventCodes.INPUT_PROP_POINTER), "props " + pad.props());
    AbsInfo x = pad.absInfo("ABS_MT_POSITION_X").orElseThrow();
    assertEquals(0, x.minimum());
    assertEquals(4000, x.maximum());
    assertEquals(40, x.resolution());
    AbsInfo y = pad.absInfo("ABS_MT_POSITION_Y").orElseThrow();
    assertEquals(2400, y.maximum());
    assertEquals(40, y.resolution());
    assertEquals(4, pad.absInfo("ABS_MT_SLOT").orElseThrow().maximum());
    assertTrue(pad.has("ABS_MT_TRACKING_ID"));
    assertTrue(pad.has("BTN_LEFT"), "the click pad's button");
    assertTrue(pad.has("BTN_TOOL_QUINTTAP"), "five contacts: " + pad.keys());

    // What the host read and wrote (the uhid request log).
    ImmutableList<UhidEvent> req = touchpad.requests();
    System.out.println("host observer: touchpad requests: " + req);
    assertTrue(
        req.stream()
            .anyMatch(e -> e.kind().equals("GET_REPORT") && e.reportNumber().orElse(-1) == 3),
        "host read Contact Count Maximum: " + req);
    assertTrue(
        req.stream()
            .anyMatch(e -> e.kind().equals("GET_REPORT") && e.reportNumber().orElse(-1) == 4),
        "host read the certification blob: " + req);
    UhidEvent mode =
        req.stream()
            .filter(e -> e.kind().equals("SET_REPORT") && e.reportNumber().orElse(-1) == 5)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no Input Mode write: " + req));
    assertEquals(Bytes.fromHex("05 03"), mode.data(), "Input Mode = 3 (touchpad)");
    printKernelFigures();
    UhidEvent log0 = touchpad.log().get(0);
    UhidEvent lastReq = req.get(req.size() - 1);
    System.out.printf(
        "host observer: touchpad CREATED -> last probe request %.0f ms (guest clock)%n",
        (lastReq.time() - log0.time()) * 1000);
  }

  /**
   * Two fingers down in one report (Contact Count 2) give one frame with two tracking IDs in two
   * slots, positions as sent, BTN_TOUCH and BTN_TOOL_DOUBLETAP; lifting them (Tip Switch 0, the
   * same contact IDs and Contact Count 2: a Precision Touchpad reports a lift that way) gives
   * tracking ID -1 for both (Documentation/input/multi-touch-protocol.rst, protocol B).
   */
  @Test
  @Order(5)
  void twoFingerFrameGivesTwoSlotsWithTrackingIds() {
    InputDeviceInfo pad = touchpad.awaitBound(BIND).input("Touchpad").orElseThrow();
    Bytes down = ptpReport(1, 10);
    Bytes up = ptpReport(0, 20);
    try (InputEventStream events = InputEventStream.start(lab, pad.eventNode())) {
      touchpad.input(down);
      touchpad.input(up);
      ImmutableList<InputFrame> frames = events.awaitFrames(2, EVENTS);
      InputFrame f = frames.get(0);
      ImmutableList<Integer> ids = f.values("ABS_MT_TRACKING_ID");
      assertEquals(2, ids.size(), f.toString());
      assertNotEquals(ids.get(0), ids.get(1), "distinct tracking IDs");
      assertTrue(ids.get(0) >= 0 && ids.get(1) >= 0, f.toString());
      assertEquals(List.of(1000, 2000), f.values("ABS_MT_POSITION_X"), f.toString());
      assertEquals(List.of(100, 200), f.values("ABS_MT_POSITION_Y"), f.toString());
      // Slot 0 is the current slot of a fresh device, and evdev drops an ABS value equal to the
      // current one: only the switch to slot 1 is an event.
      assertTrue(f.values("ABS_MT_SLOT").contains(1), f.toString());
      assertEquals(List.of(1), f.values("BTN_TOUCH"), f.toString());
      assertEquals(List.of(1), f.values("BTN_TOOL_DOUBLETAP"), f.toString());
      InputFrame lift = frames.get(1);
      assertEquals(List.of(-1, -1), lift.values("ABS_MT_TRACKING_ID"), frames.toString());
      assertEquals(List.of(0), lift.values("BTN_TOUCH"), frames.toString());
      System.out.println("host observer: two-finger frames " + frames);
    }
  }

  /**
   * The host writes the keyboard's LED output report when user space sets an LED: Caps Lock on is
   * bit 1 of the boot keyboard's one-byte output report (HID 1.11 Appendix B.1: Num Lock bit 0,
   * Caps Lock bit 1, Scroll Lock bit 2), so uhid hands the device {@code 02} as an output report.
   */
  @Test
  @Order(6)
  void capsLockLedReachesTheKeyboardAsOutputReport() {
    InputDeviceInfo in = keyboard.awaitBound(BIND).inputs().get(0);
    GuestShell.Result r =
        lab.shell()
            .run(
                "evemu-event "
                    + in.eventNode()
                    + " --type EV_LED --code LED_CAPSL --value 1 --sync",
                Duration.ofSeconds(30));
    assertEquals(0, r.exitCode(), r.output());
    UhidEvent out = keyboard.await(e -> e.kind().equals("OUTPUT"), EVENTS);
    assertEquals(Bytes.fromHex("02"), out.data(), out.toString());
    assertEquals("output", out.reportType().orElse(""), out.toString());
  }

  @Test
  @Order(7)
  void closingTheUhidDeviceRemovesItFromTheHost() {
    String uniq = keyboard.spec().uniq();
    keyboard.close();
    ImmutableList<UhidEvent> log = keyboard.log();
    assertEquals("EXIT", log.get(log.size() - 1).kind(), log.toString());
    long t0 = System.nanoTime();
    ImmutableList<HidDeviceInfo> all = HostInputDevices.list(lab.shell());
    System.out.printf(
        "host observer: one HostInputDevices.list with %d HID devices: %d ms%n",
        all.size(), (System.nanoTime() - t0) / 1_000_000);
    assertFalse(all.stream().anyMatch(h -> h.uniq().equals(uniq)), "keyboard gone: " + all);
    assertTrue(all.stream().anyMatch(h -> h.uniq().equals(mouse.spec().uniq())), "mouse stays");
  }

  /**
   * Prints, per device, the guest-clock time from UHID_CREATE2 to the kernel's "input: NAME as"
   * line. The uhid log uses CLOCK_MONOTONIC and printk uses local_clock(); both count from boot on
   * the TSC in this guest, so the difference is a fair figure, not an exact one.
   */
  private static void printKernelFigures() {
    String dmesg = lab.shell().run("dmesg", Duration.ofSeconds(30)).output();
    for (UhidDevice d : new UhidDevice[] {keyboard, mouse, touchpad}) {
      double created = d.log().get(0).time();
      for (String line : dmesg.split("\n")) {
        int at = line.indexOf("input: " + d.spec().name() + " as ");
        if (at > 0 && line.startsWith("[")) {
          double t = Double.parseDouble(line.substring(1, line.indexOf(']')).strip());
          System.out.printf(
              "host observer: %s: UHID_CREATE2 -> input device registered %.0f ms (guest)%n",
              d.spec().name(), (t - created) * 1000);
        }
      }
    }
  }

  /**
   * One Precision Touchpad input report: fingers 0 and 1 (Confidence 1, Tip Switch {@code tip},
   * Contact IDs 0 and 1) at (1000, 100) and (2000, 200), Scan Time, Contact Count 2.
   */
  private static Bytes ptpReport(int tip, int scanTime) {
    ReportData d = new ReportData().set(Usages.SCAN_TIME, scanTime).set(Usages.CONTACT_COUNT, 2);
    d.contact(0)
        .set(Usages.CONFIDENCE, 1)
        .set(Usages.TIP_SWITCH, tip)
        .set(Usages.CONTACT_ID, 0)
        .set(Usages.X, 1000)
        .set(Usages.Y, 100);
    d.contact(1)
        .set(Usages.CONFIDENCE, 1)
        .set(Usages.TIP_SWITCH, tip)
        .set(Usages.CONTACT_ID, 1)
        .set(Usages.X, 2000)
        .set(Usages.Y, 200);
    return ReportCodec.encode(ptpDesc, ReportType.INPUT, 2, d);
  }
}
