package dev.hogrig.bluez;

import dev.hogrig.bluez.PeripheralEvent.AdapterAdded;
import dev.hogrig.bluez.PeripheralEvent.AdapterPoweredOff;
import dev.hogrig.bluez.PeripheralEvent.AdapterPoweredOn;
import dev.hogrig.bluez.PeripheralEvent.AdapterRemoved;
import dev.hogrig.bluez.PeripheralEvent.AttemptFailed;
import dev.hogrig.bluez.PeripheralEvent.BluezBack;
import dev.hogrig.bluez.PeripheralEvent.BluezLost;
import dev.hogrig.bluez.PeripheralEvent.Recovered;
import dev.hogrig.bluez.PeripheralEvent.RecoveryFailed;
import dev.hogrig.bluez.PeripheralEvent.RecoveryStarted;
import dev.hogrig.bluez.PeripheralEvent.Registration;
import dev.hogrig.bluez.PeripheralEvent.Reregistered;
import dev.hogrig.bluez.PeripheralEvent.StillRegistered;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The part of a {@link BluezPeripheral} that registers everything again when bluetoothd comes back
 * or the adapter powers on ({@link BluezWatch} feeds it), and reports what it sees and does as
 * {@link PeripheralEvent}s.
 *
 * <p>Signals arrive on dbus-java's one signal thread, which must not wait for bluetoothd, so they
 * only record a request; one worker thread of this peripheral runs recovery passes. A pass waits
 * (bounded) until the adapter exists and is powered, then runs the steps in start order. Requests
 * that arrive while a pass still waits for the adapter are served by that pass (bluetoothd's
 * restart sends three: NameOwnerChanged, InterfacesAdded, Powered = true); one that arrives after
 * it began registering causes one more pass, whose steps then mostly answer AlreadyExists ({@link
 * StillRegistered}). Each step tolerates AlreadyExists, so a pass after a mere power cycle (which
 * keeps BlueZ's registrations) only reports what is still there.
 */
final class PeripheralRecovery implements BluezWatch.Sink, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(PeripheralRecovery.class.getName());

  /** One registration: true when bluetoothd took it anew, false when it still had it. */
  interface Action {
    boolean register();
  }

  record Step(Registration what, Action action) {}

  /** Whether the adapter exists and is powered (may throw while bluetoothd is gone). */
  interface Readiness {
    boolean ready();
  }

  private final String adapterName;
  private final RecoveryPolicy policy;
  private final Clock clock;
  private final List<Step> steps;
  private final Readiness readiness;
  private final List<Consumer<? super PeripheralEvent>> listeners = new CopyOnWriteArrayList<>();
  private final ExecutorService worker;
  private long requested;
  private long served;
  private long firstUnservedNanos;
  private String reason;
  private boolean running;
  private volatile boolean closed;
  private volatile Thread workerThread;

  PeripheralRecovery(
      String adapterName,
      RecoveryPolicy policy,
      Clock clock,
      List<Step> steps,
      Readiness readiness) {
    this.adapterName = adapterName;
    this.policy = policy;
    this.clock = clock;
    this.steps = List.copyOf(steps);
    this.readiness = readiness;
    this.worker =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "hogrig-recovery-" + adapterName);
              t.setDaemon(true);
              workerThread = t;
              return t;
            });
  }

  void addListener(Consumer<? super PeripheralEvent> listener) {
    listeners.add(listener);
  }

  void removeListener(Consumer<? super PeripheralEvent> listener) {
    listeners.remove(listener);
  }

  private Instant now() {
    return clock.instant();
  }

  private void emit(PeripheralEvent e) {
    LOG.log(Level.FINE, "{0}: {1}", new Object[] {adapterName, e});
    for (Consumer<? super PeripheralEvent> l : listeners) {
      try {
        l.accept(e);
      } catch (RuntimeException ex) {
        LOG.log(Level.FINE, "peripheral event listener failed on " + e, ex);
      }
    }
  }

  // --- signals (dbus-java's signal thread) -------------------------------------------------

  @Override
  public void bluezOwnerChanged(String oldOwner, String newOwner) {
    if (oldOwner != null && !oldOwner.isEmpty()) {
      emit(new BluezLost(now(), oldOwner));
    }
    if (newOwner != null && !newOwner.isEmpty()) {
      emit(new BluezBack(now(), newOwner));
      request("bluetoothd back as " + newOwner);
    }
  }

  @Override
  public void powered(boolean on) {
    if (on) {
      emit(new AdapterPoweredOn(now(), adapterName));
      request(adapterName + " powered on");
    } else {
      emit(new AdapterPoweredOff(now(), adapterName));
    }
  }

  @Override
  public void adapterAdded(boolean powered) {
    emit(new AdapterAdded(now(), adapterName, powered));
    if (powered) {
      request(adapterName + " added, powered");
    }
  }

  @Override
  public void adapterRemoved() {
    emit(new AdapterRemoved(now(), adapterName));
  }

  /** Asks for a recovery pass; cheap, never blocks on D-Bus. */
  synchronized void request(String why) {
    if (closed || policy.maxAttempts() == 0) {
      return;
    }
    if (served >= requested) {
      firstUnservedNanos = System.nanoTime();
    }
    requested++;
    reason = why;
    if (!running) {
      running = true;
      worker.execute(this::work);
    }
  }

  // --- the worker ----------------------------------------------------------------------------

  private void work() {
    while (true) {
      String why;
      long since;
      synchronized (this) {
        if (closed || served >= requested) {
          running = false;
          return;
        }
        served = requested;
        why = reason;
        since = firstUnservedNanos;
      }
      pass(why, since);
    }
  }

  private void pass(String why, long since) {
    for (int attempt = 1; attempt <= policy.maxAttempts() && !closed; attempt++) {
      emit(new RecoveryStarted(now(), attempt, why));
      try {
        awaitReady();
        synchronized (this) {
          served = requested; // what came while waiting for the adapter is served by this pass
        }
        for (Step s : steps) {
          long t = System.nanoTime();
          boolean anew = s.action().register();
          Duration took = Duration.ofNanos(System.nanoTime() - t);
          emit(
              anew
                  ? new Reregistered(now(), s.what(), took)
                  : new StillRegistered(now(), s.what()));
        }
        emit(new Recovered(now(), attempt, Duration.ofNanos(System.nanoTime() - since)));
        return;
      } catch (RuntimeException e) {
        if (closed) {
          return;
        }
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        if (attempt >= policy.maxAttempts()) {
          emit(new RecoveryFailed(now(), attempt, msg));
          return;
        }
        Duration wait = policy.backoff(attempt);
        emit(new AttemptFailed(now(), attempt, msg, wait));
        if (!sleep(wait.toMillis())) {
          return;
        }
      }
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + policy.readyTimeout().toNanos();
    RuntimeException last = null;
    while (true) {
      try {
        if (readiness.ready()) {
          return;
        }
        last = null;
      } catch (RuntimeException e) {
        last = e; // bluetoothd not there yet, or the adapter object not yet made
      }
      if (System.nanoTime() > deadline || closed) {
        throw new BluezException(
            "wait for " + adapterName + " to be present and powered",
            "/org/bluez/" + adapterName,
            BluezException.TIMEOUT,
            "not within "
                + policy.readyTimeout()
                + (last == null ? "" : " (" + last.getMessage() + ")"),
            "power the adapter on (Adapter.setPowered(true)); the peripheral re-registers when it"
                + " reports Powered = true",
            last);
      }
      if (!sleep(100)) {
        throw new BluezException(
            "wait for " + adapterName, "-", "java.lang.InterruptedException", null, null);
      }
    }
  }

  private static boolean sleep(long ms) {
    try {
      Thread.sleep(ms);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Stops recovery: no new pass; a running one is interrupted and waited for (5 s at most; not when
   * called from a listener on the recovery thread itself).
   */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    worker.shutdownNow();
    if (Thread.currentThread() == workerThread) {
      return;
    }
    try {
      worker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
