package dev.hogrig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hogrig.cli.CliTest.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hogrig lab up|status|shell|down} as a person uses them: the lab outlives the command that
 * started it, later commands find it, and {@code down} leaves no qemu behind. Boots one lab. Like
 * the other lab tests it never skips with CI=true.
 */
class LabCliTest {

  @Test
  void upStatusShellDown(@TempDir Path dir) {
    boolean ci = "true".equals(System.getenv("CI"));
    assumeTrue(ci || !"skip".equals(System.getenv("HOGRIG_LAB")), "HOGRIG_LAB=skip");
    assumeTrue(
        ci || Files.isExecutable(Path.of("/usr/bin/qemu-system-x86_64")), "lab packages missing");
    String d = dir.toString();

    Result down0 = CliTest.run("lab", "status", "--dir", d);
    assertEquals(1, down0.exit(), "no lab yet: " + down0.out());

    Result up = CliTest.run("lab", "up", "--dir", d);
    long pid = 0;
    try {
      assertEquals(0, up.exit(), up.out() + up.err());
      Matcher m = Pattern.compile("qemu pid (\\d+)").matcher(up.out());
      assertTrue(m.find(), up.out());
      pid = Long.parseLong(m.group(1));
      assertTrue(up.out().contains("tcp:host=127.0.0.1,port="), up.out());
      long controllers = up.out().lines().filter(l -> l.contains("controller   hci")).count();
      assertTrue(controllers >= 2, "two usable controllers at least: " + up.out());

      Result status = CliTest.run("lab", "status", "--dir", d);
      assertEquals(0, status.exit(), status.out());
      assertTrue(status.out().contains("qemu pid " + pid), status.out());

      Result version = CliTest.run("lab", "shell", "--dir", d, "cat", "/proc/version");
      assertEquals(0, version.exit(), version.err());
      assertTrue(version.out().startsWith("Linux version"), version.out());

      assertEquals(3, CliTest.run("lab", "shell", "--dir", d, "exit 3").exit());

      Result piped = CliTest.withInput("echo one\necho two\n", "lab", "shell", "--dir", d);
      assertEquals("one\ntwo\n", piped.out());
    } finally {
      Result down = CliTest.run("lab", "down", "--dir", d);
      assertEquals(0, down.exit(), down.out() + down.err());
    }
    assertFalse(
        ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "qemu " + pid + " gone");
    assertEquals(1, CliTest.run("lab", "status", "--dir", d).exit());
    assertEquals("lab already down\n", CliTest.run("lab", "down", "--dir", d).out());
  }
}
