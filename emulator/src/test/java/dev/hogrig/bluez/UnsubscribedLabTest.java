package dev.hogrig.bluez;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogrig.gatt.CharacteristicHandle;
import dev.hogrig.gatt.GattEvent;
import dev.hogrig.gatt.HidProfile;
import dev.hogrig.gatt.HogpDevice;
import dev.hogrig.hci.AttPdu;
import dev.hogrig.hci.AttRecord;
import dev.hogrig.hci.AuditResult;
import dev.hogrig.hci.CaptureAudit;
import dev.hogrig.hci.Direction;
import dev.hogrig.hci.HciTrace;
import dev.hogrig.hci.LinkEvent;
import dev.hogrig.hci.LinkEventFollower;
import dev.hogrig.hid.ReportData;
import dev.hogrig.hid.ReportType;
import dev.hogrig.hid.Usage;
import dev.hogrig.hid.Usages;
import dev.hogrig.lab.Controller;
import dev.hogrig.lab.VirtualLab;
import dev.hogrig.util.Bytes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The unsubscribed policy against real BlueZ: a key typed on the keyboard peripheral before any
 * host connected is queued, and goes on the air when the host's HOGP plugin subscribes to the input
 * report (bluetoothd calls StartNotify after it stored the CCC value, so what the model flushes
 * from inside StartNotify reaches the host). Pairs, so it carries {@link LabPeers#REPEAT_PAIRING}
 * and cleans up with {@link LabPeers#forget}. A {@link LinkEventFollower} on the capture shows the
 * link events of a paired connection, encryption included.
 */
@dev.hogrig.lab.WithLab
@Tag(LabPeers.REPEAT_PAIRING)
class UnsubscribedLabTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static VirtualLab lab;
  private static BluezConnection bluez;

  @BeforeAll
  static void connect(VirtualLab shared) {
    lab = shared;
    assertTrue(lab.controllers().size() >= 2, "two usable controllers: " + lab.controllers());
    bluez = BluezConnection.open(lab.busAddress());
  }

  @AfterAll
  static void close() {
    if (bluez != null) {
      bluez.close();
    }
  }

  @Test
  void inputSentBeforeTheHostSubscribedGoesOutInOrderOnSubscription() {
    Controller peripheralCtl = lab.controllers().get(0);
    Controller hostCtl = lab.controllers().get(1);
    int pi = Integer.parseInt(peripheralCtl.name().substring(3));
    Adapter pa = bluez.adapter(peripheralCtl.name());
    Adapter host = bluez.adapter(hostCtl.name());
    Path capture = lab.outputDir().resolve("hci.btsnoop");
    List<GattEvent> events = new CopyOnWriteArrayList<>();
    List<LinkEvent> links = new CopyOnWriteArrayList<>();
    String name = "RigQueued";
    long existing = size(capture);
    try (LinkEventFollower f = LinkEventFollower.start(capture, links::add);
        BluezPeripheral p =
            BluezPeripheral.start(
                bluez,
                pa,
                HidProfile.keyboard(),
                name,
                new AcceptingAgentListener(),
                Clock.systemUTC())) {
      await().atMost(WAIT).until(() -> f.offset() >= existing || f.incomplete() && f.offset() > 0);
      int mark = links.size();
      HogpDevice dev = p.device();
      dev.addListener(events::add);
      CharacteristicHandle input = dev.reportCharacteristic(ReportType.INPUT, 0);

      // Step 1: 'c' pressed and released with no host: both reports queued, nothing sent.
      Usage keyC = new Usage(Usages.PAGE_KEYBOARD, 0x06);
      assertEquals(
          HogpDevice.Delivery.QUEUED,
          dev.sendInput(ReportType.INPUT, 0, new ReportData().press(keyC))
              .orElseThrow()
              .delivery());
      assertEquals(
          HogpDevice.Delivery.QUEUED,
          dev.sendInput(ReportType.INPUT, 0, new ReportData()).orElseThrow().delivery());
      assertEquals(2, dev.pendingNotifications(input));
      // Battery Level 80 then 42, also queued; both must go out, in order, on subscription.
      assertEquals(HogpDevice.Delivery.QUEUED, dev.setBatteryLevel(80).delivery());
      assertEquals(HogpDevice.Delivery.QUEUED, dev.setBatteryLevel(42).delivery());
      assertEquals(0, p.application().notificationsSent());

      boolean onAir = false;
      boolean down = false;
      AuditResult audit = null;
      try {
        // Step 2: the host pairs and connects; its HOGP plugin writes the input report's CCC.
        Device d = LabPeers.discover(host, p, WAIT);
        d.pair(WAIT);
        d.connect(WAIT);
        await()
            .atMost(WAIT)
            .pollInSameThread()
            .pollInterval(10, MILLISECONDS)
            .until(() -> dev.pendingNotifications(input) == 0);
        assertTrue(dev.isSubscribed(input));
        List<GattEvent> flush = new ArrayList<>();
        boolean in = false;
        for (GattEvent e : events) {
          in |= e instanceof GattEvent.QueueFlushed q && q.handle().equals(input);
          if (in && e instanceof GattEvent.Notification n && n.handle().equals(input)) {
            flush.add(e);
          }
        }
        // HID 1.11 App. B.1 boot keyboard layout: 'c' is usage 0x06.
        Bytes press = Bytes.of(0, 0, 6, 0, 0, 0, 0, 0);
        Bytes release = Bytes.of(0, 0, 0, 0, 0, 0, 0, 0);
        assertEquals(
            List.of(press, release),
            flush.stream().map(e -> ((GattEvent.Notification) e).value()).toList());

        // Step 3: the Battery Level queue was flushed too, when the host's battery plugin
        // subscribed (it reads the level first: profiles/battery/battery.c). Its Battery1
        // Percentage cannot show the 80: bluetoothd's gdbus coalesces property changes made in one
        // main-loop turn, and both values arrive in one Multiple Handle Value Notification.
        await()
            .atMost(WAIT)
            .pollInSameThread()
            .pollInterval(10, MILLISECONDS)
            .until(() -> dev.pendingNotifications(dev.batteryLevel()) == 0);
        assertEquals(
            List.of(Bytes.of(80), Bytes.of(42)),
            events.stream()
                .filter(
                    e ->
                        e instanceof GattEvent.Notification n
                            && n.handle().equals(dev.batteryLevel()))
                .map(e -> ((GattEvent.Notification) e).value())
                .toList());

        // Step 4: on the air, in order, from the peripheral's controller; then the link goes
        // down. Under heavy load the guest's btmon loses records (docs/hci.md, the capture
        // audit); then the capture cannot tell, and the kernel's counters say so.
        onAir =
            awaitQuietly(
                () ->
                    carrying(capture, pi, press, release).size() == 2
                        && carrying(capture, pi, Bytes.of(80), Bytes.of(42)).size() == 2);
        if (!onAir) {
          audit = CaptureAudit.check(HciTrace.read(capture), counters());
        }
        d.disconnect(WAIT);
        down =
            awaitQuietly(
                () ->
                    links.subList(mark, links.size()).stream()
                        .anyMatch(e -> e instanceof LinkEvent.Disconnected && e.index() == pi));
      } finally {
        LabPeers.forget(pa, peripheralCtl.address(), host, hostCtl.address());
      }
      if (!onAir || !down) {
        if (audit == null) {
          audit = CaptureAudit.check(HciTrace.read(capture), counters());
        }
        System.out.println(
            "unsubscribed: on the air " + onAir + ", disconnection " + down + "; audit: " + audit);
        Assumptions.assumeTrue(
            audit.complete(), "the capture lost records, it cannot show the flush: " + audit);
        throw new AssertionError("a complete capture without the flushed reports or the end");
      }
      for (List<Bytes> pair :
          List.of(
              List.of(Bytes.of(0, 0, 6, 0, 0, 0, 0, 0), Bytes.of(new int[8])),
              List.of(Bytes.of(80), Bytes.of(42)))) {
        List<AttRecord> air = carrying(capture, pi, pair.get(0), pair.get(1));
        System.out.println("unsubscribed: flushed on the air: " + air);
        assertTrue(air.get(0).time().compareTo(air.get(1).time()) <= 0, air.toString());
      }
      List<LinkEvent> mine = links.subList(mark, links.size());
      System.out.println(
          "unsubscribed: link events at "
              + peripheralCtl.name()
              + ": "
              + mine.stream().filter(e -> e.index() == pi).toList());
      assertTrue(
          mine.stream()
              .anyMatch(
                  e ->
                      e instanceof LinkEvent.EncryptionChanged c && c.index() == pi && c.enabled()),
          "pairing encrypted the link: " + mine);
    }
  }

  /** Waits up to 20 s; false instead of an exception. */
  private static boolean awaitQuietly(java.util.concurrent.Callable<Boolean> condition) {
    try {
      await().atMost(Duration.ofSeconds(20)).pollInterval(200, MILLISECONDS).until(condition);
      return true;
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      return false;
    }
  }

  /** {@code hciconfig hciN} of every lab controller, for {@link CaptureAudit}. */
  private static java.util.Map<String, String> counters() {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    for (Controller c : lab.controllers()) {
      dev.hogrig.lab.GuestShell.Result r =
          lab.shell().run("hciconfig " + c.name(), Duration.ofSeconds(20));
      assertEquals(0, r.exitCode(), r.output());
      out.put(c.name(), r.output());
    }
    return out;
  }

  private static long size(Path p) {
    try {
      return Files.exists(p) ? Files.size(p) : 0;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * The first notification the peripheral's controller sent carrying {@code press} (unique to this
   * test: other lab tests type 'a'), then the first after it carrying {@code release}; fewer when
   * not (yet) in the capture. Handle Value Notification (0x1B) or a value of a Multiple Handle
   * Value Notification (0x23, Core 5.3 Vol 3 Part F §3.4.7.4: handle LE16, length LE16, value,
   * repeated).
   */
  private static List<AttRecord> carrying(Path capture, int index, Bytes press, Bytes release) {
    List<AttRecord> out = new ArrayList<>();
    for (AttRecord r : HciTrace.read(capture).attPdus(index)) {
      if (r.direction() != Direction.TO_CONTROLLER) {
        continue;
      }
      List<Bytes> values = new ArrayList<>();
      if (r.pdu() instanceof AttPdu.HandleValueNotification n) {
        values.add(n.value());
      } else if (r.pdu() instanceof AttPdu.MultipleHandleValueNotification m) {
        m.values().forEach(v -> values.add(v.value()));
      }
      for (Bytes v : values) {
        if (out.size() == 0 && v.equals(press) || out.size() == 1 && v.equals(release)) {
          out.add(r);
        }
      }
    }
    return out;
  }
}
