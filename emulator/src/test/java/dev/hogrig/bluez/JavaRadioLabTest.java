package dev.hogrig.bluez;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hogrig.gatt.CharacteristicHandle;
import dev.hogrig.gatt.GattEvent;
import dev.hogrig.gatt.HidProfile;
import dev.hogrig.hid.ReportData;
import dev.hogrig.hid.ReportType;
import dev.hogrig.hid.Usage;
import dev.hogrig.hid.Usages;
import dev.hogrig.lab.Controller;
import dev.hogrig.lab.GuestShell;
import dev.hogrig.lab.HidDeviceInfo;
import dev.hogrig.lab.HostInputDevices;
import dev.hogrig.lab.InputDeviceInfo;
import dev.hogrig.lab.InputEvent;
import dev.hogrig.lab.InputEventStream;
import dev.hogrig.lab.LabOptions;
import dev.hogrig.lab.VirtualLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The lab on the Java radio ({@link LabOptions.Radio#JAVA}): the guest's kernel and bluetoothd run
 * on two {@code dev.hogrig.controller.VirtualController}s in this JVM, attached over qemu serial
 * ports with {@code btattach -P h4}, instead of btvirt. It boots its own lab (the shared
 * {@code @WithLab} one runs btvirt): run this class alone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JavaRadioLabTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  /**
   * The radio under test: JAVA; {@code -Dhogrig.lab.radio=btvirt} runs the same steps on btvirt,
   * for the boot and throughput figures side by side.
   */
  private static final LabOptions.Radio RADIO =
      LabOptions.Radio.valueOf(System.getProperty("hogrig.lab.radio", "java").toUpperCase());

  private static VirtualLab lab;
  private static BluezConnection bluez;

  @BeforeAll
  static void boot() {
    boolean ci = "true".equals(System.getenv("CI"));
    assumeTrue(ci || !"skip".equals(System.getenv("HOGRIG_LAB")), "HOGRIG_LAB=skip");
    assumeTrue(
        ci || Files.isExecutable(Path.of("/usr/bin/qemu-system-x86_64")),
        "lab packages missing (run scripts/setup as root)");
    Path out = Path.of("target", "lab", "java-radio-" + Instant.now().toEpochMilli());
    lab =
        VirtualLab.start(
            LabOptions.defaults(out)
                .withCacheDir(Path.of("target", "lab-cache"))
                .withBluetoothdDebug(Boolean.getBoolean("hogrig.lab.btdebug"))
                .withRadio(RADIO));
    System.out.printf(
        "java radio lab ("
            + RADIO
            + "): boot-to-ready %.1f s, controllers %s, failed %s, output %s%n",
        lab.bootTime().toMillis() / 1000.0,
        lab.controllers(),
        lab.failedControllers(),
        lab.outputDir());
    bluez = BluezConnection.open(lab.busAddress());
  }

  @AfterAll
  static void shutdown() {
    if (bluez != null) {
      bluez.close();
    }
    if (lab != null) {
      lab.close();
    }
  }

  /**
   * bluetoothd powered both Java controllers: the kernel ran its whole init sequence on them
   * (net/bluetooth/hci_sync.c) and mgmt lists them LE-only with the addresses the radio gave.
   */
  @Test
  @Order(1)
  void bluetoothdPowersBothJavaControllers() {
    assumeTrue(RADIO != LabOptions.Radio.BTVIRT, "the Java radio's addresses");
    assertEquals(
        List.of("00:AA:01:01:00:01", "00:AA:01:02:00:02"),
        lab.controllers().stream().map(Controller::address).sorted().toList());
    GuestShell.Result info = lab.shell().run("btmgmt info", Duration.ofSeconds(20));
    System.out.println("java radio lab: btmgmt info\n" + info.output());
    assertTrue(info.output().contains("addr 00:AA:01:01:00:01"), info.output());
    assertTrue(info.output().contains("addr 00:AA:01:02:00:02"), info.output());
    // LE only: BR/EDR is not even a supported setting (LMP feature bit 37).
    for (String block : info.output().split("\nhci")) {
      if (block.contains("supported settings:")) {
        String supported = block.substring(block.indexOf("supported settings:")).split("\n")[0];
        assertTrue(!supported.contains("br/edr"), supported);
        assertTrue(supported.contains(" le"), supported);
      }
    }
    GuestShell.Result list = lab.shell().run("bluetoothctl list", Duration.ofSeconds(20));
    System.out.println("java radio lab: bluetoothctl list\n" + list.output());
    assertTrue(list.output().contains("00:AA:01:01:00:01"), list.output());
    assertTrue(list.output().contains("00:AA:01:02:00:02"), list.output());
  }

  /**
   * HOGP over the Java radio, as {@link HogpLabTest#keyboardTypesAnAOnTheHostsKernel} does it on
   * btvirt: the host discovers and pairs the keyboard, the kernel makes its input device, and 'a'
   * pressed and released arrives on the host's evdev as KEY_A 1 then 0. Then a burst of reports
   * gives a rough figure for what the serial ports carry.
   */
  @Test
  @Order(2)
  @Tag(LabPeers.REPEAT_PAIRING)
  void keyboardTypesAnAOverTheJavaRadio() {
    Controller peripheralCtl = lab.controllers().get(0);
    Controller hostCtl = lab.controllers().get(1);
    Adapter pa = bluez.adapter(peripheralCtl.name());
    Adapter host = bluez.adapter(hostCtl.name());
    List<GattEvent> events = new CopyOnWriteArrayList<>();
    String name = "RadioKbd";
    try (BluezPeripheral p =
        BluezPeripheral.start(
            bluez,
            pa,
            // HID Information flags RemoteWake only: see HogpLabTest (BlueZ's find_report()).
            HidProfile.keyboard()
                .withHidInformation(new dev.hogrig.gatt.HidInformation(0x0111, 0, true, false)),
            name,
            new AcceptingAgentListener(),
            Clock.systemUTC())) {
      p.device().addListener(events::add);
      CharacteristicHandle input = p.device().reportCharacteristic(ReportType.INPUT, 0);
      long t0 = System.nanoTime();
      Device d = LabPeers.discover(host, p, WAIT);
      System.out.printf("java radio lab: discovered in %.3f s%n", (System.nanoTime() - t0) / 1e9);
      d.pair(WAIT);
      System.out.printf("java radio lab: paired at %.3f s%n", (System.nanoTime() - t0) / 1e9);
      d.connect(WAIT);
      await()
          .atMost(WAIT)
          .pollInSameThread()
          .pollInterval(5, MILLISECONDS)
          .until(() -> p.application().isNotifying(input));
      HidDeviceInfo hid =
          HostInputDevices.await(
              lab.shell(),
              h ->
                  h.bus() == HidDeviceInfo.BUS_BLUETOOTH
                      && h.name().equals(name)
                      && h.input("").isPresent(),
              WAIT);
      System.out.printf(
          "java radio lab: input device %s at %.3f s%n", hid, (System.nanoTime() - t0) / 1e9);
      InputDeviceInfo in = hid.input("").orElseThrow();
      assertTrue(in.has("KEY_A"), in.toString());
      try (InputEventStream s = InputEventStream.start(lab, in.eventNode())) {
        Usage a = new Usage(Usages.PAGE_KEYBOARD, 0x04);
        p.device().sendInput(ReportType.INPUT, 0, new ReportData().press(a));
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInSameThread()
            .pollInterval(5, MILLISECONDS)
            .until(() -> keyA(s).size() >= 1);
        p.device().sendInput(ReportType.INPUT, 0, new ReportData());
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInSameThread()
            .pollInterval(5, MILLISECONDS)
            .until(() -> keyA(s).size() >= 2);
        assertEquals(List.of(1, 0), keyA(s).stream().map(InputEvent::value).toList());

        // Rough throughput: 100 press/release pairs, one report every 4 ms (250 Hz); the figure
        // is what the host's evdev received per second until the count stops growing for 3 s
        // (printed, not asserted: it is this shared machine's figure).
        int pairs = 100;
        int before = keyA(s).size();
        long b0 = System.nanoTime();
        for (int i = 0; i < pairs; i++) {
          p.device().sendInput(ReportType.INPUT, 0, new ReportData().press(a));
          java.util.concurrent.locks.LockSupport.parkNanos(4_000_000L);
          p.device().sendInput(ReportType.INPUT, 0, new ReportData());
          java.util.concurrent.locks.LockSupport.parkNanos(4_000_000L);
        }
        long sentNanos = System.nanoTime() - b0;
        long[] last = {System.nanoTime(), before};
        await()
            .atMost(Duration.ofSeconds(120))
            .pollInSameThread()
            .pollInterval(50, MILLISECONDS)
            .until(
                () -> {
                  int n = keyA(s).size();
                  if (n != last[1]) {
                    last[0] = System.nanoTime();
                    last[1] = n;
                  }
                  return n - before >= 2 * pairs || System.nanoTime() - last[0] > 3_000_000_000L;
                });
        int got = keyA(s).size() - before;
        double secs = (last[0] - b0) / 1e9;
        System.out.printf(
            "java radio lab ("
                + RADIO
                + "): sent %d reports in %.3f s; the host's evdev got %d KEY_A events in"
                + " %.3f s: %.0f reports/s%n",
            2 * pairs,
            sentNanos / 1e9,
            got,
            secs,
            got / secs);
      }
      d.disconnect(WAIT);
    } finally {
      LabPeers.forget(pa, peripheralCtl.address(), host, hostCtl.address());
    }
  }

  /**
   * Raw ACL throughput over the serial ports: BlueZ's {@code l2test} sends 300 frames of 240 bytes
   * over an LE credit-based L2CAP channel from one controller to the other (the receiver's {@code
   * -I 65000} gives the sender enough credits not to wait for each round trip; with the default 672
   * it got about 1.6 kB/s, credit-bound). Every byte crosses both serial ports (the sender's ttyS
   * to the JVM, DirectAir, the JVM to the receiver's ttyS); the controllers' own {@link
   * dev.hogrig.controller.VirtualController#counters()} say how much did. On btvirt the counters
   * are absent. Printed, not asserted.
   */
  @Test
  @Order(3)
  @Tag(LabPeers.REPEAT_PAIRING)
  void aclThroughputOverTheSerialPorts() {
    Controller rx = lab.controllers().get(0);
    Controller tx = lab.controllers().get(1);
    GuestShell sh = lab.shell();
    String out = VirtualLab.GUEST_OUTPUT_DIR + "/l2test-rx.log";
    sh.run(
        "btmgmt --index "
            + rx.name()
            + " connectable on; btmgmt --index "
            + rx.name()
            + " advertising on",
        Duration.ofSeconds(20));
    sh.run(
        "(l2test -r -b 240 -I 65000 -V le_public -P 0x0081 -i "
            + rx.name()
            + " >"
            + out
            + " 2>&1 &) ; sleep 1",
        Duration.ofSeconds(10));
    List<dev.hogrig.controller.VirtualController.Counters> c0 =
        lab.radioControllers().stream().map(c -> c.counters()).toList();
    long t0 = System.nanoTime();
    GuestShell.Result send =
        sh.run(
            "l2test -s -V le_public -P 0x0081 -N 300 -b 240 -g 2000 -i "
                + tx.name()
                + " "
                + rx.address()
                + " 2>&1 | tail -5",
            Duration.ofSeconds(120));
    double secs = (System.nanoTime() - t0) / 1e9;
    List<dev.hogrig.controller.VirtualController.Counters> c1 =
        lab.radioControllers().stream().map(c -> c.counters()).toList();
    for (int i = 0; i < c1.size(); i++) {
      var a = c0.get(i);
      var b = c1.get(i);
      System.out.printf(
          "java radio lab: controller %s: ACL from its host %d packets / %d bytes, to its host %d"
              + " / %d bytes in %.1f s: %.1f kB/s from, %.1f kB/s to%n",
          lab.radioControllers().get(i).address(),
          b.aclFromHost() - a.aclFromHost(),
          b.aclBytesFromHost() - a.aclBytesFromHost(),
          b.aclToHost() - a.aclToHost(),
          b.aclBytesToHost() - a.aclBytesToHost(),
          secs,
          (b.aclBytesFromHost() - a.aclBytesFromHost()) / secs / 1000,
          (b.aclBytesToHost() - a.aclBytesToHost()) / secs / 1000);
    }
    GuestShell.Result got = sh.run("sleep 1; pkill -x l2test; cat " + out, Duration.ofSeconds(20));
    sh.run("btmgmt --index " + rx.name() + " advertising off", Duration.ofSeconds(20));
    System.out.printf(
        "java radio lab (%s): l2test sent 300 x 240 bytes in %.1f s (JVM clock, incl. connect)%n"
            + "sender: %s%nreceiver: %s%n",
        RADIO, secs, send.output(), got.output());
  }

  private static List<InputEvent> keyA(InputEventStream s) {
    return s.events().stream()
        .filter(e -> e.is(dev.hogrig.lab.EventCode.of("KEY_A")) && e.value() != 2)
        .toList();
  }
}
