package dev.hogrig.replay;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.hogrig.hid.DescriptorLibrary;
import dev.hogrig.hid.ReportCodec;
import dev.hogrig.hid.ReportData;
import dev.hogrig.hid.ReportDescriptor;
import dev.hogrig.hid.ReportType;
import dev.hogrig.hid.Usages;
import dev.hogrig.lab.EventCode;
import dev.hogrig.lab.InputDeviceInfo;
import dev.hogrig.lab.InputEvent;
import dev.hogrig.lab.InputEventStream;
import dev.hogrig.lab.InputFrame;
import dev.hogrig.lab.LabException;
import dev.hogrig.lab.UhidDevice;
import dev.hogrig.lab.UhidSpec;
import dev.hogrig.lab.VirtualLab;
import dev.hogrig.lab.WithLab;
import dev.hogrig.util.Bytes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scripts played by the {@link Replayer} into the lab guest's kernel through /dev/uhid (no
 * Bluetooth, so no pairing): the Linux input stack (hid-generic, hid-multitouch → evdev) is the
 * independent judge of what the reports mean. Expected key names are linux/input-event-codes.h with
 * the US layout; touch behaviour is hid-multitouch's (BTN_TOOL_*TAP per contact count,
 * Documentation/input/multi-touch-protocol.rst).
 */
@WithLab
class ReplayHostLabTest {
  private static final Duration BIND = Duration.ofSeconds(90);
  private static final Duration EVENTS = Duration.ofSeconds(30);
  private static final int VENDOR = 0x1d6b; // Linux Foundation, as the kernel's own test devices

  private static VirtualLab lab;
  private static UhidDevice keyboard;
  private static UhidDevice touchpad;
  private static final ReportDescriptor KBD =
      DescriptorLibrary.get("boot-keyboard").orElseThrow().parse();
  private static final ReportDescriptor PTP =
      DescriptorLibrary.get("ptp-clickpad").orElseThrow().parse();

  @BeforeAll
  static void createDevices(VirtualLab shared) {
    lab = shared;
    // The touchpad's feature reports as HostObserverLabTest answers them: Contact Count Maximum 5,
    // Pad Type 0 (click pad), blob, Input Mode and switches zero until the host writes them.
    UhidSpec ptp =
        UhidSpec.bluetooth(
                "Replay Touchpad",
                VENDOR,
                0x0123,
                DescriptorLibrary.get("ptp-clickpad").get().bytes())
            .withFeature(
                3,
                ReportCodec.encode(
                    PTP,
                    ReportType.FEATURE,
                    3,
                    new ReportData().set(Usages.CONTACT_COUNT_MAXIMUM, 5).set(Usages.PAD_TYPE, 0)))
            .withFeature(4, ReportCodec.encode(PTP, ReportType.FEATURE, 4, new ReportData()))
            .withFeature(5, ReportCodec.encode(PTP, ReportType.FEATURE, 5, new ReportData()))
            .withFeature(6, ReportCodec.encode(PTP, ReportType.FEATURE, 6, new ReportData()));
    ImmutableList<UhidDevice> devices =
        UhidDevice.createAll(
            lab,
            List.of(
                UhidSpec.bluetooth(
                    "Replay Keyboard",
                    VENDOR,
                    0x0121,
                    DescriptorLibrary.get("boot-keyboard").get().bytes()),
                ptp));
    keyboard = devices.get(0);
    touchpad = devices.get(1);
  }

  @AfterAll
  static void removeDevices() {
    for (UhidDevice d : new UhidDevice[] {keyboard, touchpad}) {
      if (d != null) {
        try {
          d.close();
        } catch (LabException e) {
          // the lab's power-off ends it anyway
        }
      }
    }
  }

  /** uhid takes the wire form: the report ID byte first when the report has one. */
  static ReportSink uhid(UhidDevice d) {
    return (type, id, payload) -> d.input(id == 0 ? payload : Bytes.of(id).concat(payload));
  }

  /** linux/input-event-codes.h key names and what they type on a US keymap, plain and shifted. */
  static final Map<String, String> KEYMAP =
      Map.ofEntries(
          Map.entry("KEY_H", "hH"),
          Map.entry("KEY_E", "eE"),
          Map.entry("KEY_L", "lL"),
          Map.entry("KEY_O", "oO"),
          Map.entry("KEY_W", "wW"),
          Map.entry("KEY_R", "rR"),
          Map.entry("KEY_D", "dD"),
          Map.entry("KEY_1", "1!"),
          Map.entry("KEY_COMMA", ",<"),
          Map.entry("KEY_SPACE", "  "),
          Map.entry("KEY_ENTER", "\n\n"));

  /**
   * What the kernel's key events type: each press (value 1) of a non-Shift key, with Shift held.
   */
  static String typed(List<InputFrame> frames) {
    StringBuilder sb = new StringBuilder();
    boolean shift = false;
    for (InputFrame f : frames) {
      for (InputEvent e : f.events()) {
        String name = e.eventCode().name();
        if (name.equals("KEY_LEFTSHIFT")) {
          shift = e.value() != 0;
        } else if (name.startsWith("KEY_") && e.value() == 1) {
          String s = KEYMAP.get(name);
          sb.append(s == null ? "<" + name + ">" : s.charAt(shift ? 1 : 0));
        }
      }
    }
    return sb.toString();
  }

  /**
   * Typed at 25 reports/s, not 133: the guest runs under software emulation and its evdev reader
   * (evemu-record) fell behind at 133 Hz, so the kernel's small per-client buffer for a keyboard
   * overflowed (SYN_DROPPED, observed here) and the observation, not the replay, lost keys.
   */
  @Test
  void typedTextArrivesAsTheSameTextWithoutRepeats() {
    InputDeviceInfo in = keyboard.awaitBound(BIND).inputs().get(0);
    String text = "Hello, world!\n";
    try (InputEventStream events = InputEventStream.start(lab, in.eventNode())) {
      PlaybackResult r =
          new Replayer(Timebase.precise(), uhid(keyboard))
              .play(InputScript.on(KBD, 25).typeText(text).build());
      assertEquals(2 * text.length(), r.sent());
      await()
          .atMost(EVENTS)
          .until(
              () ->
                  typed(events.frames()).length() >= text.length()
                      || events.events().stream().anyMatch(e -> e.is(EventCode.SYN_DROPPED)));
      assertTrue(
          events.events().stream().noneMatch(e -> e.is(EventCode.SYN_DROPPED)),
          "the evdev reader fell behind (SYN_DROPPED): the observation is incomplete");
      assertEquals(text, typed(events.frames()));
      for (InputFrame f : events.frames()) {
        for (InputEvent e : f.events()) {
          assertTrue(
              !e.eventCode().name().startsWith("KEY_") || e.value() != 2,
              "no auto-repeat (value 2): " + f);
        }
      }
    }
  }

  /**
   * The frames from the first with {@code code} = 1 to the first after it with {@code code} = 0.
   */
  static boolean wentDownAndUp(List<InputFrame> frames, String code) {
    boolean down = false;
    for (InputFrame f : frames) {
      List<Integer> v = f.values(code);
      if (v.contains(1)) {
        down = true;
      } else if (down && v.contains(0)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void gesturesArriveWithTheirContactCountsAndClick() {
    InputDeviceInfo pad =
        touchpad
            .awaitBound(BIND)
            .input("Touchpad")
            .orElseThrow(() -> new AssertionError("no Touchpad input"));
    try (InputEventStream events = InputEventStream.start(lab, pad.eventNode())) {
      List<TimedReport> script =
          InputScript.on(PTP, 133)
              .tap(0.5, 0.5)
              .pause(Duration.ofMillis(300))
              .twoFingerScroll(0, 0.3, Duration.ofMillis(200))
              .pause(Duration.ofMillis(300))
              .threeFingerSwipe(0.4, 0, Duration.ofMillis(200))
              .pause(Duration.ofMillis(300))
              .touchpadClick(0.5, 0.8)
              .build();
      new Replayer(Timebase.precise(), uhid(touchpad)).play(script);
      await().atMost(EVENTS).until(() -> wentDownAndUp(events.frames(), "BTN_LEFT"));
      List<InputFrame> frames = new ArrayList<>(events.frames());
      // hid-multitouch + input-mt: one finger → BTN_TOOL_FINGER, two → DOUBLETAP, three →
      // TRIPLETAP.
      assertTrue(wentDownAndUp(frames, "BTN_TOUCH"), frames.toString());
      assertTrue(wentDownAndUp(frames, "BTN_TOOL_FINGER"), frames.toString());
      assertTrue(wentDownAndUp(frames, "BTN_TOOL_DOUBLETAP"), frames.toString());
      assertTrue(wentDownAndUp(frames, "BTN_TOOL_TRIPLETAP"), frames.toString());
      assertTrue(frames.stream().noneMatch(f -> f.values("BTN_TOOL_QUADTAP").contains(1)));
      // The swipe moved each of three contacts 0.4 of X's 0..4000 to the right.
      List<Integer> xs = new ArrayList<>();
      for (InputFrame f : frames) {
        xs.addAll(f.values("ABS_MT_POSITION_X"));
      }
      assertTrue(xs.contains(2000), "the tap's X (0.5 of 4000): " + xs);
      assertTrue(xs.contains(3200), "the swipe's third finger ends at 0.6 + 0.2 of 4000: " + xs);
    }
  }
}
