package dev.hogrig.bluez;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hogrig.lab.Controller;
import dev.hogrig.lab.EventCode;
import dev.hogrig.lab.GuestJava;
import dev.hogrig.lab.HidDeviceInfo;
import dev.hogrig.lab.HostInputDevices;
import dev.hogrig.lab.InputEvent;
import dev.hogrig.lab.InputEventStream;
import dev.hogrig.lab.VirtualLab;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The AcquireNotify path against the lab's real BlueZ. A descriptor cannot cross the VM boundary,
 * so the peripheral is a {@code hogrig emulate} JVM started <b>inside the guest</b> ({@link
 * GuestJava}: the machine's JDK and this run's class path, seen through the guest's 9p root), on
 * the guest's unix-socket system bus, where dbus-java's junixsocket transport passes descriptors.
 * The host side is driven from this JVM over TCP as in every other lab test: discovery, Pair(),
 * Connect(), and the host kernel's evdev.
 *
 * <p>Asserted: the guest emulator offers AcquireNotify (its status line); bluetoothd called
 * AcquireNotify for the host on the keyboard's Input Report (its {@code subscribe} line names the
 * path and the host's address: bluetoothd only calls it because NotifyAcquired is exported); the
 * reports of {@code type abc} reach the host's evdev as KEY_A, KEY_B, KEY_C press/release in that
 * order; and on stopping, the emulator counts those values as sent through the socket.
 */
@dev.hogrig.lab.WithLab
@Tag(LabPeers.REPEAT_PAIRING)
class AcquireNotifyLabTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  /** A JVM under TCG: start-up plus dbus-java and BlueZ registration (measured, see docs). */
  private static final Duration JVM_WAIT = Duration.ofSeconds(240);

  private static final String NAME = "RigAcq";
  private static final String INPUT_LABEL = "Report (Input, id 0)";

  private static VirtualLab lab;
  private static BluezConnection bluez;
  private static Controller peripheralCtl;
  private static Controller hostCtl;

  @BeforeAll
  static void connect(VirtualLab shared) {
    lab = shared;
    assertTrue(lab.controllers().size() >= 2, "two usable controllers: " + lab.controllers());
    peripheralCtl = lab.controllers().get(0);
    hostCtl = lab.controllers().get(1);
    bluez = BluezConnection.open(lab.busAddress());
  }

  @AfterAll
  static void disconnect() {
    if (bluez != null) {
      bluez.close();
    }
  }

  private static JsonObject json(String line) {
    return JsonParser.parseString(line).getAsJsonObject();
  }

  private static boolean is(String line, String event) {
    return line.startsWith("{") && event.equals(json(line).get("event").getAsString());
  }

  private static boolean statusContains(String line, String text) {
    return is(line, "status") && json(line).get("message").getAsString().contains(text);
  }

  @Test
  void keysTypedByAGuestEmulatorReachTheHostThroughAcquireNotifyInOrder() {
    Duration javaVersion = GuestJava.timeJavaVersion(lab);
    System.out.printf(
        "acquire: java -version in the guest (%s): %.2f s%n",
        String.join(" ", GuestJava.TCG_OPTIONS), javaVersion.toMillis() / 1e3);

    Adapter peripheral = bluez.adapter(peripheralCtl.name());
    Adapter host = bluez.adapter(hostCtl.name());
    GuestJava emu = null;
    try {
      // Discovery first, then the emulator: its advertisement is enabled while the host scans, so
      // btvirt's one advertising report arrives while the kernel listens (virtual-lab.md,
      // "Discovery race"; LabPeers.discover cannot restart an advertisement of another process).
      host.startLeDiscovery();
      await().atMost(WAIT).pollInSameThread().until(host::discovering);
      long t0 = System.nanoTime();
      emu =
          GuestJava.start(
              lab,
              "emulate",
              List.of(),
              "dev.hogrig.cli.Main",
              List.of(
                  "emulate",
                  "--profile",
                  "keyboard",
                  "--adapter",
                  peripheralCtl.name(),
                  "--name",
                  NAME,
                  "--json",
                  "--stdin",
                  "--for",
                  "10m"));
      String advertising =
          emu.awaitLine(l -> statusContains(l, "advertising"), JVM_WAIT, "advertising line");
      double advertisingS = (System.nanoTime() - t0) / 1e9;
      String pathLine =
          emu.awaitLine(l -> statusContains(l, "notifications:"), WAIT, "notification path line");
      System.out.printf(
          "acquire: guest emulator advertising %.2f s after the launch%n  %s%n  %s%n",
          advertisingS, advertising, pathLine);
      assertTrue(
          json(pathLine).get("message").getAsString().contains("AcquireNotify offered"),
          "the guest's unix bus passes descriptors: " + pathLine);

      Device d;
      try {
        d = discoverAgain(host);
      } finally {
        host.stopDiscovery();
      }
      long p0 = System.nanoTime();
      d.pair(WAIT);
      d.connect(WAIT);
      String subscribed =
          emu.awaitLine(
              l -> is(l, "subscribe") && INPUT_LABEL.equals(json(l).get("attribute").getAsString()),
              WAIT,
              "subscription to the Input Report");
      double subscribedS = (System.nanoTime() - p0) / 1e9;
      System.out.printf("acquire: Pair() -> subscription %.2f s: %s%n", subscribedS, subscribed);
      assertEquals("AcquireNotify", json(subscribed).get("path").getAsString(), subscribed);
      assertEquals(
          hostCtl.address().toUpperCase(java.util.Locale.ROOT),
          json(subscribed).get("peer").getAsString().toUpperCase(java.util.Locale.ROOT),
          "bluetoothd acquired for the host that subscribed");

      HidDeviceInfo hid =
          HostInputDevices.await(
              lab.shell(),
              h ->
                  h.bus() == HidDeviceInfo.BUS_BLUETOOTH
                      && h.name().equals(NAME)
                      && h.input("").isPresent(),
              WAIT);
      try (InputEventStream s = InputEventStream.start(lab, hid.input("").get().eventNode())) {
        long k0 = System.nanoTime();
        emu.send("type abc");
        await()
            .atMost(WAIT)
            .pollInSameThread()
            .pollInterval(20, MILLISECONDS)
            .until(() -> keys(s).size() >= 6);
        System.out.printf(
            "acquire: 'type abc' -> six key events in the JVM %.2f s: %s%n",
            (System.nanoTime() - k0) / 1e9, keys(s));
        // HID 1.11 Appendix B.1 / HUT Keyboard page: a, b, c are usages 4, 5, 6; the console
        // presses and releases each character (ConsoleControl "type").
        assertEquals(
            List.of("KEY_A 1", "KEY_A 0", "KEY_B 1", "KEY_B 0", "KEY_C 1", "KEY_C 0"),
            keys(s).stream()
                .map(
                    e ->
                        dev.hogrig.lab.InputEventCodes.codeName(e.type(), e.code())
                            + " "
                            + e.value())
                .toList());
      }

      d.disconnect(WAIT);
      emu.stop(Duration.ofSeconds(60));
      String stopping =
          emu.awaitLine(l -> statusContains(l, "stopping after"), WAIT, "stopping line");
      System.out.println("acquire: " + stopping);
      Matcher m =
          Pattern.compile("(\\d+) by AcquireNotify, (\\d+) by PropertiesChanged")
              .matcher(json(stopping).get("message").getAsString());
      assertTrue(m.find(), stopping);
      assertTrue(
          Integer.parseInt(m.group(1)) >= 6,
          "the six key reports went through the socket: " + stopping);
      assertEquals(0, Integer.parseInt(m.group(2)), "none as PropertiesChanged: " + stopping);
      List<String> subs = new ArrayList<>();
      for (String l : emu.lines()) {
        if (is(l, "subscribe") || is(l, "unsubscribe")) {
          subs.add(l);
        }
      }
      System.out.println("acquire: subscriptions " + subs);
    } finally {
      if (emu != null) {
        emu.close();
        System.out.println("acquire: guest emulator files " + emu.files() + ".*");
      }
      LabPeers.forget(peripheral, peripheralCtl.address(), host, hostCtl.address());
    }
  }

  /**
   * The guest emulator's device object. btvirt reports an advertiser only at scan or advertising
   * enable and the kernel may drop that report (virtual-lab.md, "Discovery race"); the
   * advertisement belongs to another process here, so a miss is retried by restarting the host's
   * discovery (a scan enable: another report, another chance), up to three times.
   */
  private static Device discoverAgain(Adapter host) {
    BluezException last = null;
    for (int attempt = 0; attempt < 4; attempt++) {
      if (attempt > 0) {
        host.stopDiscovery();
        await().atMost(WAIT).pollInSameThread().until(() -> !host.discovering());
        host.startLeDiscovery();
        await().atMost(WAIT).pollInSameThread().until(host::discovering);
      }
      try {
        return host.awaitDeviceNamed(NAME, Duration.ofSeconds(30));
      } catch (BluezException e) {
        last = e;
        System.out.println("acquire: " + NAME + " not discovered yet: " + e.getMessage());
      }
    }
    throw last;
  }

  private static final List<EventCode> KEYS =
      List.of(EventCode.of("KEY_A"), EventCode.of("KEY_B"), EventCode.of("KEY_C"));

  /** Presses and releases of KEY_A..KEY_C (autorepeat, value 2, left out: TCG can be slow). */
  private static List<InputEvent> keys(InputEventStream s) {
    return s.events().stream()
        .filter(e -> e.value() != 2 && KEYS.stream().anyMatch(e::is))
        .toList();
  }
}
