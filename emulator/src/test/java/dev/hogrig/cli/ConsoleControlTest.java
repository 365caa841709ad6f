package dev.hogrig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogrig.gatt.HidProfile;
import dev.hogrig.gatt.HogpDevice;
import dev.hogrig.hid.Usage;
import dev.hogrig.hid.Usages;
import dev.hogrig.util.Bytes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code hogrig emulate --stdin} commands against a real {@link HogpDevice} whose notifications are
 * collected (no BlueZ: what goes to the sink is what {@code GattApplication} would notify).
 */
class ConsoleControlTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private record Sent(String characteristic, Bytes value) {}

  private final List<Sent> sent = new ArrayList<>();
  private final StringWriter out = new StringWriter();

  private ConsoleControl control(HidProfile profile) {
    HogpDevice device =
        HogpDevice.create(profile, Clock.systemUTC(), (c, v) -> sent.add(new Sent(c.label(), v)));
    // A host subscribed to everything, as after pairing: otherwise the device queues what it
    // sends (UnsubscribedPolicy) and nothing reaches the sink.
    device.notifiableCharacteristics().forEach(c -> device.subscriptionChanged(c, true));
    LiveView view = new LiveView(new PrintWriter(out, true), false, profile.descriptor(), T0);
    return new ConsoleControl(device, view, Clock.fixed(T0, ZoneOffset.UTC));
  }

  @Test
  void typePressesAndReleasesEachCharacterWithShiftForCapitals() {
    control(HidProfile.keyboard()).handle("type Hi");
    // HID 1.11 Appendix B.1: modifiers (bit 1 Left Shift), reserved, six key codes;
    // HUT 1.5 §10: h = 0x0B, i = 0x0C.
    Bytes up = Bytes.of(0, 0, 0, 0, 0, 0, 0, 0);
    assertEquals(
        List.of(
            new Sent("Report (Input, id 0)", Bytes.of(0x02, 0, 0x0B, 0, 0, 0, 0, 0)),
            new Sent("Report (Input, id 0)", up),
            new Sent("Report (Input, id 0)", Bytes.of(0, 0, 0x0C, 0, 0, 0, 0, 0)),
            new Sent("Report (Input, id 0)", up)),
        sent);
    assertTrue(out.toString().contains("typed \"Hi\": 4 reports sent"), out.toString());
  }

  @Test
  void usLayoutKeys() {
    // HUT 1.5 §10, Keyboard/Keypad page.
    assertEquals(
        Optional.of(new ConsoleControl.Stroke(new Usage(Usages.PAGE_KEYBOARD, 0x27), false)),
        ConsoleControl.stroke('0'));
    assertEquals(
        Optional.of(new ConsoleControl.Stroke(new Usage(Usages.PAGE_KEYBOARD, 0x1E), true)),
        ConsoleControl.stroke('!'));
    assertEquals(
        Optional.of(new ConsoleControl.Stroke(new Usage(Usages.PAGE_KEYBOARD, 0x2C), false)),
        ConsoleControl.stroke(' '));
    assertEquals(
        Optional.of(new ConsoleControl.Stroke(new Usage(Usages.PAGE_KEYBOARD, 0x38), true)),
        ConsoleControl.stroke('?'));
    assertEquals(Optional.empty(), ConsoleControl.stroke('é'));
  }

  @Test
  void batteryNotifiesTheLevel() {
    control(HidProfile.mouse()).handle("battery 50");
    // BAS 1.0: Battery Level is one octet, percent.
    assertEquals(List.of(new Sent("Battery Level", Bytes.of(50))), sent);
  }

  @Test
  void mistakesAreStatusLinesAndSendNothing() {
    ConsoleControl keyboard = control(HidProfile.keyboard());
    keyboard.handle("jump");
    keyboard.handle("battery 101");
    keyboard.handle("battery full");
    keyboard.handle("type naïve");
    control(HidProfile.mouse()).handle("type a");
    assertEquals(List.of(), sent);
    String text = out.toString();
    assertTrue(text.contains("unknown command 'jump' (try: help)"), text);
    assertTrue(text.contains("battery: 101 is outside 0..100"), text);
    assertTrue(text.contains("battery: 'full' is not a number"), text);
    assertTrue(text.contains("no US key types 'ï' (position 3)"), text);
    assertTrue(text.contains("mouse has no keyboard input report"), text);
  }
}
