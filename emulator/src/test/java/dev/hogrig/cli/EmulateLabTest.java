package dev.hogrig.cli;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogrig.bluez.Adapter;
import dev.hogrig.bluez.BluezConnection;
import dev.hogrig.bluez.Device;
import dev.hogrig.gatt.HidProfile;
import dev.hogrig.lab.Controller;
import dev.hogrig.lab.VirtualLab;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code hogrig emulate}'s core in the run's shared lab: {@link EmulateCommand#emulate} runs the
 * keyboard profile on the lab's first controller (on a thread, as the command's main thread would),
 * the second controller of the same bluetoothd is the host, driven over D-Bus as a person would
 * drive bluetoothctl (scan, pair, connect). The live view must show what the host's HOGP code does
 * first (HOGP 1.0 §5.2, Report Host: read the Report Map, enable input notifications). Both sides
 * forget each other afterwards, as the bluez package's lab tests do.
 */
@dev.hogrig.lab.WithLab
@Tag(dev.hogrig.bluez.LabPeers.REPEAT_PAIRING)
class EmulateLabTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

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
  void anAdapterBluetoothdDoesNotHaveIsOneLineListingThoseItHas() {
    StringWriter out = new StringWriter();
    LiveView view =
        new LiveView(
            new PrintWriter(out, true), false, HidProfile.mouse().descriptor(), Instant.now());
    UsageException e =
        assertThrows(
            UsageException.class,
            () ->
                EmulateCommand.emulate(
                    bluez,
                    "hci9",
                    HidProfile.mouse(),
                    "RigNone",
                    Duration.ofSeconds(1),
                    view,
                    new CountDownLatch(1),
                    null));
    System.out.println("emulate: " + e.getMessage());
    assertTrue(e.getMessage().contains("no adapter hci9"), e.getMessage());
    assertTrue(e.getMessage().contains(peripheralCtl.name() + " ("), e.getMessage());
    assertTrue(e.getMessage().contains(hostCtl.name() + " ("), e.getMessage());
    assertEquals("", out.toString(), "nothing started, nothing printed");
  }

  @Test
  void liveViewShowsTheHostReadingTheReportMapAndSubscribing() throws Exception {
    StringWriter out = new StringWriter();
    String name = "RigEmulate";
    HidProfile keyboard = HidProfile.keyboard();
    LiveView view =
        new LiveView(new PrintWriter(out, true), false, keyboard.descriptor(), Instant.now());
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
                    keyboard,
                    name,
                    Duration.ofSeconds(90),
                    view,
                    stop,
                    null));
    try {
      await()
          .atMost(WAIT)
          .pollInterval(50, MILLISECONDS)
          .until(
              () -> out.toString().contains("advertising \"" + name + "\"") || emulation.isDone());
      if (emulation.isDone()) {
        emulation.get(); // throws what stopped it
      }
      host.startLeDiscovery();
      Device d = host.awaitDeviceNamed(name, WAIT);
      host.stopDiscovery();
      d.pair(WAIT);
      d.connect(WAIT);
      await()
          .atMost(WAIT)
          .pollInterval(50, MILLISECONDS)
          .until(
              () ->
                  out.toString().contains("read        Report Map @0 -> ok (63 B)")
                      && out.toString().contains("subscribe   Report (Input, id 0)"));
      // Give the host a moment more to finish its discovery, so the sample is complete.
      Thread.sleep(3000);
      d.disconnect(WAIT);
      await()
          .atMost(WAIT)
          .pollInterval(50, MILLISECONDS)
          .until(() -> out.toString().contains(" disconnected"));
    } finally {
      stop.countDown();
      try {
        assertEquals(0, emulation.get(60, TimeUnit.SECONDS));
      } finally {
        runner.shutdownNow();
        System.out.println("emulate: live view:\n" + out);
        dev.hogrig.bluez.LabPeers.forget(
            peripheral, peripheralCtl.address(), host, hostCtl.address());
      }
    }
    String text = out.toString();
    assertTrue(text.contains("stopping after"), text);
    // The boot keyboard's 63-byte descriptor (HID 1.11 Appendix E.6), the one input report.
    assertTrue(text.contains("read        Report Map @0 -> ok (63 B)"), text);
    assertTrue(text.contains("subscribe   Report (Input, id 0)"), text);
    assertTrue(text.contains("host        " + hostCtl.address() + " first access"), text);
    assertTrue(text.contains("link        " + hostCtl.address()), text);
    assertTrue(text.contains(" connected"), text);
  }
}
