package dev.hogrig.bluez;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

  /** As BluezValuesTest's rule for the older classes: no dbus-java type in the new public API. */
  @Test
  void recoveryTypesArePlainJava() {
    List<Class<?>> types = new ArrayList<>(List.of(RecoveryPolicy.class, PeripheralEvent.class));
    types.addAll(List.of(PeripheralEvent.class.getPermittedSubclasses()));
    for (Class<?> c : types) {
      assertTrue(Modifier.isPublic(c.getModifiers()), c.getName());
      for (Method m : c.getMethods()) {
        List<Type> sig = new ArrayList<>(List.of(m.getGenericParameterTypes()));
        sig.add(m.getGenericReturnType());
        for (Type t : sig) {
          assertFalse(t.getTypeName().contains("org.freedesktop"), c + "." + m.getName());
        }
      }
    }
    assertEquals(12, PeripheralEvent.class.getPermittedSubclasses().length);
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
