package dev.hogrig.scenarios;

import dev.hogrig.gatt.GattEvent;
import dev.hogrig.gatt.HidProfile;
import dev.hogrig.hid.DescriptorLibrary;
import dev.hogrig.hid.Report;
import dev.hogrig.hid.ReportCodec;
import dev.hogrig.hid.ReportCodecException;
import dev.hogrig.hid.ReportData;
import dev.hogrig.hid.ReportType;
import dev.hogrig.hid.Usages;
import dev.hogrig.lab.InputEvent;
import dev.hogrig.replay.InputScript;
import dev.hogrig.scenario.Emulator;
import dev.hogrig.scenario.Host;
import dev.hogrig.scenario.Rig;
import dev.hogrig.scenario.Scenario;
import dev.hogrig.util.Bytes;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Field case 1 ("a touchpad that works on Windows and does nothing on a Mac"), as an A/B test: the
 * same gesture, a move and then a scroll down, from a plain mouse, a Windows Precision Touchpad,
 * and a keyboard with a built-in Precision Touchpad (one composite descriptor). What the host made
 * of each is the evidence: which driver it bound (Linux: hid-generic for a mouse, hid-multitouch
 * for a touchpad), whether it switched the touchpad to touch reports (its Input Mode write), and
 * which events its input stack produced.
 */
@Scenario(
    name = "touchpad-ab",
    summary = "one gesture through a mouse, a Precision Touchpad and a composite descriptor",
    records =
        "per descriptor: the driver the host bound, its Input Mode write, the evdev codes the"
            + " gesture produced; the descriptor and GATT timeline of each",
    requires = "the lab's Linux host (driver and evdev); on a real host only the GATT side")
class TouchpadAbScenario {
  static final double RATE_HZ = 40;

  /** The three descriptors of the A/B test, each with the gesture in its own terms. */
  enum Variant {
    MOUSE(
        HidProfile::mouse,
        s -> s.move(150, 0, Duration.ofMillis(400)).pause(Duration.ofMillis(200)).wheel(-3),
        "hid-generic",
        "REL_WHEEL"),
    PRECISION_TOUCHPAD(
        HidProfile::touchpad,
        s ->
            s.touchMove(0.3, 0.5, 0.6, 0.5, Duration.ofMillis(400))
                .pause(Duration.ofMillis(200))
                .twoFingerScroll(0, 0.3, Duration.ofMillis(500)),
        "hid-multitouch",
        "ABS_MT_SLOT"),
    KEYBOARD_AND_TOUCHPAD(
        TouchpadAbScenario::composite,
        s ->
            s.touchMove(0.3, 0.5, 0.6, 0.5, Duration.ofMillis(400))
                .pause(Duration.ofMillis(200))
                .twoFingerScroll(0, 0.3, Duration.ofMillis(500)),
        "hid-multitouch",
        "ABS_MT_SLOT");

    final Supplier<HidProfile> profile;
    final Function<InputScript, InputScript> gesture;
    final String expectedDriver;

    /** The evdev code that shows the scroll arrived as what the descriptor meant. */
    final String scrollEvidence;

    Variant(
        Supplier<HidProfile> profile,
        Function<InputScript, InputScript> gesture,
        String expectedDriver,
        String scrollEvidence) {
      this.profile = profile;
      this.gesture = gesture;
      this.expectedDriver = expectedDriver;
      this.scrollEvidence = scrollEvidence;
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Variant.class)
  void sameGestureThroughEachDescriptor(Variant v, Rig rig) {
    Emulator dev = rig.emulate(v.profile.get(), "RigAB" + v.ordinal());
    Host host = rig.host();
    host.pair(dev);
    host.eventually().subscribedToAllInputReports();
    rig.evidence().parameter("variant", v.name());
    rig.evidence().parameter("driver bound", host.inputDriver(dev).orElse("(none)"));
    boolean inputModeWritten =
        dev.events().stream().anyMatch(e -> e instanceof GattEvent.FeatureWrite);
    rig.evidence().parameter("host wrote a feature report (Input Mode)", inputModeWritten);
    dev.play(v.gesture.apply(dev.script(RATE_HZ)).build());
    try {
      host.eventually().boundDriver(v.expectedDriver);
      // The second contact (slot 1) for a touchpad's two-finger scroll, the wheel for a mouse.
      host.eventually()
          .produced(
              v.scrollEvidence,
              v.scrollEvidence.equals("ABS_MT_SLOT") ? OptionalInt.of(1) : OptionalInt.empty());
    } finally {
      List<InputEvent> events = host.inputEvents(dev);
      rig.evidence()
          .attachText(
              "host classification " + v.name(),
              "driver: "
                  + host.inputDriver(dev).orElse("(none)")
                  + "\nhost wrote a feature report: "
                  + inputModeWritten
                  + "\nevdev codes produced: "
                  + new TreeSet<>(events.stream().map(e -> e.eventCode().name()).toList())
                  + "\nevents: "
                  + events.size()
                  + "\n");
    }
  }

  /**
   * The library's keyboard with a built-in Precision Touchpad, answering Contact Count Maximum 5
   * and Pad Type 0 (click pad) in whichever feature report carries them, as {@link
   * HidProfile#touchpad()} does for the touchpad alone.
   */
  static HidProfile composite() {
    Bytes bytes = DescriptorLibrary.get("keyboard-touchpad").orElseThrow().bytes();
    HidProfile p = HidProfile.fromDescriptor("keyboard-touchpad", bytes);
    ReportData caps = new ReportData().set(Usages.CONTACT_COUNT_MAXIMUM, 5).set(Usages.PAD_TYPE, 0);
    for (Report r : p.descriptor().reports(ReportType.FEATURE)) {
      try {
        return p.withFeature(
            r.id(), ReportCodec.encodePayload(p.descriptor(), ReportType.FEATURE, r.id(), caps));
      } catch (ReportCodecException e) {
        // Not the report that carries these usages: try the next.
      }
    }
    return p;
  }
}
