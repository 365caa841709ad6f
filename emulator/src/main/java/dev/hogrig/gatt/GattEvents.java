package dev.hogrig.gatt;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Stamps events with an injected clock and hands them to listeners, in the calling thread, in
 * order. Tests inject a fixed or virtual clock; the rig injects the system clock.
 */
public final class GattEvents {
  private final Clock clock;
  private final List<Consumer<? super GattEvent>> listeners = new CopyOnWriteArrayList<>();

  public GattEvents(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public Instant now() {
    return clock.instant();
  }

  public void addListener(Consumer<? super GattEvent> listener) {
    listeners.add(Objects.requireNonNull(listener));
  }

  public void removeListener(Consumer<? super GattEvent> listener) {
    listeners.remove(listener);
  }

  /** Delivers {@code event}; a listener that throws does not stop the others. */
  public void publish(GattEvent event) {
    RuntimeException first = null;
    for (Consumer<? super GattEvent> l : listeners) {
      try {
        l.accept(event);
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
