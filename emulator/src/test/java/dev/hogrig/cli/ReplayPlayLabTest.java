package dev.hogrig.cli;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogrig.bluez.Adapter;
import dev.hogrig.bluez.BluezConnection;
import dev.hogrig.bluez.BluezPeripheral;
import dev.hogrig.bluez.Device;
import dev.hogrig.bluez.LabPeers;
import dev.hogrig.gatt.HidProfile;
import dev.hogrig.hid.HidRecording;
import dev.hogrig.lab.Controller;
import dev.hogrig.lab.EventCode;
import dev.hogrig.lab.HidDeviceInfo;
import dev.hogrig.lab.HostInputDevices;
import dev.hogrig.lab.InputDeviceInfo;
import dev.hogrig.lab.InputEvent;
import dev.hogrig.lab.InputEventStream;
import dev.hogrig.lab.VirtualLab;
import dev.hogrig.replay.RecordingPlayback;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code hogrig replay play}'s core in the run's shared lab: {@link EmulateCommand#emulate} with a
 * {@link PlaybackDriver} presents a hid-recorder recording of a boot mouse on the lab's first
 * controller; the second controller's bluetoothd pairs and connects as a host would; once the host
 * has subscribed, the recording's reports are played, and the host kernel's evdev is the judge of
 * what arrived. The recording moves +5/−3 ten times and clicks the left button, so the host must
 * show REL_X summing to 50, REL_Y to −30, and BTN_LEFT 1 then 0 (HID 1.11 Appendix B.2's boot mouse
 * layout: buttons, X, Y; linux/input-event-codes.h names).
 */
@dev.hogrig.lab.WithLab
class ReplayPlayLabTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  /** HID 1.11 Appendix B.2 boot mouse, ten moves 15 ms apart, then a click. */
  static final String RECORDING =
      """
      N: RigReplayMouse
      I: 5 046d b025
      R: 50 05 01 09 02 a1 01 09 01 a1 00 05 09 19 01 29 03 15 00 25 01 95 03 75 01 81 02 95 01 75 05 81 01 05 01 09 30 09 31 15 81 25 7f 75 08 95 02 81 06 c0 c0
      E: 000000.100000 3 00 05 fd
      E: 000000.115000 3 00 05 fd
      E: 000000.130000 3 00 05 fd
      E: 000000.145000 3 00 05 fd
      E: 000000.160000 3 00 05 fd
      E: 000000.175000 3 00 05 fd
      E: 000000.190000 3 00 05 fd
      E: 000000.205000 3 00 05 fd
      E: 000000.220000 3 00 05 fd
      E: 000000.235000 3 00 05 fd
      E: 000000.300000 3 01 00 00
      E: 000000.400000 3 00 00 00
      """;

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

  @Test
  void theHostsKernelSeesTheRecordingsMovesAndClick() throws Exception {
    HidRecording rec = HidRecording.parse(RECORDING);
    HidProfile profile = RecordingPlayback.profile(rec);
    String name = rec.name();
    StringWriter out = new StringWriter();
    LiveView view =
        new LiveView(new PrintWriter(out, true), false, profile.descriptor(), Instant.now());
    // The playback waits for the host's subscriptions, then for this test's evdev reader, so
    // that no report reaches the host before the reader is listening.
    CountDownLatch reading = new CountDownLatch(1);
    AtomicReference<BluezPeripheral> emulated = new AtomicReference<>();
    PlaybackDriver playback =
        new PlaybackDriver(
            RecordingPlayback.reports(rec), 1, Duration.ofSeconds(1), Duration.ofMinutes(3), false);
    EmulateCommand.Driver driver =
        (p, v, clock, stop) -> {
          emulated.set(p);
          return reading.await(180, SECONDS) ? playback.drive(p, v, clock, stop) : 3;
        };
    CountDownLatch stop = new CountDownLatch(1);
    ExecutorService runner = Executors.newSingleThreadExecutor();
    Adapter peripheral = bluez.adapter(peripheralCtl.name());
    Adapter host = bluez.adapter(hostCtl.name());
    Future<Integer> emulation =
        runner.submit(
            () ->
                EmulateCommand.emulate(
                    bluez,
                    peripheralCtl.name(),
                    profile,
                    name,
                    Duration.ofMinutes(4),
                    view,
                    stop,
                    null,
                    driver));
    try {
      await()
          .atMost(WAIT)
          .pollInterval(50, MILLISECONDS)
          .until(() -> emulated.get() != null || emulation.isDone());
      if (emulation.isDone()) {
        emulation.get(); // throws what stopped it
      }
      Device d = LabPeers.discover(host, emulated.get().advertisement(), WAIT);
      d.pair(WAIT);
      d.connect(WAIT);
      HidDeviceInfo hid =
          HostInputDevices.await(
              lab.shell(),
              h ->
                  h.bus() == HidDeviceInfo.BUS_BLUETOOTH
                      && h.name().equals(name)
                      && h.input("").isPresent(),
              WAIT);
      InputDeviceInfo input = hid.input("").orElseThrow();
      try (InputEventStream s = InputEventStream.start(lab, input.eventNode())) {
        reading.countDown();
        assertEquals(0, emulation.get(120, SECONDS), "played, exit status 0\n" + out);
        await()
            .atMost(WAIT)
            .pollInterval(100, MILLISECONDS)
            .until(() -> sum(s.events(), "REL_X") >= 50 && buttons(s.events()).size() >= 2);
        System.out.println("replay play: host events " + s.events());
        assertEquals(50, sum(s.events(), "REL_X"), "REL_X in " + s.events());
        assertEquals(-30, sum(s.events(), "REL_Y"), "REL_Y in " + s.events());
        assertEquals(List.of(1, 0), buttons(s.events()), "BTN_LEFT in " + s.events());
      }
      assertTrue(
          out.toString().contains("pass 1/1: 12 of 12 reports handed over (sent 12, queued 0,"),
          out.toString());
    } finally {
      stop.countDown();
      reading.countDown();
      try {
        emulation.get(60, SECONDS);
      } finally {
        runner.shutdownNow();
        System.out.println("replay play: live view:\n" + out);
        LabPeers.forget(peripheral, peripheralCtl.address(), host, hostCtl.address());
      }
    }
  }

  private static long sum(List<InputEvent> events, String code) {
    EventCode c = EventCode.of(code);
    return events.stream().filter(e -> e.is(c)).mapToLong(InputEvent::value).sum();
  }

  private static List<Integer> buttons(List<InputEvent> events) {
    EventCode c = EventCode.of("BTN_LEFT");
    return events.stream().filter(e -> e.is(c)).map(e -> (int) e.value()).toList();
  }
}
