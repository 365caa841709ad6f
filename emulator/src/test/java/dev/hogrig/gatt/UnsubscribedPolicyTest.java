package dev.hogrig.gatt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogrig.hid.ReportData;
import dev.hogrig.hid.ReportType;
import dev.hogrig.hid.Usage;
import dev.hogrig.hid.Usages;
import dev.hogrig.util.Bytes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What {@link HogpDevice} does with values to notify while no client is subscribed ({@link
 * UnsubscribedPolicy}), driven as the BlueZ backend drives it: {@code subscriptionChanged} for
 * StartNotify/StopNotify, a sink that records what would go on the air.
 *
 * <p>Expected report bytes are the HID 1.11 Appendix B.1 boot keyboard layout the keyboard
 * profile's descriptor uses: modifiers, reserved, six key codes (Usage IDs of HUT 1.4 §10: a 0x04,
 * b 0x05, c 0x06).
 */
class UnsubscribedPolicyTest {
  static final ReportData PRESS_A = new ReportData().press(new Usage(Usages.PAGE_KEYBOARD, 0x04));
  static final ReportData PRESS_B = new ReportData().press(new Usage(Usages.PAGE_KEYBOARD, 0x05));
  static final ReportData PRESS_C = new ReportData().press(new Usage(Usages.PAGE_KEYBOARD, 0x06));
  static final ReportData RELEASE = new ReportData();
  static final Bytes A = Bytes.fromHex("00 00 04 00 00 00 00 00");
  static final Bytes B = Bytes.fromHex("00 00 05 00 00 00 00 00");
  static final Bytes C = Bytes.fromHex("00 00 06 00 00 00 00 00");
  static final Bytes UP = Bytes.fromHex("00 00 00 00 00 00 00 00");

  /** One value the sink was given. */
  record Sent(CharacteristicHandle characteristic, Bytes value) {}

  final TestClock clock = new TestClock(Instant.parse("2026-11-23T12:00:00Z"));
  final List<Sent> sink = new ArrayList<>();
  final List<GattEvent> events = new ArrayList<>();

  HogpDevice keyboard(UnsubscribedPolicy policy) {
    HogpDevice d =
        HogpDevice.create(HidProfile.keyboard(), clock, (c, v) -> sink.add(new Sent(c, v)), policy);
    d.addListener(events::add);
    return d;
  }

  static CharacteristicHandle input(HogpDevice d) {
    return d.reportCharacteristic(ReportType.INPUT, 0);
  }

  HogpDevice.Delivery send(HogpDevice d, ReportData data) {
    return d.sendInput(ReportType.INPUT, 0, data).orElseThrow().delivery();
  }

  <T extends GattEvent> List<T> eventsOf(Class<T> type) {
    List<T> out = new ArrayList<>();
    for (GattEvent e : events) {
      if (type.isInstance(e)) {
        out.add(type.cast(e));
      }
    }
    return out;
  }

  List<Bytes> sentValues() {
    return sink.stream().map(Sent::value).toList();
  }

  @Test
  @DisplayName("Queued reports are flushed in order on subscription, before later live reports")
  void queuedThenSubscribedFlushesInOrderBeforeLiveReports() {
    HogpDevice d = keyboard(UnsubscribedPolicy.queue(8));
    CharacteristicHandle in = input(d);

    // Step 1: a and b typed before the host wrote the CCC: four reports, all queued.
    for (ReportData r : List.of(PRESS_A, RELEASE, PRESS_B, RELEASE)) {
      assertEquals(HogpDevice.Delivery.QUEUED, send(d, r));
    }
    assertEquals(List.of(), sink, "nothing may reach the air unsubscribed");
    assertEquals(4, d.pendingNotifications(in));
    assertEquals(
        List.of(1, 2, 3, 4),
        eventsOf(GattEvent.NotificationQueued.class).stream()
            .map(GattEvent.NotificationQueued::pending)
            .toList());
    assertEquals(UP, d.reportValue(ReportType.INPUT, 0), "a read sees the current state");

    // Step 2: the host subscribes (StartNotify) one second later: the queue goes out in order.
    clock.advance(Duration.ofSeconds(1));
    Instant subscribedAt = clock.instant();
    events.clear();
    d.subscriptionChanged(in, true);
    assertEquals(List.of(A, UP, B, UP), sentValues());
    assertTrue(sink.stream().allMatch(s -> s.characteristic().equals(in)));
    assertEquals(0, d.pendingNotifications(in));
    assertEquals(new GattEvent.SubscriptionChanged(subscribedAt, in, true), events.get(0));
    assertEquals(new GattEvent.QueueFlushed(subscribedAt, in, 4), events.get(1));
    assertEquals(
        List.of(A, UP, B, UP),
        events.subList(2, 6).stream().map(e -> ((GattEvent.Notification) e).value()).toList());

    // Step 3: a live report follows the flushed ones.
    assertEquals(HogpDevice.Delivery.SENT, send(d, PRESS_C));
    assertEquals(List.of(A, UP, B, UP, C), sentValues());
    assertEquals(0, d.droppedNotifications(in));
  }

  @Test
  @DisplayName("A full queue keeps the latest reports and counts each pushed-out one as dropped")
  void overflowKeepsTheLatestAndCountsTheDropped() {
    HogpDevice d = keyboard(UnsubscribedPolicy.queue(3));
    CharacteristicHandle in = input(d);

    // a press, a release, b press, b release, c press into a queue of 3.
    for (ReportData r : List.of(PRESS_A, RELEASE, PRESS_B, RELEASE, PRESS_C)) {
      assertEquals(HogpDevice.Delivery.QUEUED, send(d, r));
    }
    assertEquals(3, d.pendingNotifications(in));
    assertEquals(2, d.droppedNotifications(in));
    List<GattEvent.NotificationDropped> dropped = eventsOf(GattEvent.NotificationDropped.class);
    assertEquals(
        List.of(A, UP), dropped.stream().map(GattEvent.NotificationDropped::value).toList());
    assertEquals(
        List.of(1L, 2L), dropped.stream().map(GattEvent.NotificationDropped::dropped).toList());
    assertTrue(dropped.get(0).reason().contains("queue full"), dropped.get(0).reason());

    d.subscriptionChanged(in, true);
    // The a keystroke is lost whole; b arrives whole; c is held, as it is on the device.
    assertEquals(List.of(B, UP, C), sentValues());
  }

  /**
   * The policy's promise for any sequence of reports and any queue length: what reaches the host on
   * subscription is the newest {@code min(n, sent)} reports in order (so the last one, the device's
   * current state, is never lost), and everything older is counted as dropped.
   */
  @Property(tries = 200)
  void theHostGetsTheNewestReportsInOrderAndTheRestIsCounted(
      @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 3) Integer> keys,
      @ForAll @IntRange(min = 1, max = 10) int capacity) {
    sink.clear();
    HogpDevice d = keyboard(UnsubscribedPolicy.queue(capacity));
    CharacteristicHandle in = input(d);
    List<ReportData> table = List.of(RELEASE, PRESS_A, PRESS_B, PRESS_C);
    List<Bytes> bytes = List.of(UP, A, B, C);
    List<Bytes> expected = new ArrayList<>();
    for (int k : keys) {
      send(d, table.get(k));
      expected.add(bytes.get(k));
    }
    d.subscriptionChanged(in, true);
    int kept = Math.min(capacity, keys.size());
    assertEquals(expected.subList(keys.size() - kept, keys.size()), sentValues());
    assertEquals(keys.size() - kept, d.droppedNotifications(in));
  }

  /**
   * A sender thread keeps producing numbered reports while the host subscribes from another thread
   * (as StartNotify arrives on a dbus-java thread): the sink sees every report exactly once, queued
   * ones first, in production order.
   */
  @Test
  @DisplayName("Order holds when live reports race the subscription flush")
  void orderHoldsWhenLiveReportsRaceTheFlush() throws Exception {
    List<Sent> seen = java.util.Collections.synchronizedList(new ArrayList<>());
    HogpDevice d =
        HogpDevice.create(
            HidProfile.keyboard(),
            clock,
            (c, v) -> seen.add(new Sent(c, v)),
            UnsubscribedPolicy.queue(5000));
    CharacteristicHandle in = input(d);
    int n = 2000;
    java.util.concurrent.CountDownLatch half = new java.util.concurrent.CountDownLatch(1);
    Thread sender =
        new Thread(
            () -> {
              for (int i = 0; i < n; i++) {
                // Raw payload: the counter in two key-code octets (only the length is checked).
                d.sendInput(ReportType.INPUT, 0, Bytes.of(0, 0, i & 0xff, i >> 8, 0, 0, 0, 0));
                if (i == n / 4) {
                  half.countDown();
                }
              }
            });
    sender.start();
    half.await();
    d.subscriptionChanged(in, true);
    sender.join();
    assertEquals(n, seen.size());
    for (int i = 0; i < n; i++) {
      Bytes v = seen.get(i).value();
      assertEquals(i, v.get(2) | v.get(3) << 8, "report " + i + " in place");
    }
    assertEquals(0, d.droppedNotifications(in));
  }

  @Test
  @DisplayName("Drop policy: every unsubscribed report is counted and reported, none is sent")
  void dropPolicyCountsEveryValue() {
    HogpDevice d = keyboard(UnsubscribedPolicy.drop());
    CharacteristicHandle in = input(d);
    assertEquals(HogpDevice.Delivery.DROPPED, send(d, PRESS_A));
    assertEquals(HogpDevice.Delivery.DROPPED, send(d, RELEASE));
    assertEquals(2, d.droppedNotifications(in));
    assertEquals(0, d.pendingNotifications(in));
    assertEquals(
        List.of(1L, 2L),
        eventsOf(GattEvent.NotificationDropped.class).stream()
            .map(GattEvent.NotificationDropped::dropped)
            .toList());

    d.subscriptionChanged(in, true);
    assertEquals(List.of(), sink, "nothing queued, nothing flushed");
    assertEquals(List.of(), eventsOf(GattEvent.QueueFlushed.class));
    assertEquals(HogpDevice.Delivery.SENT, send(d, PRESS_B));
    assertEquals(List.of(B), sentValues());
  }

  @Test
  @DisplayName("Unsubscribing (StopNotify, or the host disconnecting) queues again")
  void unsubscribingQueuesAgain() {
    HogpDevice d = keyboard(UnsubscribedPolicy.defaults());
    CharacteristicHandle in = input(d);
    d.subscriptionChanged(in, true);
    assertEquals(HogpDevice.Delivery.SENT, send(d, PRESS_A));
    d.subscriptionChanged(in, false);
    assertFalse(d.isSubscribed(in));
    assertEquals(HogpDevice.Delivery.QUEUED, send(d, RELEASE));
    assertEquals(List.of(A), sentValues());
    d.subscriptionChanged(in, true);
    assertEquals(List.of(A, UP), sentValues());
    assertEquals(
        List.of(true, false, true),
        eventsOf(GattEvent.SubscriptionChanged.class).stream()
            .map(GattEvent.SubscriptionChanged::subscribed)
            .toList());
  }

  @Test
  @DisplayName("Battery Level has its own queue, flushed only when Battery Level is subscribed")
  void batteryLevelQueuesPerCharacteristic() {
    HogpDevice d = keyboard(UnsubscribedPolicy.defaults());
    CharacteristicHandle battery = d.batteryLevel();
    assertEquals(HogpDevice.Delivery.QUEUED, d.setBatteryLevel(80).delivery());
    assertEquals(HogpDevice.Delivery.QUEUED, d.setBatteryLevel(75).delivery());
    assertEquals(Bytes.of(75), ((AttResult.Value) d.read(battery, 0, host())).value());

    d.subscriptionChanged(input(d), true);
    assertEquals(List.of(), sink, "subscribing to the input report flushes no battery level");
    assertEquals(2, d.pendingNotifications(battery));

    d.subscriptionChanged(battery, true);
    // Battery Level is one octet, 0-100 (BAS 1.0 §3.1): 80 = 0x50, 75 = 0x4B.
    assertEquals(
        List.of(new Sent(battery, Bytes.of(0x50)), new Sent(battery, Bytes.of(0x4b))), sink);
  }

  @Test
  @DisplayName("Boot reports in boot mode queue on the Boot Keyboard Input characteristic")
  void bootInputQueuesOnItsOwnCharacteristic() {
    HogpDevice d = keyboard(UnsubscribedPolicy.defaults());
    d.write(d.protocolMode().orElseThrow(), 0, Bytes.of(0x00), false, host());
    HogpDevice.SentInput s = d.sendInput(ReportType.INPUT, 0, PRESS_A).orElseThrow();
    CharacteristicHandle boot = d.bootKeyboardInput().orElseThrow();
    assertEquals(boot, s.characteristic());
    assertEquals(HogpDevice.Delivery.QUEUED, s.delivery());
    d.subscriptionChanged(boot, true);
    assertEquals(List.of(new Sent(boot, A)), sink);
  }

  @Test
  @DisplayName("Subscription state: repeats change nothing; only notifiable characteristics")
  void subscriptionChangesAreCheckedAndIdempotent() {
    HogpDevice d = keyboard(UnsubscribedPolicy.defaults());
    CharacteristicHandle in = input(d);
    d.subscriptionChanged(in, true);
    d.subscriptionChanged(in, true);
    d.subscriptionChanged(in, false);
    d.subscriptionChanged(in, false);
    assertEquals(2, eventsOf(GattEvent.SubscriptionChanged.class).size());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> d.subscriptionChanged(d.reportMap(), true));
    assertTrue(e.getMessage().contains("Report Map"), e.getMessage());
    assertTrue(d.notifiableCharacteristics().contains(d.batteryLevel()));
    assertFalse(d.notifiableCharacteristics().contains(d.controlPoint()));
  }

  @Test
  @DisplayName("Policies: queue(n) needs n >= 1; the default is queue(32)")
  void policyValues() {
    assertEquals(UnsubscribedPolicy.queue(32), UnsubscribedPolicy.defaults());
    assertEquals(
        UnsubscribedPolicy.defaults(),
        keyboard(UnsubscribedPolicy.defaults()).unsubscribedPolicy());
    assertEquals(
        UnsubscribedPolicy.defaults(),
        HogpDevice.create(HidProfile.mouse(), clock, NotificationSink.none()).unsubscribedPolicy());
    assertThrows(GattModelException.class, () -> UnsubscribedPolicy.queue(0));
    assertEquals("drop()", UnsubscribedPolicy.drop().toString());
  }

  static ConnectionInfo host() {
    return ConnectionInfo.of("AA:BB:CC:DD:EE:FF", SecurityLevel.SECURE);
  }
}
