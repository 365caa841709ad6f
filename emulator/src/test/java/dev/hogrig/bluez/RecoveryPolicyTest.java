package dev.hogrig.bluez;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The bounds a peripheral's recovery promises (see {@link RecoveryPolicy}'s comment). */
class RecoveryPolicyTest {
  @Test
  void backoffDoublesFromTheFirstAndStopsAtTheMaximum() {
    RecoveryPolicy p = RecoveryPolicy.DEFAULT;
    assertEquals(Duration.ofMillis(500), p.backoff(1));
    assertEquals(Duration.ofSeconds(1), p.backoff(2));
    assertEquals(Duration.ofSeconds(2), p.backoff(3));
    assertEquals(Duration.ofSeconds(4), p.backoff(4));
    assertEquals(Duration.ofSeconds(8), p.backoff(5));
    assertEquals(Duration.ofSeconds(8), p.backoff(60));
  }

  @Test
  void theDefaultIsBounded() {
    assertEquals(5, RecoveryPolicy.DEFAULT.maxAttempts());
    assertEquals(0, RecoveryPolicy.OFF.maxAttempts());
  }

  @Test
  void negativeBoundsAreRejectedWithTheirName() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new RecoveryPolicy(-1, Duration.ZERO, Duration.ZERO, Duration.ZERO));
    assertEquals("RecoveryPolicy.maxAttempts must be >= 0: -1", e.getMessage());
  }
}
