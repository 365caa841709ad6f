package dev.hogrig.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * A guest JVM reads its class path through the uncached view of the machine's root: the guest's own
 * root is cached loosely, and would keep serving classes from before a rebuild.
 */
class GuestJavaClassPathTest {
  @Test
  void everyEntryIsReadThroughTheUncachedRoot() {
    assertEquals(
        "/run/hogrig-lab/fresh/work/x/target/classes:/run/hogrig-lab/fresh/root/.m2/a.jar",
        GuestJava.guestClassPath("/work/x/target/classes:/root/.m2/a.jar"));
  }

  @Test
  void relativeEntriesBecomeAbsoluteAndEmptyOnesGo() {
    String here = System.getProperty("user.dir");
    assertEquals(
        "/run/hogrig-lab/fresh" + here + "/target/classes",
        GuestJava.guestClassPath("::target/classes:"));
  }
}
