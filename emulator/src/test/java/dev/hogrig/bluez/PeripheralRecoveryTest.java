package dev.hogrig.bluez;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogrig.bluez.PeripheralEvent.AttemptFailed;
import dev.hogrig.bluez.PeripheralEvent.Recovered;
import dev.hogrig.bluez.PeripheralEvent.RecoveryFailed;
import dev.hogrig.bluez.PeripheralEvent.RecoveryStarted;
import dev.hogrig.bluez.PeripheralEvent.Registration;
import dev.hogrig.bluez.PeripheralEvent.Reregistered;
import dev.hogrig.bluez.PeripheralEvent.StillRegistered;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The recovery state machine alone (what D-Bus does is {@code RecoveryLabTest}'s): the steps are
 * plain Java actions here, so the bounds, the order and the coalescing of signals can be checked
 * exactly.
 */
class PeripheralRecoveryTest {
  private static final RecoveryPolicy FAST =
      new RecoveryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(15), Duration.ofMillis(300));

  private final List<PeripheralEvent> events = new CopyOnWriteArrayList<>();

  private static <T> long count(List<PeripheralEvent> events, Class<T> type) {
    return events.stream().filter(type::isInstance).count();
  }

  @Test
  void failingStepsAreRetriedWithBackoffThenGivenUpOnce() {
    AtomicInteger calls = new AtomicInteger();
    PeripheralRecovery r =
        new PeripheralRecovery(
            "hci9",
            FAST,
            Clock.systemUTC(),
            List.of(
                new PeripheralRecovery.Step(
                    Registration.AGENT,
                    () -> {
                      calls.incrementAndGet();
                      throw new BluezException("x", "/", "org.bluez.Error.Failed", "no", null);
                    })),
            () -> true);
    r.addListener(events::add);
    try {
      r.powered(true);
      await().atMost(Duration.ofSeconds(10)).until(() -> count(events, RecoveryFailed.class) == 1);
      assertEquals(3, calls.get());
      assertEquals(3, count(events, RecoveryStarted.class));
      List<Duration> waits =
          events.stream()
              .filter(AttemptFailed.class::isInstance)
              .map(e -> ((AttemptFailed) e).retryIn())
              .toList();
      assertEquals(List.of(Duration.ofMillis(10), Duration.ofMillis(15)), waits);
      RecoveryFailed f =
          (RecoveryFailed)
              events.stream().filter(RecoveryFailed.class::isInstance).findFirst().orElseThrow();
      assertEquals(3, f.attempts());
      assertTrue(f.reason().contains("org.bluez.Error.Failed"), f.reason());
    } finally {
      r.close();
    }
  }

  @Test
  void signalsWhileWaitingForTheAdapterAreServedByOnePassInStartOrder() throws Exception {
    AtomicBoolean ready = new AtomicBoolean();
    List<Registration> ran = new CopyOnWriteArrayList<>();
    List<PeripheralRecovery.Step> steps = new java.util.ArrayList<>();
    for (Registration what : Registration.values()) {
      steps.add(
          new PeripheralRecovery.Step(
              what,
              () -> {
                ran.add(what);
                return what != Registration.ALIAS;
              }));
    }
    PeripheralRecovery r =
        new PeripheralRecovery(
            "hci9",
            new RecoveryPolicy(
                2, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(10)),
            Clock.systemUTC(),
            steps,
            ready::get);
    r.addListener(events::add);
    try {
      // The order bluetoothd's restart produced in the lab.
      r.bluezOwnerChanged(":1.0", "");
      r.bluezOwnerChanged("", ":1.2");
      r.adapterAdded(false);
      Thread.sleep(150);
      r.powered(true);
      ready.set(true);
      await().atMost(Duration.ofSeconds(10)).until(() -> count(events, Recovered.class) == 1);
      Thread.sleep(300); // a second pass would have started by now
      assertEquals(List.of(Registration.values()), ran);
      assertEquals(1, count(events, RecoveryStarted.class), "one pass: " + events);
      assertEquals(4, count(events, Reregistered.class));
      assertEquals(1, count(events, StillRegistered.class));
    } finally {
      r.close();
    }
  }

  @Test
  void powerOffAndOffPolicyOnlyReport() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    PeripheralRecovery r =
        new PeripheralRecovery(
            "hci9",
            RecoveryPolicy.OFF,
            Clock.systemUTC(),
            List.of(
                new PeripheralRecovery.Step(
                    Registration.ADVERTISEMENT,
                    () -> {
                      calls.incrementAndGet();
                      return true;
                    })),
            () -> true);
    r.addListener(events::add);
    try {
      r.powered(false);
      r.powered(true);
      Thread.sleep(200);
      assertEquals(0, calls.get());
      assertEquals(
          List.of(PeripheralEvent.AdapterPoweredOff.class, PeripheralEvent.AdapterPoweredOn.class),
          events.stream().map(Object::getClass).toList());
    } finally {
      r.close();
    }
  }
}
