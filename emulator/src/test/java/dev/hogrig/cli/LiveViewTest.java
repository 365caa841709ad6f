package dev.hogrig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hogrig.bluez.DeviceRef;
import dev.hogrig.bluez.GattApplication;
import dev.hogrig.gatt.AttError;
import dev.hogrig.gatt.AttResult;
import dev.hogrig.gatt.ControlPointCommand;
import dev.hogrig.gatt.GattEvent;
import dev.hogrig.gatt.HidProfile;
import dev.hogrig.gatt.HogpDevice;
import dev.hogrig.gatt.ProtocolMode;
import dev.hogrig.gatt.SecurityLevel;
import dev.hogrig.hid.ReportType;
import dev.hogrig.util.Bytes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The live view of {@code hogrig emulate}: one line per host action, with the time since start, the
 * kind, the attribute's name and what was answered. Handles come from a real keyboard device (boot
 * keyboard, HID 1.11 Appendix E.6: a 63-byte descriptor, Input and Output reports without IDs);
 * events are built by hand.
 */
class LiveViewTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant T1 = T0.plusMillis(1234);
  private static final String HOST = "00:AA:01:02:00:02";

  private final HogpDevice keyboard =
      HogpDevice.create(HidProfile.keyboard(), Clock.systemUTC(), (c, v) -> {});
  private final StringWriter buffer = new StringWriter();

  private LiveView view(boolean json) {
    return new LiveView(
        new PrintWriter(buffer, true), json, HidProfile.keyboard().descriptor(), T0);
  }

  private List<String> lines() {
    return buffer.toString().lines().toList();
  }

  private String only(GattEvent e) {
    view(false).event(e);
    List<String> l = lines();
    assertEquals(1, l.size(), "one line per event: " + l);
    return l.get(0);
  }

  @Test
  void readOfTheReportMapSaysItsLengthAndTheTimeSinceStart() {
    Bytes map = HidProfile.keyboard().descriptor().bytes();
    String line = only(new GattEvent.Read(T1, HOST, keyboard.reportMap(), 0, AttResult.ok(map)));
    assertEquals("    +1.234 s  read        Report Map @0 -> ok (63 B)", line);
  }

  @Test
  void shortReadShowsTheBytesAndAFailedOneTheAttError() {
    view(false)
        .event(
            new GattEvent.Read(
                T1, HOST, keyboard.protocolMode().orElseThrow(), 0, AttResult.ok(Bytes.of(1))));
    view(false)
        .event(
            new GattEvent.Read(
                T1,
                HOST,
                keyboard.reportCharacteristic(ReportType.INPUT, 0),
                0,
                AttResult.error(AttError.INSUFFICIENT_AUTHENTICATION)));
    assertEquals(
        List.of(
            "    +1.234 s  read        Protocol Mode @0 -> ok 01",
            // Core 5.4 Vol 3 Part F Table 3.4: 0x05 Insufficient Authentication
            "    +1.234 s  read        Report (Input, id 0) @0 -> 0x05 Insufficient Authentication"),
        lines());
  }

  @Test
  void writeShowsValueKindAndResult() {
    String line =
        only(
            new GattEvent.Write(
                T1,
                HOST,
                keyboard.controlPoint(),
                0,
                Bytes.of(7),
                false,
                AttResult.error(AttError.VALUE_NOT_ALLOWED)));
    assertEquals(
        "    +1.234 s  write       HID Control Point = 07 (command) -> 0x13 Value Not Allowed",
        line);
  }

  @Test
  void outputReportNamesTheLedsLitAndFoldsItsWrite() {
    LiveView v = view(false);
    // Boot keyboard output report (HID 1.11 Appendix B.1): bit 1 = Caps Lock.
    v.event(new GattEvent.OutputReport(T1, HOST, 0, false, Bytes.of(0x02)));
    v.event(
        new GattEvent.Write(
            T1,
            HOST,
            keyboard.reportCharacteristic(ReportType.OUTPUT, 0),
            0,
            Bytes.of(0x02),
            true,
            AttResult.ok()));
    assertEquals(List.of("    +1.234 s  output      report id 0 = 02 (LEDs: Caps Lock)"), lines());
  }

  @Test
  void bootKeyboardOutputUsesTheAppendixBLayout() {
    // Bits 0 and 2: Num Lock and Scroll Lock (HID 1.11 Appendix B.1); none lit prints "none".
    LiveView v = view(false);
    v.event(new GattEvent.OutputReport(T1, HOST, 0, true, Bytes.of(0x05)));
    v.event(new GattEvent.OutputReport(T1, HOST, 0, true, Bytes.of(0x00)));
    assertEquals(
        List.of(
            "    +1.234 s  output      boot keyboard = 05 (LEDs: Num Lock, Scroll Lock)",
            "    +1.234 s  output      boot keyboard = 00 (LEDs: none)"),
        lines());
  }

  @Test
  void featureWriteAndProtocolModeAndControlPointFoldTheirWrites() {
    LiveView v = view(false);
    v.event(new GattEvent.FeatureWrite(T1, HOST, 5, Bytes.of(3)));
    v.event(
        new GattEvent.Write(
            T1,
            HOST,
            keyboard.reportCharacteristic(ReportType.OUTPUT, 0),
            0,
            Bytes.of(3),
            true,
            AttResult.ok()));
    v.event(new GattEvent.ProtocolModeChanged(T1, HOST, ProtocolMode.REPORT, ProtocolMode.BOOT));
    v.event(
        new GattEvent.Write(
            T1,
            HOST,
            keyboard.protocolMode().orElseThrow(),
            0,
            Bytes.of(0),
            false,
            AttResult.ok()));
    v.event(new GattEvent.ControlPoint(T1, HOST, ControlPointCommand.SUSPEND));
    v.event(
        new GattEvent.Write(
            T1, HOST, keyboard.controlPoint(), 0, Bytes.of(0), false, AttResult.ok()));
    assertEquals(
        List.of(
            "    +1.234 s  feature     report id 5 = 03",
            "    +1.234 s  mode        Protocol Mode Report -> Boot",
            "    +1.234 s  control     HID Control Point: Suspend"),
        lines());
  }

  @Test
  void aWriteThatIsNotTheRecordsOwnIsPrinted() {
    LiveView v = view(false);
    v.event(new GattEvent.ProtocolModeChanged(T1, HOST, ProtocolMode.BOOT, ProtocolMode.REPORT));
    v.event(
        new GattEvent.Write(
            T1, HOST, keyboard.controlPoint(), 0, Bytes.of(1), false, AttResult.ok()));
    assertEquals(2, lines().size(), lines().toString());
    assertTrue(lines().get(1).contains("write       HID Control Point = 01 (command) -> ok"));
  }

  @Test
  void subscriptionsNameTheCharacteristic() {
    LiveView v = view(false);
    var input = keyboard.reportCharacteristic(ReportType.INPUT, 0);
    v.subscription(new GattApplication.Subscription(T1, input, true));
    v.subscription(new GattApplication.Subscription(T1.plusSeconds(2), input, false));
    assertEquals(
        List.of(
            "    +1.234 s  subscribe   Report (Input, id 0)",
            "    +3.234 s  unsubscribe Report (Input, id 0)"),
        lines());
  }

  @Test
  void otherEventKinds() {
    LiveView v = view(false);
    v.event(new GattEvent.Connected(T1, HOST, SecurityLevel.AUTHENTICATED));
    v.event(new GattEvent.Disconnected(T1, HOST));
    v.event(
        new GattEvent.Notification(
            T1,
            keyboard.reportCharacteristic(ReportType.INPUT, 0),
            Bytes.of(0, 0, 4, 0, 0, 0, 0, 0)));
    v.event(new GattEvent.InputDropped(T1, ReportType.INPUT, 2, "no boot report"));
    assertEquals(
        List.of(
            "    +1.234 s  host        " + HOST + " first access (link at least authenticated)",
            "    +1.234 s  disconnect  " + HOST,
            "    +1.234 s  notify      Report (Input, id 0) = 00 00 04 00 00 00 00 00",
            "    +1.234 s  dropped     Input report id 2: no boot report"),
        lines());
  }

  @Test
  void linkChangesNameThePeer() {
    LiveView v = view(false);
    v.link(T1, HOST, "connected", "");
    v.link(T1, HOST, "paired (bonded)", "Laptop");
    assertEquals(
        List.of(
            "    +1.234 s  link        " + HOST + " connected",
            "    +1.234 s  link        " + HOST + " (Laptop) paired (bonded)"),
        lines());
  }

  @Test
  void agentPrintsThePasskeyAndAcceptsComparisonButNotEntry() {
    LiveView v = view(false);
    Clock at = Clock.fixed(T1, java.time.ZoneOffset.UTC);
    EmulateCommand.ViewAgent agent = new EmulateCommand.ViewAgent(v, at, HidProfile.keyboard());
    DeviceRef host = DeviceRef.fromPath("/org/bluez/hci1/dev_00_AA_01_02_00_02");
    assertTrue(agent.requestConfirmation(host, 123456));
    assertEquals(OptionalLong.empty(), agent.requestPasskey(host));
    agent.displayPasskey(host, 42, 0);
    List<String> l = lines();
    assertEquals(3, l.size(), l.toString());
    assertTrue(
        l.get(0)
            .startsWith(
                "    +1.234 s  pairing     confirm passkey 123456 for "
                    + HOST
                    + " on hci1 -> accepted"),
        l.get(0));
    assertTrue(l.get(1).contains("passkey entry requested for " + HOST), l.get(1));
    assertTrue(l.get(1).contains("-> refused"), l.get(1));
    // Passkeys are six digits, zero-padded (Core 5.4 Vol 3 Part H §2.3.5.3: 000000..999999).
    assertTrue(l.get(2).contains("pairing     passkey 000042 for " + HOST), l.get(2));
  }

  @Test
  void jsonIsOneObjectPerLineWithNothingFolded() {
    LiveView v = view(true);
    v.event(new GattEvent.FeatureWrite(T1, HOST, 5, Bytes.of(3)));
    v.event(
        new GattEvent.Write(
            T1,
            HOST,
            keyboard.reportCharacteristic(ReportType.OUTPUT, 0),
            0,
            Bytes.of(3),
            true,
            AttResult.ok()));
    v.event(
        new GattEvent.Read(
            T1.plus(Duration.ofMillis(10)),
            HOST,
            keyboard.reportMap(),
            0,
            AttResult.error(AttError.INSUFFICIENT_ENCRYPTION)));
    v.subscription(
        new GattApplication.Subscription(
            T1, keyboard.reportCharacteristic(ReportType.INPUT, 0), true));
    List<String> l = lines();
    assertEquals(4, l.size(), l.toString());
    JsonObject feature = JsonParser.parseString(l.get(0)).getAsJsonObject();
    assertEquals("feature", feature.get("event").getAsString());
    assertEquals(1234, feature.get("ms").getAsLong());
    assertEquals(5, feature.get("reportId").getAsInt());
    assertEquals("03", feature.get("value").getAsString());
    JsonObject write = JsonParser.parseString(l.get(1)).getAsJsonObject();
    assertEquals("write", write.get("event").getAsString());
    assertEquals("ok", write.get("result").getAsString());
    JsonObject read = JsonParser.parseString(l.get(2)).getAsJsonObject();
    assertEquals(1244, read.get("ms").getAsLong());
    assertEquals("Report Map", read.get("attribute").getAsString());
    assertEquals("error", read.get("result").getAsString());
    assertEquals(0x0F, read.get("error").getAsInt());
    JsonObject sub = JsonParser.parseString(l.get(3)).getAsJsonObject();
    assertEquals("subscribe", sub.get("event").getAsString());
    assertEquals("Report (Input, id 0)", sub.get("attribute").getAsString());
    for (String line : l) {
      assertFalse(line.startsWith(" "), "no pretty printing: " + line);
    }
  }
}
