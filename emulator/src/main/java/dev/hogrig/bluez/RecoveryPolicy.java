package dev.hogrig.bluez;

import java.time.Duration;

/**
 * How hard a {@link BluezPeripheral} tries to register again after bluetoothd came back or its
 * adapter powered on: at most {@code maxAttempts} attempts; each first waits up to {@code
 * readyTimeout} for the adapter to exist and be powered, then registers; after a failed attempt it
 * waits {@code firstBackoff}, doubling up to {@code maxBackoff}. The worst case is bounded: {@code
 * maxAttempts × (readyTimeout + registration calls) + the backoffs}.
 */
public record RecoveryPolicy(
    int maxAttempts, Duration firstBackoff, Duration maxBackoff, Duration readyTimeout) {

  /** 5 attempts, backoff 0.5 s doubling to 8 s, 30 s for the adapter to be powered. */
  public static final RecoveryPolicy DEFAULT =
      new RecoveryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(30));

  /** No recovery at all: the peripheral only reports what it sees. */
  public static final RecoveryPolicy OFF =
      new RecoveryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO);

  public RecoveryPolicy {
    if (maxAttempts < 0) {
      throw new IllegalArgumentException("RecoveryPolicy.maxAttempts must be >= 0: " + maxAttempts);
    }
    for (Duration d : new Duration[] {firstBackoff, maxBackoff, readyTimeout}) {
      if (d == null || d.isNegative()) {
        throw new IllegalArgumentException("RecoveryPolicy durations must be >= 0: " + d);
      }
    }
  }

  /** The wait after failed attempt {@code attempt} (1-based): first × 2^(attempt-1), capped. */
  public Duration backoff(int attempt) {
    Duration d = firstBackoff;
    for (int i = 1; i < attempt && d.compareTo(maxBackoff) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
  }
}
